package io.travobooks.ledger.internal;

import io.travobooks.ledger.ReportLine;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.ledger.Account;
import io.travobooks.spi.ledger.AccountStatus;
import io.travobooks.spi.ledger.AccountType;
import io.travobooks.spi.ledger.Side;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class HierarchyTest {
    private static final TenantId TENANT = TenantId.of("t1");

    /**
     * 1 Assets: 1000, 11 Receivables (1100, 1150), 1125 and 1200; 2 Liabilities: 2100; 3 Equity: 3000. 1125 sits
     * under 1, not 11, so chart order puts it after 11's sub-accounts although its code sorts before 1150.
     */
    private static final Hierarchy CHART = new Hierarchy(List.of(
            account("3000", "3", AccountType.EQUITY), account("1", null, AccountType.ASSET),
            account("1200", "1", AccountType.ASSET), account("1125", "1", AccountType.ASSET),
            account("11", "1", AccountType.ASSET), account("1150", "11", AccountType.ASSET),
            account("1100", "11", AccountType.ASSET), account("1000", "1", AccountType.ASSET),
            account("2", null, AccountType.LIABILITY), account("2100", "2", AccountType.LIABILITY),
            account("3", null, AccountType.EQUITY)));

    /** Debit-positive; 50 posted to the header 11 itself. They sum to zero: 500 + 50 + 300 + 200 - 700 - 350. */
    private static final Map<AccountId, Long> OWN = Map.of(
            AccountId.of("1000"), 500L, AccountId.of("11"), 50L, AccountId.of("1100"), 300L,
            AccountId.of("1125"), 200L, AccountId.of("2100"), -700L, AccountId.of("3000"), -350L);

    @Test
    void linesComeInChartOrderWithRollupsMarked() {
        List<ReportLine> lines = CHART.lines(OWN, account -> true);

        // 1 totals 500 + (50 + 300) + 200 = 1050; 1150 and 1200 have nothing and are left out.
        assertThat(lines).containsExactly(
                line("1", 0, 0, 1050, true),
                line("1000", 1, 500, 500, false),
                line("11", 1, 50, 350, true),
                line("1100", 2, 300, 300, false),
                line("1125", 1, 200, 200, false),
                line("2", 0, 0, -700, true),
                line("2100", 1, -700, -700, false),
                line("3", 0, 0, -350, true),
                line("3000", 1, -350, -350, false));
        // Own balances count each account once; totals count 1100 in 11 and in 1 again.
        assertThat(lines.stream().mapToLong(ReportLine::own).sum()).isZero();
        assertThat(lines.stream().mapToLong(ReportLine::total).sum()).isEqualTo(300);
    }

    @Test
    void aHeaderIsARollupEvenWhenItsSubAccountsNetToZero() {
        Map<AccountId, Long> own = Map.of(AccountId.of("11"), 50L, AccountId.of("1100"), 30L,
                AccountId.of("1150"), -30L, AccountId.of("3000"), -50L);

        List<ReportLine> lines = CHART.lines(own, account -> true);

        // 11: own 50, total 50 + 30 - 30 = 50, and still the subtotal of 1100 and 1150 listed under it.
        assertThat(lines).filteredOn(line -> line.account().value().equals("11"))
                .containsExactly(line("11", 1, 50, 50, true));
        assertThat(lines).filteredOn(ReportLine::rollup).extracting(line -> line.account().value())
                .containsExactly("1", "11", "3");
    }

    @Test
    void anExcludedHeaderHandsItsSubAccountsToTheNearestIncludedAncestor() {
        List<ReportLine> lines = CHART.lines(OWN, account -> !account.id().value().equals("11"));

        // 11's own 50 is not counted: 1 totals 500 + 300 + 200 = 1000, with 1100 directly under it.
        assertThat(lines.subList(0, 4)).containsExactly(
                line("1", 0, 0, 1000, true),
                line("1000", 1, 500, 500, false),
                line("1100", 1, 300, 300, false),
                line("1125", 1, 200, 200, false));
    }

    private static ReportLine line(String code, int depth, long own, long total, boolean rollup) {
        Account account = CHART.account(AccountId.of(code));
        return new ReportLine(account.id(), account.name(), account.type(), depth, own, total, rollup);
    }

    private static Account account(String code, String parent, AccountType type) {
        Side normal = type == AccountType.ASSET ? Side.DEBIT : Side.CREDIT;
        return new Account(TENANT, AccountId.of(code), "account " + code, type, normal,
                Optional.ofNullable(parent).map(AccountId::of), AccountStatus.OPEN, Optional.empty(), false,
                OptionalLong.empty());
    }
}
