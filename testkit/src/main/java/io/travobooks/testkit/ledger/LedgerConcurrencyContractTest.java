package io.travobooks.testkit.ledger;

import io.travobooks.ledger.AccountSpec;
import io.travobooks.ledger.AuditTrail;
import io.travobooks.ledger.JournalEntry;
import io.travobooks.ledger.Ledger;
import io.travobooks.ledger.LedgerOptions;
import io.travobooks.ledger.PostResult;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.Money;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.ledger.AccountType;
import io.travobooks.spi.ledger.EntryLine;
import io.travobooks.spi.ledger.LedgerStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many real threads posting at once, a share of them to one hot account, with replays of ids other threads may be
 * posting at the same moment. Every id's content is a function of the id, so the expected balances are known
 * whoever wins: exactly one {@code Posted} per id, {@code AlreadyPosted} for every replay, no error reaches a caller.
 */
public abstract class LedgerConcurrencyContractTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    private static final int ACCOUNTS = 20;
    private static final String HOT = "2100";

    protected abstract LedgerStore store();

    protected int threads() {
        return 16;
    }

    protected int entriesPerThread() {
        return 10_000;
    }

    private static final List<TenantId> TENANTS = List.of(TenantId.of(LedgerFixture.newTenantId()),
            TenantId.of(LedgerFixture.newTenantId()));

    /** The entry with this id: always the same content, whoever posts it. */
    private static Posting posting(String id) {
        SplittableRandom random = new SplittableRandom(id.hashCode());
        TenantId tenant = TENANTS.get(random.nextInt(TENANTS.size()));
        boolean hot = random.nextInt(10) < 2;
        String debit = hot ? HOT : account(random.nextInt(ACCOUNTS));
        String credit = account(random.nextInt(ACCOUNTS));
        if (credit.equals(debit)) {
            credit = account((Integer.parseInt(credit.substring(1)) + 1) % ACCOUNTS);
        }
        long amount = random.nextLong(1, 1_000_000);
        return new Posting(tenant, debit, credit, amount, JournalEntry.builder(id, DAY).description("load")
                .line(EntryLine.debit(AccountId.of(debit), new Money(amount, LedgerFixture.BDT)))
                .line(EntryLine.credit(AccountId.of(credit), new Money(amount, LedgerFixture.BDT)))
                .build());
    }

    private record Posting(TenantId tenant, String debit, String credit, long amount, JournalEntry entry) {
    }

    private static String account(int index) {
        return "A" + index;
    }

    @Test
    void concurrentPostersWithReplaysGetExactBalancesAndNoDuplicates() throws Exception {
        LedgerStore store = store();
        // The batch observer hears every committed entry once; its own failures (every 7th batch here) must not
        // reach the writer, whose entries are committed already.
        AtomicLong observed = new AtomicLong();
        AtomicLong batches = new AtomicLong();
        try (Ledger ledger = new Ledger(store, LedgerOptions.defaults().withBackgroundEvery(Duration.ZERO)
                .withBatchObserver(entries -> {
                    observed.addAndGet(entries);
                    if (batches.incrementAndGet() % 7 == 0) {
                        throw new IllegalStateException("a metrics registry that failed");
                    }
                }))) {
            for (TenantId tenant : TENANTS) {
                RequestContext context = new RequestContext(tenant, "load");
                ledger.createTenant(tenant, LedgerFixture.BDT).orThrow();
                List<AccountSpec> chart = new ArrayList<>();
                chart.add(AccountSpec.of(HOT, "BSP payable", AccountType.LIABILITY));
                for (int a = 0; a < ACCOUNTS; a++) {
                    chart.add(AccountSpec.of(account(a), "account " + a, AccountType.ASSET));
                }
                ledger.chart().openAll(context, chart).orThrow();
            }

            int threads = threads();
            int perThread = entriesPerThread();
            AtomicLong posted = new AtomicLong();
            AtomicLong replayed = new AtomicLong();
            Map<String, Boolean> postedIds = new ConcurrentHashMap<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(Thread.ofPlatform().start(() -> {
                    SplittableRandom random = new SplittableRandom(thread);
                    try {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            submit(ledger, "c-" + thread + "-" + i, posted, replayed, postedIds);
                            if (i % 20 == 19) {
                                // replay an id of any thread that is at most as far along: it may be in flight now
                                submit(ledger, "c-" + random.nextInt(threads) + "-" + random.nextInt(i + 1), posted,
                                        replayed, postedIds);
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            start.countDown();
            for (Thread worker : workers) {
                worker.join();
            }
            assertThat(failure.get()).as("no error reaches a caller").isNull();

            long distinct = (long) threads * perThread;
            assertThat(posted.get()).as("exactly one Posted per id").isEqualTo(distinct);
            assertThat(postedIds).hasSize((int) distinct);
            assertThat(replayed.get()).isEqualTo((long) threads * (perThread / 20));

            Map<TenantId, Map<String, Long>> expected = new HashMap<>();
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < perThread; i++) {
                    Posting p = posting("c-" + t + "-" + i);
                    Map<String, Long> balances = expected.computeIfAbsent(p.tenant(), k -> new HashMap<>());
                    balances.merge(p.debit(), p.debit().equals(HOT) ? -p.amount() : p.amount(), Long::sum);
                    balances.merge(p.credit(), -p.amount(), Long::sum);
                }
            }
            long entries = 0;
            for (TenantId tenant : TENANTS) {
                RequestContext context = new RequestContext(tenant, "load");
                expected.get(tenant).forEach((account, amount) -> assertThat(ledger.balance(context,
                        AccountId.of(account), LedgerFixture.BDT).orElseThrow().posted().minor())
                        .as("%s %s", tenant, account).isEqualTo(amount));
                assertThat(ledger.reports().trialBalance(context, DAY).balanced()).isTrue();
                entries += ledger.audit().chain(tenant);
                assertThat(ledger.audit().verify(tenant)).isInstanceOf(AuditTrail.Verification.Intact.class);
            }
            assertThat(entries).as("seq is gap-free and holds each id once").isEqualTo(distinct);
            assertThat(observed.get()).as("the observer heard each entry written once").isEqualTo(distinct);
            assertThat(batches.get()).as("at most one batch per request, replays included")
                    .isBetween(1L, distinct + replayed.get());
        }
    }

    /**
     * A caller that must not wait (an event loop) hands entries over even while the writer is stuck and its queue
     * full; each is posted once the writer goes on.
     */
    @Test
    void postingWithoutWaitingNeverWaitsForAFullQueueAndLosesNothing() throws Exception {
        CountDownLatch writerStuck = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        try (Ledger ledger = stuckAfterFirstCommit(writerStuck, goOn)) {
            RequestContext context = openQueueTenant(ledger);
            List<CompletableFuture<PostResult>> results = new CopyOnWriteArrayList<>();
            results.add(ledger.postAsync(context, queued(0)));
            assertThat(writerStuck.await(30, TimeUnit.SECONDS)).as("the writer reached its observer").isTrue();

            int entries = 50;
            Thread caller = Thread.ofPlatform().start(() -> {
                for (int i = 1; i < entries; i++) {
                    results.add(ledger.postAsyncWithoutWaiting(context, queued(i)));
                }
            });
            caller.join(TimeUnit.SECONDS.toMillis(30));
            boolean handedOver = !caller.isAlive();
            goOn.countDown();
            caller.join();

            assertThat(handedOver).as("every entry handed over while the writer was stuck").isTrue();
            for (CompletableFuture<PostResult> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isInstanceOf(PostResult.Posted.class);
            }
            assertThat(ledger.balance(context, AccountId.of("Q1"), LedgerFixture.BDT).orElseThrow().posted()
                    .minor()).isEqualTo(entries * 100L);
        }
    }

    /** Entries still waiting for room when the ledger closes are answered: posted, or refused as closed. */
    @Test
    void closingAnswersEveryEntryStillWaitingForRoom() throws Exception {
        CountDownLatch writerStuck = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        Ledger ledger = stuckAfterFirstCommit(writerStuck, goOn);
        List<CompletableFuture<PostResult>> results = new ArrayList<>();
        try {
            RequestContext context = openQueueTenant(ledger);
            results.add(ledger.postAsync(context, queued(0)));
            assertThat(writerStuck.await(30, TimeUnit.SECONDS)).as("the writer reached its observer").isTrue();
            for (int i = 1; i < 50; i++) {
                results.add(ledger.postAsyncWithoutWaiting(context, queued(i)));
            }
            Thread closing = Thread.ofPlatform().start(ledger::close);
            Thread.sleep(200); // let the close begin while the writer is stuck; the outcome is asserted either way
            goOn.countDown();
            closing.join();
        } finally {
            goOn.countDown();
            ledger.close();
        }

        for (CompletableFuture<PostResult> result : results) {
            assertThat(result.handle((posted, refused) -> posted instanceof PostResult.Posted
                    || refused instanceof RejectedExecutionException)).as("answered")
                    .succeedsWithin(Duration.ofSeconds(60)).isEqualTo(true);
        }
    }

    /** A ledger of one writer and a queue of one, whose writer stops after its first commit until {@code goOn}. */
    private Ledger stuckAfterFirstCommit(CountDownLatch writerStuck, CountDownLatch goOn) {
        // The observer runs on the writer's thread after each commit: holding it there stops the writer.
        return new Ledger(store(), LedgerOptions.defaults().withWriters(1).withMaxBatch(1).withQueueCapacity(1)
                .withBackgroundEvery(Duration.ZERO).withBatchObserver(entries -> {
                    writerStuck.countDown();
                    awaitQuietly(goOn);
                }));
    }

    private static RequestContext openQueueTenant(Ledger ledger) {
        TenantId tenant = TenantId.of(LedgerFixture.newTenantId());
        RequestContext context = new RequestContext(tenant, "load");
        ledger.createTenant(tenant, LedgerFixture.BDT).orThrow();
        ledger.chart().openAll(context, List.of(AccountSpec.of("Q1", "cash", AccountType.ASSET),
                AccountSpec.of("Q2", "sales", AccountType.REVENUE))).orThrow();
        return context;
    }

    private static JournalEntry queued(int i) {
        return JournalEntry.builder("q-" + i, DAY).description("queued")
                .line(EntryLine.debit(AccountId.of("Q1"), new Money(100, LedgerFixture.BDT)))
                .line(EntryLine.credit(AccountId.of("Q2"), new Money(100, LedgerFixture.BDT)))
                .build();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void submit(Ledger ledger, String id, AtomicLong posted, AtomicLong replayed,
                               Map<String, Boolean> postedIds) {
        Posting p = posting(id);
        PostResult result = ledger.post(new RequestContext(p.tenant(), "load"), p.entry());
        switch (result) {
            case PostResult.Posted ignored -> {
                posted.incrementAndGet();
                assertThat(postedIds.put(id, true)).as("posted twice: %s", id).isNull();
            }
            case PostResult.AlreadyPosted ignored -> replayed.incrementAndGet();
            default -> throw new AssertionError(id + ": " + result);
        }
    }
}
