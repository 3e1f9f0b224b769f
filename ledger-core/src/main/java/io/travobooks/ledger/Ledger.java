package io.travobooks.ledger;

import io.travobooks.ledger.internal.ChartCache;
import io.travobooks.ledger.internal.PostingCommand;
import io.travobooks.ledger.internal.PostingEngine;
import io.travobooks.ledger.internal.PostingPipeline;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.RetryPolicy;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.ledger.Account;
import io.travobooks.spi.ledger.AccountTotal;
import io.travobooks.spi.ledger.BalanceKey;
import io.travobooks.spi.ledger.BalanceRow;
import io.travobooks.spi.ledger.EntryKind;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.spi.ledger.PendingRef;
import io.travobooks.spi.ledger.StoredEntry;
import io.travobooks.spi.ledger.TenantRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The double-entry ledger: the entry point an application embeds. Thread-safe; one per process and store.
 *
 * <p>Three ways to post: {@link #post} (group-committed with other threads' posts), {@link #postAll} (a batch in one
 * transaction, optionally all-or-nothing) and {@link #postWithin} (inside the caller's own transaction, so that
 * booking state, tickets, the entry and an outbox event commit together).
 */
public final class Ledger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);
    private static final int SWEEP_BATCH = 500;

    private final LedgerStore store;
    private final Clock clock;
    private final PostingEngine engine;
    private final PostingPipeline pipeline;
    private final ChartOfAccounts chart;
    private final LedgerReports reports;
    private final PeriodClose periods;
    private final AuditTrail audit;
    private final JournalSearch journal;
    private final ScheduledExecutorService background;
    private final RetryPolicy retry;

    public Ledger(LedgerStore store, LedgerOptions options) {
        this.store = store;
        this.clock = options.clock();
        this.retry = options.retryPolicy();
        ChartCache charts = new ChartCache(store);
        this.engine = new PostingEngine(store, charts, clock);
        this.audit = new AuditTrail(store, retry);
        this.journal = new JournalSearch(store);
        this.pipeline = new PostingPipeline(store.transactions(), retry, engine, options.writers(),
                options.maxBatch(), options.queueCapacity(), entries -> {
                    audit.remember(entries);
                    observe(options.batches(), entries.size());
                });
        this.chart = new ChartOfAccounts(store, retry);
        this.reports = new LedgerReports(store);
        this.periods = new PeriodClose(store, engine, retry);
        if (options.backgroundEvery().isZero()) {
            this.background = null;
        } else {
            this.background = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("ledger-background").factory());
            long every = options.backgroundEvery().toMillis();
            background.scheduleWithFixedDelay(this::runBackgroundJobs, every, every, TimeUnit.MILLISECONDS);
        }
    }

    public static Ledger open(LedgerStore store) {
        return new Ledger(store, LedgerOptions.defaults());
    }

    // ---- tenants and chart

    /** Creates a tenant's ledger with its functional (reporting) currency. */
    public Outcome<TenantId> createTenant(TenantId tenant, Currency functionalCurrency) {
        boolean created = retry.inTransaction(store.transactions(), uow -> store.insertTenant(uow,
                new TenantRow(tenant, functionalCurrency, Optional.empty(), 1, 0)));
        return created ? Outcome.ok(tenant)
                : Outcome.refused(LedgerErrorCode.LEDGER_TENANT_EXISTS, "tenant " + tenant + " exists");
    }

    /** The caller's tenant as its ledger knows it, when it has one. */
    public Optional<LedgerTenant> tenant(RequestContext context) {
        return store.transactions().inTransaction(uow -> store.findTenant(uow, context.tenant()))
                .map(row -> new LedgerTenant(row.tenant(), row.functionalCurrency(), row.closedThrough()));
    }

    /**
     * Tells the observer of a committed batch. Its failure must not reach the writer: the entries are committed,
     * and a writer that saw an error would run them again.
     */
    private static void observe(IntConsumer observer, int entries) {
        try {
            observer.accept(entries);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) { // an assertion or a linkage error of the observer must not reach the writer either
            LOG.warn("the batch observer failed; the batch is committed: {}", e.toString());
        }
    }

    public ChartOfAccounts chart() {
        return chart;
    }

    public LedgerReports reports() {
        return reports;
    }

    public PeriodClose periods() {
        return periods;
    }

    public JournalSearch journal() {
        return journal;
    }

    public AuditTrail audit() {
        return audit;
    }

    // ---- posting

    /** Posts an entry; concurrent calls share database transactions. Blocks until the entry is durable or refused. */
    public PostResult post(RequestContext context, JournalEntry entry) {
        return await(postAsync(context, entry));
    }

    /** As {@link #post}, answered by a future; waits only while the writer's queue is full. */
    public CompletableFuture<PostResult> postAsync(RequestContext context, JournalEntry entry) {
        return pipeline.submit(newEntry(context, entry));
    }

    /**
     * As {@link #postAsync}, without ever waiting, even while the writer's queue is full (a virtual thread then waits
     * for room in the caller's place): for callers on a thread that must not wait, such as an I/O event loop. The
     * future usually completes on the writer's thread, so what is chained to it should be brief; when the ledger is
     * closed, it comes back failed already.
     */
    public CompletableFuture<PostResult> postAsyncWithoutWaiting(RequestContext context, JournalEntry entry) {
        return pipeline.submitWithoutWaiting(newEntry(context, entry));
    }

    private static PostingCommand newEntry(RequestContext context, JournalEntry entry) {
        return new PostingCommand.NewEntry(context, EntryKind.STANDARD, entry, Optional.empty());
    }

    /**
     * Posts a batch in one transaction with a result per entry, in order. With {@code allOrNothing}, one refusal
     * rolls back the batch: the refused entries keep their reason, the others become {@code LEDGER_BATCH_ABORTED}.
     */
    public List<PostResult> postAll(RequestContext context, List<JournalEntry> entries, boolean allOrNothing) {
        List<PostingCommand> commands = entries.stream()
                .map(entry -> newEntry(context, entry))
                .toList();
        List<PostResult> results = retry.inTransaction(store.transactions(), uow -> engine.apply(uow, commands,
                allOrNothing ? PostingEngine.Mode.ALL_OR_NOTHING : PostingEngine.Mode.EACH));
        if (!allOrNothing || results.stream().allMatch(PostResult::isSuccess)) {
            return results;
        }
        return results.stream().map(result -> result instanceof PostResult.Posted
                ? PostResult.rejected(result.entryId(), LedgerErrorCode.LEDGER_BATCH_ABORTED,
                "another entry of the batch was refused")
                : result).toList();
    }

    /**
     * Posts inside the caller's transaction: nothing is durable until the caller commits, and a rollback removes the
     * entry with everything else. Locks the tenant's ledger until then, so keep that transaction short.
     */
    public PostResult postWithin(UnitOfWork uow, RequestContext context, JournalEntry entry) {
        return engine.apply(uow, List.of(newEntry(context, entry))).getFirst();
    }

    /**
     * Applies the batch inside the caller's transaction, all or nothing: every posting is written only when every one
     * succeeds (a replay of an earlier one counts), else nothing is and the results say which were refused and why.
     */
    public List<PostResult> applyWithin(UnitOfWork uow, RequestContext context, LedgerBatch batch) {
        return engine.apply(uow, batch.commands(context), PostingEngine.Mode.ALL_OR_NOTHING);
    }

    /**
     * What {@link #applyWithin} would answer now, writing nothing and locking nothing: for a caller about to let an
     * outside party act (an airline issue a ticket) whose outcome it must then be able to post. A later change (a
     * period closed meanwhile) can still refuse it.
     */
    public List<PostResult> checkWithin(UnitOfWork uow, RequestContext context, LedgerBatch batch) {
        return engine.apply(uow, batch.commands(context), PostingEngine.Mode.CHECK_ONLY);
    }

    /**
     * Posts a pending entry (see {@link #reserve}) inside the caller's transaction, as {@link #postWithin} does: a
     * booking's deposit hold is recorded with the booking.
     */
    public PostResult reserveWithin(UnitOfWork uow, RequestContext context, JournalEntry entry,
                                    Optional<Instant> expiresAt) {
        return engine.apply(uow, List.of(new PostingCommand.NewEntry(context, EntryKind.PENDING, entry, expiresAt)))
                .getFirst();
    }

    /**
     * Posts ({@code post}) or voids a pending entry in full inside the caller's transaction, as {@code entryId}: a
     * deposit hold captured with the issue it pays, or released with the expiry of its booking.
     */
    public PostResult resolveWithin(UnitOfWork uow, RequestContext context, EntryId entryId, EntryId pending,
                                    boolean post) {
        return engine.apply(uow, List.of(new PostingCommand.Resolve(context, entryId, pending, post, Optional.empty(),
                Optional.empty()))).getFirst();
    }

    /**
     * Posts a pending entry: its amounts are reserved (they change pending and available balances, not posted
     * ones) until {@link #postPending} or {@link #voidPending}, or until the sweeper voids it after {@code expiresAt}.
     */
    public PostResult reserve(RequestContext context, JournalEntry entry, Optional<Instant> expiresAt) {
        return await(pipeline.submit(new PostingCommand.NewEntry(context, EntryKind.PENDING, entry, expiresAt)));
    }

    /** Posts a pending entry in full, as entry {@code entryId} dated like the pending one. */
    public PostResult postPending(RequestContext context, EntryId entryId, EntryId pending) {
        return resolve(new PostingCommand.Resolve(context, entryId, pending, true, Optional.empty(), Optional.empty()));
    }

    /** Posts a pending entry for smaller amounts, one per pending line (still balanced), on {@code date}. */
    public PostResult postPending(RequestContext context, EntryId entryId, EntryId pending, List<Long> amounts,
                                  LocalDate date) {
        return resolve(new PostingCommand.Resolve(context, entryId, pending, true, Optional.of(amounts),
                Optional.of(date)));
    }

    public PostResult voidPending(RequestContext context, EntryId entryId, EntryId pending) {
        return resolve(new PostingCommand.Resolve(context, entryId, pending, false, Optional.empty(),
                Optional.empty()));
    }

    private PostResult resolve(PostingCommand.Resolve command) {
        return await(pipeline.submit(command));
    }

    /** Posts the exact opposite of {@code original} as {@code entryId}; an entry can be reversed once. */
    public PostResult reverse(RequestContext context, EntryId entryId, EntryId original, LocalDate effectiveDate,
                              String description) {
        return await(pipeline.submit(new PostingCommand.Reverse(context, entryId, original, effectiveDate,
                description)));
    }

    /**
     * Voids every pending entry whose expiry has passed by the ledger's clock, under an id in the ledger's own space
     * derived from the pending entry's, so two nodes sweeping at once void each entry once and no tenant can take
     * the id. The sweep pages past every entry it reads: one it cannot void is reported and logged, and never keeps
     * the entries behind it (of any tenant) held.
     */
    public ExpirySweep voidExpiredPending() {
        int voided = 0;
        List<PendingRef> failed = new ArrayList<>();
        Optional<PendingRef> after = Optional.empty();
        Instant now = clock.instant();
        while (true) {
            Optional<PendingRef> position = after;
            List<PendingRef> expired = store.transactions().inTransaction(uow ->
                    store.expiredPending(uow, now, position, SWEEP_BATCH));
            if (expired.isEmpty()) {
                return new ExpirySweep(voided, failed);
            }
            List<PostingCommand> commands = expired.stream()
                    .<PostingCommand>map(ref -> new PostingCommand.ExpiryVoid(ref.tenant(), ref.id())).toList();
            List<PostResult> results = voidAll(commands);
            for (int i = 0; i < expired.size(); i++) {
                PostResult result = results.get(i);
                if (result instanceof PostResult.Posted) {
                    voided++;
                } else if (!resolvedAnyway(result)) {
                    LOG.error("cannot void expired pending entry {} of tenant {}: {}", expired.get(i).id(),
                            expired.get(i).tenant(), result);
                    failed.add(expired.get(i));
                }
            }
            if (expired.size() < SWEEP_BATCH) {
                return new ExpirySweep(voided, failed);
            }
            after = Optional.of(expired.getLast());
        }
    }

    /** Voided by another node, or resolved by its owner since the sweep read it: nothing is left to do. */
    private static boolean resolvedAnyway(PostResult result) {
        return result != null && (result.isSuccess() || result instanceof PostResult.Rejected rejected
                && rejected.code() == LedgerErrorCode.LEDGER_PENDING_ALREADY_RESOLVED);
    }

    /** What one expiry sweep did: how many pending entries it voided, and the ones it could not void. */
    public record ExpirySweep(int voided, List<PendingRef> failed) {
        public ExpirySweep {
            failed = List.copyOf(failed);
        }
    }

    /**
     * Voids in one transaction; if that fails, one by one, so that one broken entry does not stop the sweep. A
     * command whose own transaction failed has a null result.
     */
    private List<PostResult> voidAll(List<PostingCommand> commands) {
        try {
            return retry.inTransaction(store.transactions(), uow -> engine.apply(uow, commands));
        } catch (RuntimeException batchFailure) {
            List<PostResult> results = new ArrayList<>();
            for (PostingCommand command : commands) {
                try {
                    results.add(retry.inTransaction(store.transactions(),
                            uow -> engine.apply(uow, List.of(command))).getFirst());
                } catch (RuntimeException failure) {
                    LOG.error("cannot void expired pending entry {} of tenant {}", command.entryId(),
                            command.tenant(), failure);
                    results.add(null);
                }
            }
            return results;
        }
    }

    // ---- reading

    public Optional<StoredEntry> entry(RequestContext context, EntryId id) {
        return store.transactions().inTransaction(uow -> entryWithin(uow, context, id));
    }

    /** As {@link #entry}, in the caller's transaction (no second connection while it holds locks). */
    public Optional<StoredEntry> entryWithin(UnitOfWork uow, RequestContext context, EntryId id) {
        return store.findEntry(uow, context.tenant(), id);
    }

    /** Current posted, pending and available balance of an account in one currency. */
    public Optional<Balance> balance(RequestContext context, AccountId accountId, Currency currency) {
        return store.transactions().inTransaction(uow -> {
            Optional<Account> account = chart.find(uow, context.tenant(), accountId);
            if (account.isEmpty()) {
                return Optional.empty();
            }
            BalanceKey key = new BalanceKey(context.tenant(), accountId, currency);
            BalanceRow row = store.findBalances(uow, Set.of(key)).getOrDefault(key, BalanceRow.zero(key));
            return Optional.of(Balance.of(accountId, account.get().normalSide(), row));
        });
    }

    /** Posted balance (normal direction) at the end of {@code asOf}, from daily totals: no scan of the lines. */
    public Optional<Balance> balanceAsOf(RequestContext context, AccountId accountId, Currency currency,
                                         LocalDate asOf) {
        return store.transactions().inTransaction(uow -> {
            Optional<Account> account = chart.find(uow, context.tenant(), accountId);
            if (account.isEmpty()) {
                return Optional.empty();
            }
            BalanceKey key = new BalanceKey(context.tenant(), accountId, currency);
            AccountTotal total = store.totalAsOf(uow, key, asOf);
            return Optional.of(Balance.of(accountId, account.get().normalSide(),
                    new BalanceRow(key, total.debit(), total.credit(), 0, 0)));
        });
    }

    // ---- lifecycle

    private void runBackgroundJobs() {
        try {
            voidExpiredPending();
            audit.chainAll();
        } catch (RuntimeException e) {
            LOG.warn("ledger background job failed; will try again", e);
        }
    }

    private static PostResult await(CompletableFuture<PostResult> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /**
     * Finishes queued posts, then stops the writer and background threads; posts still waiting for room in a queue
     * then (or left when a writer does not stop within 30 seconds) are refused, never left unanswered.
     */
    @Override
    public void close() {
        if (background != null) {
            background.shutdown();
            try {
                background.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        pipeline.close();
    }
}
