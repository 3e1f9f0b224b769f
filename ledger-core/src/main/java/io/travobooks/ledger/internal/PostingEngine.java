package io.travobooks.ledger.internal;

import io.travobooks.ledger.JournalEntry;
import io.travobooks.ledger.LedgerErrorCode;
import io.travobooks.ledger.PostResult;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.Money;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.ledger.Account;
import io.travobooks.spi.ledger.BalanceKey;
import io.travobooks.spi.ledger.BalanceRow;
import io.travobooks.spi.ledger.BatchStart;
import io.travobooks.spi.ledger.DailyTotal;
import io.travobooks.spi.ledger.EntryHeader;
import io.travobooks.spi.ledger.EntryKind;
import io.travobooks.spi.ledger.EntryLine;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.spi.ledger.PostingWrite;
import io.travobooks.spi.ledger.Side;
import io.travobooks.spi.ledger.StoredEntry;
import io.travobooks.spi.ledger.TenantRow;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a batch of posting commands into journal rows inside one unit of work. It locks the tenants involved, reads
 * what the rules need in a few set-wise queries, decides every command in order (later ones see the effect of
 * earlier ones), then writes all entries, lines and summed balance deltas at once. Nothing here commits: the
 * caller's transaction does, and results mean anything only once it has.
 *
 * <p>Why one class of this size: its phases (lock, read, decide, write) share one batch's state, which splitting
 * would have to pass around; the rules it applies live apart, in {@link EntryRules}, {@link BalanceMath} and
 * {@link Canonical}.
 */
public final class PostingEngine {
    private final LedgerStore store;
    private final ChartCache charts;
    private final Clock clock;

    public PostingEngine(LedgerStore store, ChartCache charts, Clock clock) {
        this.store = store;
        this.charts = charts;
        this.clock = clock;
    }

    /** How much of a batch's decisions reach the store. */
    public enum Mode {
        /** Every entry that passes its rules is written; refused ones come back as refusals. */
        EACH,
        /** Written only when every command succeeds (a replay counts): else nothing is, and the results say why. */
        ALL_OR_NOTHING,
        /** Decided and never written, without locking the tenants: what the commands would answer now. */
        CHECK_ONLY
    }

    public List<PostResult> apply(UnitOfWork uow, List<? extends PostingCommand> commands) {
        return apply(uow, commands, new ArrayList<>(), true, Mode.EACH);
    }

    public List<PostResult> apply(UnitOfWork uow, List<? extends PostingCommand> commands, Mode mode) {
        return apply(uow, commands, new ArrayList<>(), true, mode);
    }

    public List<PostResult> apply(UnitOfWork uow, List<? extends PostingCommand> commands, List<StoredEntry> written,
                                  boolean lookUpIds) {
        return apply(uow, commands, written, lookUpIds, Mode.EACH);
    }

    /**
     * The same, adding the entries it wrote to {@code written} (they are durable once the caller commits).
     *
     * @param lookUpIds false to skip looking up whether the commands' own ids exist: for callers that expect new ids
     *                  and can run the batch again, because a reused id, or any refusal, then fails the transaction
     *                  with a {@link TransactionRunner.RetryableConflictException} (from the unique key, or thrown
     *                  here) instead of coming back as {@code AlreadyPosted}, {@code Conflict} or {@code Rejected}
     */
    private List<PostResult> apply(UnitOfWork uow, List<? extends PostingCommand> commands, List<StoredEntry> written,
                                   boolean lookUpIds, Mode mode) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Set<TenantId> tenantIds = new LinkedHashSet<>();
        Map<TenantId, Set<EntryId>> idsToLook = new HashMap<>();
        for (PostingCommand command : commands) {
            tenantIds.add(command.tenant());
            Set<EntryId> ids = idsToLook.computeIfAbsent(command.tenant(), t -> new HashSet<>());
            if (lookUpIds) {
                ids.add(command.entryId());
            }
            referenceOf(command).ifPresent(ids::add);
        }
        BatchStart start = mode == Mode.CHECK_ONLY ? peek(uow, tenantIds, idsToLook)
                : store.startBatch(uow, tenantIds, idsToLook);

