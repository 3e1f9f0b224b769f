package io.travobooks.testkit.ledger;

import io.travobooks.ledger.ChartTemplates;
import io.travobooks.ledger.Ledger;
import io.travobooks.ledger.LedgerOptions;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.Money;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.ledger.BalanceRow;
import io.travobooks.spi.ledger.ChainLink;
import io.travobooks.spi.ledger.EntryLine;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.spi.ledger.StoredEntry;
import io.travobooks.testkit.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** A ledger on a real store with a fresh tenant, a hand-moved clock and helpers shared by the contract suites. */
public final class LedgerFixture implements AutoCloseable {
    public static final Currency BDT = Currency.getInstance("BDT");
    public static final Instant START = Instant.parse("2026-03-10T06:00:00.123456Z");

    public final LedgerStore store;
    public final MutableClock clock = new MutableClock(START);
    public final Ledger ledger;
    public final TenantId tenant;
    public final RequestContext context;

    public LedgerFixture(LedgerStore store) {
        this(store, LedgerOptions.defaults().withWriters(2).withBackgroundEvery(Duration.ZERO));
    }

    public LedgerFixture(LedgerStore store, LedgerOptions options) {
        this.store = store;
        this.ledger = new Ledger(store, options.withClock(clock));
        this.tenant = TenantId.of(newTenantId());
        this.context = new RequestContext(tenant, "test");
        ledger.createTenant(tenant, BDT).orThrow();
        ledger.chart().openAll(context, ChartTemplates.travelAgency()).orThrow();
    }

    public static String newTenantId() {
        return "t" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    public static Money bdt(String amount) {
        return Money.of(amount, "BDT");
    }

    public static EntryLine dr(String account, String amount) {
        return EntryLine.debit(AccountId.of(account), bdt(amount));
    }

    public static EntryLine cr(String account, String amount) {
        return EntryLine.credit(AccountId.of(account), bdt(amount));
    }

    /** Everything the tenant has stored: compared before and after a refused request. */
    public record Snapshot(List<StoredEntry> entries, List<BalanceRow> balances, List<ChainLink> links,
                           long nextSeq) {
    }

    public Snapshot snapshot() {
        return store.transactions().inTransaction(uow -> new Snapshot(
                store.entriesAfter(uow, tenant, 0, Integer.MAX_VALUE),
                store.listBalances(uow, tenant),
                store.linksAfter(uow, tenant, 0, Integer.MAX_VALUE),
                store.findTenant(uow, tenant).orElseThrow().nextSeq()));
    }

    @Override
    public void close() {
        ledger.close();
    }
}
