package io.travobooks.bench;

import io.travobooks.ledger.ChartTemplates;
import io.travobooks.ledger.JournalEntry;
import io.travobooks.ledger.Ledger;
import io.travobooks.ledger.PostResult;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.Money;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.ledger.EntryLine;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;
import io.travobooks.testkit.TestServices;

import java.time.LocalDate;
import java.util.Currency;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ledger in this JVM on MariaDB, in a database of its own, posting the 2-line entries the server benchmark sends
 * over HTTP: what the server's posting is compared with.
 */
final class InProcessLedger implements AutoCloseable {
    private final TestServices.MysqlServer mysql;
    private final String url;
    private final int callers;
    private final LocalDate day;
    private final JdbcStorage storage;
    private final Ledger ledger;
    private final RequestContext tenant = RequestContext.of("in-process", "bench");

    private InProcessLedger(TestServices.MysqlServer mysql, String url, int callers, LocalDate day) {
        this.mysql = mysql;
        this.url = url;
        this.callers = callers;
        this.day = day;
        this.storage = JdbcStorage.open(StorageConfig.mysql(url, mysql.user(), mysql.password()));
        this.ledger = Ledger.open(storage.ledgerStore());
    }

    /**
     * A new database, as empty as the server's was at its start, with the tenant and its chart; entries are posted
     * by {@code callers} at once, on {@code day}.
     */
    static InProcessLedger open(TestServices.MysqlServer mysql, int callers, LocalDate day) {
        InProcessLedger opened = new InProcessLedger(mysql, mysql.createDatabase("travo_inprocess"), callers, day);
        try {
            opened.ledger.createTenant(opened.tenant.tenant(), Currency.getInstance("BDT")).orThrow();
            opened.ledger.chart().openAll(opened.tenant, ChartTemplates.travelAgency()).orThrow();
            return opened;
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /** Entries per second posted in {@code seconds}; the ids begin with {@code phase}. */
    double posts(String phase, int seconds) throws InterruptedException {
        AtomicLong refused = new AtomicLong();
        ClosedLoop loop = new ClosedLoop(0, TimeUnit.SECONDS.toMillis(seconds));
        double rate = loop.run(Thread.ofVirtual(), callers, client -> () -> {
            long n = 0;
            while (loop.running()) {
                JournalEntry entry = JournalEntry.builder(phase + "-" + client + "-" + n++, day)
                        .line(EntryLine.debit(AccountId.of("1100"), Money.ofMinor(100, "BDT")))
                        .line(EntryLine.credit(AccountId.of("4300"), Money.ofMinor(100, "BDT")))
                        .build();
                if (!(ledger.post(tenant, entry) instanceof PostResult.Posted)) {
                    refused.incrementAndGet();
                }
                loop.finished(1);
            }
        });
        if (refused.get() > 0) {
            throw new IllegalStateException(refused.get() + " in-process posts were not Posted");
        }
        return rate;
    }

    @Override
    public void close() {
        try (storage; ledger) {
            // closed in reverse: the ledger first, then its storage
        } finally {
            mysql.dropDatabase(url);
        }
    }
}
