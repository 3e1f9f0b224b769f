package io.travobooks.bench;

import io.travobooks.ledger.AccountSpec;
import io.travobooks.ledger.JournalEntry;
import io.travobooks.ledger.Ledger;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.Money;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.ledger.AccountType;
import io.travobooks.spi.ledger.EntryLine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The posting workload: 10 tenants with 100 accounts each (1,000 accounts), 2-line entries, 10% of them
 * touching one hot account (tenant 0's account A000, think BSP payable).
 */
final class Workload {
    static final int TENANTS = 10;
    static final int ACCOUNTS_PER_TENANT = 100;
    static final double HOT_SHARE = 0.10;
    static final Currency BDT = Currency.getInstance("BDT");
    static final LocalDate DAY = LocalDate.of(2026, 3, 10);

    final String prefix;
    final List<RequestContext> tenants = new ArrayList<>();

    Workload(String prefix) {
        this.prefix = prefix;
        for (int t = 0; t < TENANTS; t++) {
            tenants.add(RequestContext.of(prefix + "-t" + t, "bench"));
        }
    }

    void createTenants(Ledger ledger) {
        for (RequestContext tenant : tenants) {
            ledger.createTenant(tenant.tenant(), BDT).orThrow();
            List<AccountSpec> accounts = new ArrayList<>();
            for (int a = 0; a < ACCOUNTS_PER_TENANT; a++) {
                accounts.add(AccountSpec.of(account(a), "Account " + a, a % 2 == 0 ? AccountType.ASSET
                        : AccountType.LIABILITY));
            }
            ledger.chart().openAll(tenant, accounts).orThrow();
        }
    }

    private static final List<AccountId> ACCOUNT_IDS = IntStream.range(0, ACCOUNTS_PER_TENANT)
            .mapToObj(index -> AccountId.of(String.format("A%03d", index))).toList();

    static String account(int index) {
        return ACCOUNT_IDS.get(index).value();
    }

    /** A posting request: which tenant, and the entry. */
    record Post(RequestContext context, JournalEntry entry) {
    }

    Post next(SplittableRandom random, String id) {
        boolean hot = random.nextDouble() < HOT_SHARE;
        int tenant = hot ? 0 : random.nextInt(TENANTS);
        int debit = hot ? 0 : random.nextInt(1, ACCOUNTS_PER_TENANT);
        int credit = random.nextInt(1, ACCOUNTS_PER_TENANT);
        if (credit == debit) {
            credit = credit % (ACCOUNTS_PER_TENANT - 1) + 1;
        }
        Money amount = new Money(random.nextLong(1, 10_000_000), BDT);
        JournalEntry entry = JournalEntry.builder(id, DAY).description("bench")
                .line(EntryLine.debit(ACCOUNT_IDS.get(debit), amount))
                .line(EntryLine.credit(ACCOUNT_IDS.get(credit), amount))
                .build();
        return new Post(tenants.get(tenant), entry);
    }
}