        Map<TenantId, TenantState> states = new HashMap<>();
        start.tenants().forEach((tenant, row) -> {
            TenantState state = new TenantState(row, charts.chart(uow, row));
            state.headers.putAll(start.headers().getOrDefault(tenant, Map.of()));
            states.put(tenant, state);
        });
        loadReferencedEntries(uow, commands, states);
        loadConstrainedBalances(uow, commands, states);

        Batch batch = new Batch(now);
        List<PostResult> results = new ArrayList<>(commands.size());
        for (PostingCommand command : commands) {
            TenantState state = states.get(command.tenant());
            results.add(state == null
                    ? PostResult.rejected(command.entryId(), LedgerErrorCode.LEDGER_TENANT_NOT_FOUND,
                    "no ledger for tenant " + command.tenant())
                    : decide(uow, command, state, batch));
        }
        if (!lookUpIds && !results.stream().allMatch(PostResult.Posted.class::isInstance)) {
            // A refusal may be a replay in disguise (an id posted before a period closed, say): decide again
            // knowing which ids exist.
            throw new TransactionRunner.RetryableConflictException("a refusal without id lookup; looking up", null);
        }
        boolean allSucceeded = results.stream().allMatch(PostResult::isSuccess);
        if (mode == Mode.CHECK_ONLY || mode == Mode.ALL_OR_NOTHING && !allSucceeded) {
            return results;
        }
        write(uow, batch, states.values());
        written.addAll(batch.entries);
        return results;
    }

    /** What {@link LedgerStore#startBatch} reads, without taking the tenants' locks. */
    private BatchStart peek(UnitOfWork uow, Set<TenantId> tenants, Map<TenantId, Set<EntryId>> ids) {
        Map<TenantId, TenantRow> rows = new HashMap<>();
        for (TenantId tenant : tenants) {
            store.findTenant(uow, tenant).ifPresent(row -> rows.put(tenant, row));
        }
        return new BatchStart(rows, ids.isEmpty() ? Map.of() : store.findHeaders(uow, ids));
    }

    private static Optional<EntryId> referenceOf(PostingCommand command) {
        return switch (command) {
            case PostingCommand.Reverse reverse -> Optional.of(reverse.original());
            case PostingCommand.Resolve resolve -> Optional.of(resolve.pending());
            case PostingCommand.ExpiryVoid expiry -> Optional.of(expiry.pending());
            case PostingCommand.NewEntry ignored -> Optional.empty();
        };
    }

    private void loadReferencedEntries(UnitOfWork uow, List<? extends PostingCommand> commands,
                                       Map<TenantId, TenantState> states) {
        Map<TenantId, Set<EntryId>> referenced = new HashMap<>();
        for (PostingCommand command : commands) {
            TenantState state = states.get(command.tenant());
            Optional<EntryId> reference = referenceOf(command);
            if (state != null && reference.isPresent() && state.headers.containsKey(reference.get())) {
                referenced.computeIfAbsent(command.tenant(), t -> new HashSet<>()).add(reference.get());
            }
        }
        referenced.forEach((tenant, ids) -> {
            TenantState state = states.get(tenant);
            for (EntryId id : ids) {
                store.findEntry(uow, tenant, id).ifPresent(entry -> state.entries.put(id, entry));
            }
            state.referencedBy.putAll(store.findReferencing(uow, tenant, ids));
        });
    }

    private void loadConstrainedBalances(UnitOfWork uow, List<? extends PostingCommand> commands,
                                         Map<TenantId, TenantState> states) {
        Set<BalanceKey> keys = new HashSet<>();
        for (PostingCommand command : commands) {
            TenantState state = states.get(command.tenant());
            if (state == null) {
                continue;
            }
            List<EntryLine> lines = switch (command) {
                case PostingCommand.NewEntry add -> add.entry().lines();
                case PostingCommand.Reverse reverse -> linesOf(state, reverse.original());
                case PostingCommand.Resolve resolve -> linesOf(state, resolve.pending());
                case PostingCommand.ExpiryVoid expiry -> linesOf(state, expiry.pending());
            };
            for (EntryLine line : lines) {
                Account account = state.chart.get(line.account());
                if (account != null && (account.noNegative() || account.limitMinor().isPresent())) {
                    keys.add(new BalanceKey(command.tenant(), line.account(), line.amount().currency()));
                }
            }
        }
        if (!keys.isEmpty()) {
            Map<BalanceKey, BalanceRow> found = store.findBalances(uow, keys);
            for (BalanceKey key : keys) {
                states.get(key.tenant()).storedBalances.put(key, found.getOrDefault(key, BalanceRow.zero(key)));
            }
        }
    }

    private static List<EntryLine> linesOf(TenantState state, EntryId id) {
        StoredEntry entry = state.entries.get(id);
        return entry == null ? List.of() : entry.lines();
    }

    private PostResult decide(UnitOfWork uow, PostingCommand command, TenantState state, Batch batch) {
        Map<String, String> fingerprint = command.fingerprint();
        String hash = ContentHash.of(fingerprint);
        if (SystemIds.isReserved(command.entryId()) && !command.bySystem()) {
            return PostResult.rejected(command.entryId(), LedgerErrorCode.LEDGER_ID_RESERVED,
                    "entry ids starting with " + SystemIds.PREFIX + " are the ledger's own");
        }
        EntryHeader existing = state.headers.get(command.entryId());
        if (existing != null) {
            return replay(uow, command, state, existing, fingerprint, hash);
        }
        Plan plan = switch (command) {
            case PostingCommand.NewEntry add -> planNew(add, state);
            case PostingCommand.Reverse reverse -> planReversal(reverse, state);
            case PostingCommand.Resolve resolve -> planResolution(resolve, state, batch.now);
            case PostingCommand.ExpiryVoid expiry -> planResolution(expiry.asResolve(), state, batch.now);
        };
        if (plan instanceof Plan.Refuse refuse) {
            return PostResult.rejected(command.entryId(), refuse.code, refuse.detail);
        }
        Plan.Write write = (Plan.Write) plan;
        Map<BalanceKey, BalanceRow> deltas = JournalFold.balanceDeltas(command.tenant(), command.kind(), write.lines,
                write.released);
        Optional<PostResult> refused = checkConstraints(command.entryId(), state, deltas);
        if (refused.isPresent()) {
            return refused.get();
        }
        long seq = state.row.nextSeq();
        state.row = new TenantRow(state.row.tenant(), state.row.functionalCurrency(), state.row.closedThrough(),
                seq + 1, state.row.chartVersion());
        state.dirty = true;
        StoredEntry entry = new StoredEntry(command.tenant(), command.entryId(), seq, command.kind(),
                write.effectiveDate, batch.now, write.description, write.externalRef, write.sourceDocument,
                write.metadata, referenceOf(command), write.expiresAt, command.context().actor(), hash, write.lines);
        batch.add(entry, deltas);
        state.add(entry, deltas);
        return new PostResult.Posted(entry.id(), seq, entry.postedAt());
    }

    private PostResult replay(UnitOfWork uow, PostingCommand command, TenantState state, EntryHeader existing,
                              Map<String, String> fingerprint, String hash) {
        if (existing.contentHash().equals(hash)) {
            return new PostResult.AlreadyPosted(existing.id(), existing.seq(), existing.postedAt());
        }
        StoredEntry stored = state.entries.computeIfAbsent(existing.id(),
                id -> store.findEntry(uow, command.tenant(), id).orElseThrow());
        Map<String, String> storedFingerprint = StoredFingerprint.of(stored);
        for (Map.Entry<String, String> field : fingerprint.entrySet()) {
            if (!field.getValue().equals(storedFingerprint.get(field.getKey()))) {
                return new PostResult.Conflict(existing.id(), field.getKey());
            }
        }
        return new PostResult.Conflict(existing.id(), "content");
    }

    private Plan planNew(PostingCommand.NewEntry add, TenantState state) {
        JournalEntry entry = add.entry();
        Optional<Plan> invalid = EntryRules.checkShape(entry, state.row.functionalCurrency());
        if (invalid.isPresent()) {
            return invalid.get();
        }
        Optional<Plan> refused = checkPeriodAndAccounts(state, entry.effectiveDate(), entry.lines(),
                add.kind() == EntryKind.CLOSING);
        if (refused.isPresent()) {
            return refused.get();
        }
        return new Plan.Write(entry.effectiveDate(), entry.description(), entry.externalRef(),
                entry.sourceDocument(), entry.metadata(), add.kind() == EntryKind.PENDING ? add.expiresAt()
                : Optional.empty(), entry.lines(), List.of());
    }

    private Plan planReversal(PostingCommand.Reverse reverse, TenantState state) {
        if (reverse.description().length() > JournalEntry.MAX_DESCRIPTION) {
            return Plan.refuse(LedgerErrorCode.LEDGER_INVALID_ENTRY, "description too long");
        }
        StoredEntry original = state.entries.get(reverse.original());
        if (original == null) {
            return Plan.refuse(LedgerErrorCode.LEDGER_ENTRY_NOT_FOUND, "no entry " + reverse.original());
        }
        // A closing entry is not reversed: its reversal would put a closed year's result into the next year's.
        if (original.kind() != EntryKind.STANDARD && original.kind() != EntryKind.POST_PENDING) {
            return Plan.refuse(LedgerErrorCode.LEDGER_NOT_REVERSIBLE,
                    original.kind() + " entries cannot be reversed: " + original.id());
        }
        EntryId by = state.referencedBy.get(original.id());
        if (by != null) {
            return Plan.refuse(LedgerErrorCode.LEDGER_ALREADY_REVERSED, original.id() + " was reversed by " + by);
        }
        List<EntryLine> lines = original.lines().stream().map(EntryLine::reversed).toList();
        Optional<Plan> refused = checkPeriodAndAccounts(state, reverse.effectiveDate(), lines, false);
        if (refused.isPresent()) {
            return refused.get();
        }
        return new Plan.Write(reverse.effectiveDate(), reverse.description(), original.externalRef(),
                original.sourceDocument(), Map.of(), Optional.empty(), lines, List.of());
    }

    private Plan planResolution(PostingCommand.Resolve resolve, TenantState state, Instant now) {
        StoredEntry pending = state.entries.get(resolve.pending());
        if (pending == null) {
            return Plan.refuse(LedgerErrorCode.LEDGER_ENTRY_NOT_FOUND, "no entry " + resolve.pending());
        }
        if (pending.kind() != EntryKind.PENDING) {
            return Plan.refuse(LedgerErrorCode.LEDGER_NOT_PENDING, pending.id() + " is " + pending.kind());
        }
        EntryId by = state.referencedBy.get(pending.id());
        if (by != null) {
            return Plan.refuse(LedgerErrorCode.LEDGER_PENDING_ALREADY_RESOLVED,
                    pending.id() + " was resolved by " + by);
        }
        if (!resolve.post()) {
            return new Plan.Write(pending.effectiveDate(), "void " + pending.id(), Optional.empty(),
                    Optional.empty(), Map.of(), Optional.empty(), List.of(), pending.lines());
        }
        if (pending.expiresAt().isPresent() && !pending.expiresAt().get().isAfter(now)) {
            return Plan.refuse(LedgerErrorCode.LEDGER_PENDING_EXPIRED,
                    pending.id() + " expired at " + pending.expiresAt().get());
        }
        List<EntryLine> lines = pending.lines();
        if (resolve.amounts().isPresent()) {
            List<Long> amounts = resolve.amounts().get();
            if (amounts.size() != lines.size()) {
                return Plan.refuse(LedgerErrorCode.LEDGER_INVALID_ENTRY,
                        "expected " + lines.size() + " amounts, one per pending line");
            }
            List<EntryLine> smaller = new ArrayList<>(lines.size());
            for (int i = 0; i < lines.size(); i++) {
                EntryLine line = lines.get(i);
                long amount = amounts.get(i);
                if (amount <= 0) {
                    return Plan.refuse(LedgerErrorCode.LEDGER_INVALID_ENTRY, "amount " + i + " must be positive");
                }
                if (amount > line.amount().minor()) {
                    return Plan.refuse(LedgerErrorCode.LEDGER_PENDING_AMOUNT_EXCEEDED,
                            "line " + i + " reserved " + line.amount() + ", asked " + amount);
                }
                smaller.add(line.withAmount(new Money(amount, line.amount().currency())).withoutFx());
            }
            Optional<Plan> unbalanced = EntryRules.checkBalanced(smaller);
            if (unbalanced.isPresent()) {
                return unbalanced.get();
            }
            lines = smaller;
        }
        LocalDate date = resolve.effectiveDate().orElse(pending.effectiveDate());
        Optional<Plan> refused = checkPeriodAndAccounts(state, date, lines, false);
        if (refused.isPresent()) {
            return refused.get();
        }
        return new Plan.Write(date, pending.description(), pending.externalRef(), pending.sourceDocument(),
                pending.metadata(), Optional.empty(), lines, pending.lines());
    }

    /**
     * @param closing a year-end closing entry, which must reach a revenue or expense account closed since the year
     *                it closes, else that year could never be closed
     */
    private Optional<Plan> checkPeriodAndAccounts(TenantState state, LocalDate date, List<EntryLine> lines,
                                                      boolean closing) {
        if (state.row.closedThrough().isPresent() && !date.isAfter(state.row.closedThrough().get())) {
            return Optional.of(Plan.refuse(LedgerErrorCode.LEDGER_PERIOD_CLOSED,
                    date + " lies in the period closed through " + state.row.closedThrough().get()));
        }
        for (EntryLine line : lines) {
            Account account = state.chart.get(line.account());
            if (account == null) {
                return Optional.of(Plan.refuse(LedgerErrorCode.LEDGER_ACCOUNT_NOT_FOUND,
                        "no account " + line.account()));
            }
            if (!account.isOpen() && !(closing && account.type().isIncomeStatement())) {
                return Optional.of(Plan.refuse(LedgerErrorCode.LEDGER_ACCOUNT_CLOSED,
                        "account " + line.account() + " is closed"));
            }
            if (account.currency().isPresent() && !account.currency().get().equals(line.amount().currency())) {
                return Optional.of(Plan.refuse(LedgerErrorCode.LEDGER_CURRENCY_MISMATCH,
                        "account " + line.account() + " takes " + account.currency().get() + ", not "
                                + line.amount().currency()));
            }
        }
        return Optional.empty();
    }

    private static Optional<PostResult> checkConstraints(EntryId id, TenantState state,
                                                         Map<BalanceKey, BalanceRow> deltas) {
        for (Map.Entry<BalanceKey, BalanceRow> change : deltas.entrySet()) {
            Account account = state.chart.get(change.getKey().account());
            if (account == null || !account.noNegative() && account.limitMinor().isEmpty()) {
                continue;
            }
            BalanceRow before = state.currentBalance(change.getKey());
            BalanceRow after = before.plus(change.getValue());
            Side normal = account.normalSide();
            long availableAfter = BalanceMath.available(normal, after);
            if (account.noNegative() && availableAfter < 0
                    && availableAfter < BalanceMath.available(normal, before)) {
                return Optional.of(PostResult.rejected(id, LedgerErrorCode.LEDGER_INSUFFICIENT_BALANCE,
                        "account " + account.id() + " would fall to " + new Money(availableAfter,
                                change.getKey().currency()) + " available"));
            }
            if (account.limitMinor().isPresent()) {
                long limit = account.limitMinor().getAsLong();
                long reachAfter = BalanceMath.committedToward(normal, after);
                if (reachAfter > limit
                        && reachAfter > BalanceMath.committedToward(normal, before)) {
                    return Optional.of(PostResult.rejected(id, LedgerErrorCode.LEDGER_LIMIT_EXCEEDED,
                            "account " + account.id() + " would reach " + new Money(reachAfter,
                                    change.getKey().currency()) + ", over its limit of "
                                    + new Money(limit, change.getKey().currency())));
                }
            }
        }
        return Optional.empty();
    }

    /** What the rules decided for one command. */
    sealed interface Plan {
        record Refuse(LedgerErrorCode code, String detail) implements Plan {
        }

        /** @param released pending lines whose reservation this entry releases */
        record Write(LocalDate effectiveDate, String description, Optional<String> externalRef,
                     Optional<String> sourceDocument, Map<String, String> metadata, Optional<Instant> expiresAt,
                     List<EntryLine> lines, List<EntryLine> released) implements Plan {
        }

        static Plan refuse(LedgerErrorCode code, String detail) {
            return new Refuse(code, detail);
        }
    }

    /** Per-tenant view during one batch: the stored state plus what earlier commands of the batch wrote. */
    private static final class TenantState {
        TenantRow row;
        boolean dirty;
        final Map<AccountId, Account> chart;
        final Map<EntryId, EntryHeader> headers = new HashMap<>();
        final Map<EntryId, StoredEntry> entries = new HashMap<>();
        final Map<EntryId, EntryId> referencedBy = new HashMap<>();
        final Map<BalanceKey, BalanceRow> storedBalances = new HashMap<>();
        final Map<BalanceKey, BalanceRow> batchDeltas = new HashMap<>();

        TenantState(TenantRow row, Map<AccountId, Account> chart) {
            this.row = row;
            this.chart = chart;
        }

        BalanceRow currentBalance(BalanceKey key) {
            BalanceRow stored = storedBalances.getOrDefault(key, BalanceRow.zero(key));
            BalanceRow delta = batchDeltas.get(key);
            return delta == null ? stored : stored.plus(delta);
        }

        void add(StoredEntry entry, Map<BalanceKey, BalanceRow> deltas) {
            headers.put(entry.id(), new EntryHeader(entry.id(), entry.seq(), entry.kind(), entry.postedAt(),
                    entry.contentHash(), entry.reference()));
            entries.put(entry.id(), entry);
            entry.reference().ifPresent(reference -> referencedBy.put(reference, entry.id()));
            deltas.forEach((key, delta) -> batchDeltas.merge(key, delta, BalanceRow::plus));
        }
    }

    /** Everything one batch writes, summed per balance row and per day. */
    private static final class Batch {
        final Instant now;
        final List<StoredEntry> entries = new ArrayList<>();
        final Map<BalanceKey, BalanceRow> balanceDeltas = new TreeMap<>();
        final Map<BalanceKey, Map<LocalDate, long[]>> dailyDeltas = new TreeMap<>();

        Batch(Instant now) {
            this.now = now;
        }

        void add(StoredEntry entry, Map<BalanceKey, BalanceRow> deltas) {
            entries.add(entry);
            deltas.forEach((key, delta) -> balanceDeltas.merge(key, delta, BalanceRow::plus));
            JournalFold.addDaily(entry, dailyDeltas);
        }
    }

    private void write(UnitOfWork uow, Batch batch, Collection<TenantState> states) {
        if (batch.entries.isEmpty()) {
            return;
        }
        List<BalanceRow> balanceDeltas = batch.balanceDeltas.values().stream().filter(row -> !row.isZero()).toList();
        List<DailyTotal> dailyDeltas = JournalFold.toDailyTotals(batch.dailyDeltas);
        store.writePostings(uow, new PostingWrite(batch.entries, balanceDeltas, dailyDeltas,
                states.stream().filter(state -> state.dirty).map(state -> state.row).toList()));
    }
}
