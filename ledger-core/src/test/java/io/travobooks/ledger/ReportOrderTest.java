package io.travobooks.ledger;

import io.travobooks.spi.AccountId;
import io.travobooks.spi.ledger.AccountType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportOrderTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    private static final List<String> CODES = List.of("USD", "BDT", "KWD", "EUR", "JPY", "AED");

    @Test
    void everyReportKeepsItsCurrenciesInCodeOrder() {
        Map<Currency, TrialBalance.Table> tables = new HashMap<>();
        Map<Currency, IncomeStatement.Section> statements = new HashMap<>();
        Map<Currency, BalanceSheet.Section> sheets = new HashMap<>();
        for (String code : CODES) {
            tables.put(Currency.getInstance(code), new TrialBalance.Table(List.of(), 0, 0));
            statements.put(Currency.getInstance(code), new IncomeStatement.Section(List.of(), List.of(), 0, 0));
            sheets.put(Currency.getInstance(code),
                    new BalanceSheet.Section(List.of(), List.of(), List.of(), 0, 0, 0, 0));
        }
        List<Currency> byCode = List.of(currency("AED"), currency("BDT"), currency("EUR"), currency("JPY"),
                currency("KWD"), currency("USD"));

        assertThat(new TrialBalance(DAY, tables).byCurrency().keySet()).containsExactlyElementsOf(byCode);
        assertThat(new IncomeStatement(DAY, DAY, statements).byCurrency().keySet()).containsExactlyElementsOf(byCode);
        assertThat(new BalanceSheet(DAY, sheets).byCurrency().keySet()).containsExactlyElementsOf(byCode);
        // A sorted map in another order is put back in code order, and the copy cannot be changed.
        TreeMap<Currency, TrialBalance.Table> reversed = new TreeMap<>(
                Comparator.comparing(Currency::getCurrencyCode).reversed());
        reversed.putAll(tables);
        TrialBalance trial = new TrialBalance(DAY, reversed);
        assertThat(trial.byCurrency().keySet()).containsExactlyElementsOf(byCode);
        assertThat(trial.byCurrency().firstKey()).isEqualTo(currency("AED"));
        assertThatThrownBy(() -> trial.byCurrency().remove(currency("USD")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theAccountsOfATableAreTheOwnBalancesInCodeOrderAndAddUpToItsTotals() {
        // Chart order: 1100 sits under 11, 1125 under 1 after 11's sub-accounts; 50 is posted to 11 itself.
        TrialBalance.Table table = new TrialBalance.Table(List.of(
                line("1", 0, 0, 1050, true),
                line("1000", 1, 500, 500, false),
                line("11", 1, 50, 350, true),
                line("1100", 2, 300, 300, false),
                line("1125", 1, 200, 200, false),
                line("2", 0, 0, -700, true),
                line("2100", 1, -700, -700, false),
                line("3", 0, 0, -350, true),
                line("3000", 1, -350, -350, false)), 1050, 1050);

        // The headers 1, 2 and 3 have no balance of their own; 11 has 50.
        assertThat(table.accounts()).containsExactly(
                balance("1000", 500, 0), balance("11", 50, 0), balance("1100", 300, 0), balance("1125", 200, 0),
                balance("2100", 0, 700), balance("3000", 0, 350));
        // 500 + 50 + 300 + 200 = 1050 = 700 + 350.
        assertThat(table.accounts().stream().mapToLong(TrialBalance.AccountBalance::debit).sum())
                .isEqualTo(table.totalDebit());
        assertThat(table.accounts().stream().mapToLong(TrialBalance.AccountBalance::credit).sum())
                .isEqualTo(table.totalCredit());
        assertThat(table.lines()).filteredOn(ReportLine::rollup).extracting(line -> line.account().value())
                .containsExactly("1", "11", "2", "3");
    }

    private static ReportLine line(String code, int depth, long own, long total, boolean rollup) {
        return new ReportLine(AccountId.of(code), "account " + code, type(code), depth, own, total, rollup);
    }

    private static TrialBalance.AccountBalance balance(String code, long debit, long credit) {
        return new TrialBalance.AccountBalance(AccountId.of(code), "account " + code, type(code), debit, credit);
    }

    private static AccountType type(String code) {
        return switch (code.charAt(0)) {
            case '1' -> AccountType.ASSET;
            case '2' -> AccountType.LIABILITY;
            default -> AccountType.EQUITY;
        };
    }

    private static Currency currency(String code) {
        return Currency.getInstance(code);
    }
}
