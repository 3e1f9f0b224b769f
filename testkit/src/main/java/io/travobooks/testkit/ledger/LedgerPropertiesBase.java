package io.travobooks.testkit.ledger;

import io.travobooks.ledger.AccountSpec;
import io.travobooks.ledger.JournalEntry;
import io.travobooks.ledger.Ledger;
import io.travobooks.ledger.LedgerBatch;
import io.travobooks.ledger.LedgerErrorCode;
import io.travobooks.ledger.LedgerOptions;
import io.travobooks.ledger.PostResult;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.Money;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.ledger.AccountType;
import io.travobooks.spi.ledger.BalanceRow;
import io.travobooks.spi.ledger.EntryKind;
import io.travobooks.spi.ledger.EntryLine;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.spi.ledger.Side;
import io.travobooks.spi.ledger.StoredEntry;
import io.travobooks.testkit.ledger.LedgerModel.Expected;
import io.travobooks.testkit.ledger.LedgerModel.Kind;
import io.travobooks.testkit.ledger.LedgerModel.Line;
import io.travobooks.testkit.ledger.LedgerModel.Request;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of ledger requests (open accounts, post, reserve, post or void pending, reverse, close a period,
 * close an account, replay an id with the same or other content, metadata that prints alike, reservations that
 * expire and the sweep that voids them, a deposit captured on a later day after a period close, callers and other
 * tenants taking the ids the sweep needs) checked against {@link LedgerModel} after every
 * step: the outcome is the one the model expects, the accounts sum to zero, each balance is the fold of its lines and
 * the model's, a refused request leaves the stored state unchanged, and a pending entry resolves at most once.
 */
public abstract class LedgerPropertiesBase {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    private static final List<String> CODES = LedgerModel.ACCOUNTS.stream().map(LedgerModel.ModelAccount::code).toList();
    private static Ledger ledger;
    private static LedgerStore ledgerStore;

    protected abstract LedgerStore store();

    private synchronized Ledger ledger() {
        if (ledger == null) {
            ledgerStore = store();
            ledger = new Ledger(ledgerStore, LedgerOptions.defaults().withWriters(1)
                    .withBackgroundEvery(Duration.ZERO));
        }
        return ledger;
    }

    @AfterContainer
    static synchronized void closeLedger() {
        if (ledger != null) {
            ledger.close();
            ledger = null;
        }
        otherTenant = null;
    }

    // ---------------------------------------------------------------- actions

    sealed interface Action {
    }

    record Post(String id, LocalDate date, List<Line> lines) implements Action {
    }

    record Reserve(String id, List<Line> lines) implements Action {
    }

    record Resolve(String id, String pending, boolean post) implements Action {
    }

    record Reverse(String id, String original, LocalDate date) implements Action {
    }

    record ClosePeriod(LocalDate through) implements Action {
    }

    record CloseAccount(String code) implements Action {
    }

    /** A post whose metadata is one of a few that look alike when printed carelessly. */
    record PostTagged(String id, LocalDate date, List<Line> lines, int tags) implements Action {
    }

    /** A reservation whose expiry has passed: posting it is refused, the sweep voids it. */
    record ReserveExpiring(String id, List<Line> lines) implements Action {
    }

    /** Posts a pending entry in full on a later, open day (a deposit captured after a period close). */
    record Capture(String id, String pending) implements Action {
    }

    /** Replays a stored standard entry's id, date and lines with one of the look-alike metadata. */
    record RetagReplay(String id, int tags) implements Action {
    }

    record Sweep() implements Action {
    }

    /** A caller tries the id the sweep would void {@code pending} under. */
    record PostAsSweeper(String pending) implements Action {
    }

    /** Another tenant takes the ids a sweeper could void this tenant's {@code pending} under. */
    record OtherTenantTakes(String pending) implements Action {
    }

    /** Metadata that a {@code toString} of the map would print alike. */
    private static final List<Map<String, String>> TAGS = List.of(Map.of("k", "a, l=b"), Map.of("k", "a", "l", "b"),
            Map.of("k", "a"), Map.of("k", "a=b"), Map.of("k=a", "b"));
    private static final Instant PAST_EXPIRY = Instant.parse("2026-01-01T00:00:00Z");

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<String> ids = Arbitraries.integers().between(0, 11).map(i -> "e" + i);
        Arbitrary<LocalDate> dates = Arbitraries.integers().between(-2, 1).map(DAY::plusDays);
        Arbitrary<List<Line>> lines = lines();
        Arbitrary<Action> action = Arbitraries.frequencyOf(
                Tuple.of(10, Combinators.combine(ids, dates, lines).as(Post::new)),
                Tuple.of(3, Combinators.combine(ids, lines).as(Reserve::new)),
                Tuple.of(3, Combinators.combine(ids, ids, Arbitraries.of(true, false)).as(Resolve::new)),
                Tuple.of(2, Combinators.combine(ids, ids, dates).as(Reverse::new)),
                Tuple.of(1, dates.map(ClosePeriod::new)),
                Tuple.of(1, Arbitraries.of("1990", "1100").map(CloseAccount::new)),
                Tuple.of(3, Combinators.combine(ids, dates, lines, Arbitraries.integers().between(0, TAGS.size() - 1))
                        .as(PostTagged::new)),
                Tuple.of(2, Combinators.combine(ids, lines).as(ReserveExpiring::new)),
                Tuple.of(2, Combinators.combine(ids, ids).as(Capture::new)),
                Tuple.of(3, Combinators.combine(ids, Arbitraries.integers().between(0, TAGS.size() - 1))
                        .as(RetagReplay::new)),
                Tuple.of(1, Arbitraries.just(new Sweep())),
                Tuple.of(1, ids.map(PostAsSweeper::new)),
                Tuple.of(1, ids.map(OtherTenantTakes::new)));
        return action.list().ofMinSize(1).ofMaxSize(25);
    }

    private static Arbitrary<List<Line>> lines() {
        Arbitrary<Line> line = Combinators.combine(Arbitraries.of(CODES), Arbitraries.of(true, false),
                Arbitraries.longs().between(1, 500)).as(Line::new);
        Arbitrary<List<Line>> balanced = Combinators.combine(line.list().ofMinSize(1).ofMaxSize(2),
                Arbitraries.of(CODES)).as((some, account) -> {
                    long net = some.stream().mapToLong(l -> l.debit() ? l.amount() : -l.amount()).sum();
                    List<Line> all = new ArrayList<>(some);
                    if (net != 0) {
                        all.add(new Line(account, net < 0, Math.abs(net)));
                    }
                    return all;
                });
        return Arbitraries.frequencyOf(Tuple.of(6, balanced), Tuple.of(1, line.list().ofMinSize(1).ofMaxSize(3)));
    }

    // ---------------------------------------------------------------- the property

    @Property(tries = 2000, edgeCases = EdgeCasesMode.MIXIN)
    void everyStepKeepsTheLedgerConsistentWithTheModel(@ForAll("actions") List<Action> actions) {
        Ledger ledger = ledger();
        TenantId tenant = TenantId.of(LedgerFixture.newTenantId());
        RequestContext context = new RequestContext(tenant, "property");
        ledger.createTenant(tenant, LedgerFixture.BDT).orThrow();
        List<AccountSpec> chart = LedgerModel.ACCOUNTS.stream().map(a -> {
            AccountSpec spec = AccountSpec.of(a.code(), "account " + a.code(),
                    a.debitNormal() ? AccountType.ASSET : AccountType.LIABILITY);
            return a.noNegative() ? spec.mustNotGoNegative() : spec;
        }).toList();
        ledger.chart().openAll(context, chart).orThrow();
        LedgerModel model = new LedgerModel();

        for (Action action : actions) {
            LedgerFixture.Snapshot before = snapshot(tenant);
            boolean changed = apply(ledger, context, model, action);
            LedgerFixture.Snapshot after = snapshot(tenant);
            if (!changed) {
                assertThat(after).as("a refused or repeated %s left no trace", action).isEqualTo(before);
            }
            checkInvariants(model, after, action);
        }
    }

    /** Applies the action to the ledger and the model, checks the outcome; true if the ledger should have changed. */
    private boolean apply(Ledger ledger, RequestContext context, LedgerModel model, Action action) {
        return switch (action) {
            case Post post -> expect(model.apply(post.id(), new Request(Kind.STANDARD, post.date(), post.lines(), null)),
                    ledger.post(context, entry(post.id(), post.date(), post.lines())), action);
            case Reserve reserve -> expect(model.apply(reserve.id(), new Request(Kind.PENDING, DAY, reserve.lines(),
                    null)), ledger.reserve(context, entry(reserve.id(), DAY, reserve.lines()), Optional.empty()), action);
            case Resolve resolve -> expect(model.apply(resolve.id(), new Request(resolve.post() ? Kind.POST_PENDING
                            : Kind.VOID_PENDING, null, List.of(), resolve.pending())),
                    resolve.post() ? ledger.postPending(context, EntryId.of(resolve.id()), EntryId.of(resolve.pending()))
                            : ledger.voidPending(context, EntryId.of(resolve.id()), EntryId.of(resolve.pending())),
                    action);
            case Reverse reverse -> expect(model.apply(reverse.id(), new Request(Kind.REVERSAL, reverse.date(),
                            List.of(), reverse.original())),
                    ledger.reverse(context, EntryId.of(reverse.id()), EntryId.of(reverse.original()), reverse.date(),
                            "reversal"), action);
            case ClosePeriod close -> expectOutcome(model.closePeriod(close.through()),
                    ledger.periods().closeThrough(context, close.through()), action);
            case CloseAccount close -> expectOutcome(model.closeAccount(close.code()),
                    ledger.chart().close(context, AccountId.of(close.code())), action);
            case PostTagged post -> expect(model.apply(post.id(), new Request(Kind.STANDARD, post.date(), post.lines(),
                            null, TAGS.get(post.tags()), false)),
                    ledger.post(context, tagged(entry(post.id(), post.date(), post.lines()), TAGS.get(post.tags()))),
                    action);
            case ReserveExpiring reserve -> expect(model.apply(reserve.id(), new Request(Kind.PENDING, DAY,
                            reserve.lines(), null, Map.of(), true)),
                    ledger.reserve(context, entry(reserve.id(), DAY, reserve.lines()), Optional.of(PAST_EXPIRY)),
                    action);
            case Capture capture -> expect(model.apply(capture.id(), new Request(Kind.POST_PENDING, DAY.plusDays(2),
                            List.of(), capture.pending())),
                    ledgerStore.transactions().inTransaction(uow -> ledger.applyWithin(uow, context,
                            new LedgerBatch().capture(EntryId.of(capture.id()), EntryId.of(capture.pending()),
                                    DAY.plusDays(2)))).getFirst(), action);
            case RetagReplay replay -> {
                Request stored = model.entries.get(replay.id());
                if (stored == null || stored.kind() != Kind.STANDARD) {
                    yield false;
                }
                Map<String, String> tags = TAGS.get(replay.tags());
                yield expect(model.apply(replay.id(), new Request(Kind.STANDARD, stored.date(), stored.lines(), null,
                                tags, false)),
                        ledger.post(context, tagged(entry(replay.id(), stored.date(), stored.lines()), tags)), action);
            }
            case Sweep ignored -> {
                int expected = model.sweep();
                Ledger.ExpirySweep sweep = ledger.voidExpiredPending();
                assertThat(sweep.voided()).as("%s voids at least this tenant's expired entries", action)
                        .isGreaterThanOrEqualTo(expected);
                assertThat(sweep.failed()).as("%s", action).noneMatch(ref -> ref.tenant().equals(context.tenant()));
                yield expected > 0;
            }
            case PostAsSweeper post -> expect(model.apply("sys:xp:" + post.pending(), new Request(Kind.STANDARD, DAY,
                            ONE, null)), ledger.post(context, entry("sys:xp:" + post.pending(), DAY, ONE)), action);
            case OtherTenantTakes take -> {
                RequestContext other = otherTenant();
                PostResult taken = ledger.post(other, entry("expired:" + take.pending() + ":" + context.tenant(), DAY,
                        ONE));
                assertThat(taken).as("%s", action).isInstanceOfAny(PostResult.Posted.class,
                        PostResult.AlreadyPosted.class);
                PostResult reserved = ledger.post(other, entry("sys:xp:" + take.pending(), DAY, ONE));
                assertThat(reserved).as("%s", action).isInstanceOfSatisfying(PostResult.Rejected.class,
                        rejected -> assertThat(rejected.code()).isEqualTo(LedgerErrorCode.LEDGER_ID_RESERVED));
                yield false;
            }
        };
    }

    private static boolean expect(Expected expected, PostResult actual, Action action) {
        switch (expected) {
            case Expected.Posted p -> assertThat(actual).as("%s", action).isInstanceOf(PostResult.Posted.class);
            case Expected.AlreadyPosted a -> assertThat(actual).as("%s", action)
                    .isInstanceOf(PostResult.AlreadyPosted.class);
            case Expected.Conflict c -> assertThat(actual).as("%s", action).isInstanceOf(PostResult.Conflict.class);
            case Expected.Rejected r -> {
                assertThat(actual).as("%s", action).isInstanceOf(PostResult.Rejected.class);
                assertThat(((PostResult.Rejected) actual).code()).as("%s", action).isEqualTo(r.code());
            }
        }
        return expected instanceof Expected.Posted;
    }

    private static boolean expectOutcome(Optional<LedgerErrorCode> expected, Outcome<?> actual, Action action) {
        if (expected.isEmpty()) {
            assertThat(actual.isOk()).as("%s: %s", action, actual).isTrue();
            return true;
        }
        assertThat(actual).as("%s", action).isInstanceOf(Outcome.Refused.class);
        assertThat(((Outcome.Refused<?>) actual).rejection().code()).as("%s", action).isEqualTo(expected.get());
        return false;
    }

    private static final List<Line> ONE = List.of(new Line("1000", true, 1), new Line("4300", false, 1));

    private static JournalEntry tagged(JournalEntry entry, Map<String, String> metadata) {
        return new JournalEntry(entry.id(), entry.effectiveDate(), entry.description(), entry.externalRef(),
                entry.sourceDocument(), metadata, entry.lines());
    }

    private static RequestContext otherTenant;

    /** A second tenant, shared by the tries, whose ids must never matter to this one's. */
    private synchronized RequestContext otherTenant() {
        if (otherTenant == null) {
            TenantId other = TenantId.of(LedgerFixture.newTenantId());
            otherTenant = new RequestContext(other, "other");
            ledger().createTenant(other, LedgerFixture.BDT).orThrow();
            ledger().chart().openAll(otherTenant, LedgerModel.ACCOUNTS.stream().map(a -> AccountSpec.of(a.code(),
                    "account " + a.code(), a.debitNormal() ? AccountType.ASSET : AccountType.LIABILITY)).toList())
                    .orThrow();
        }
        return otherTenant;
    }

    private static JournalEntry entry(String id, LocalDate date, List<Line> lines) {
        JournalEntry.Builder builder = JournalEntry.builder(id, date).description("property");
        for (Line line : lines) {
            Money amount = new Money(line.amount(), LedgerFixture.BDT);
            builder.line(line.debit() ? EntryLine.debit(AccountId.of(line.account()), amount)
                    : EntryLine.credit(AccountId.of(line.account()), amount));
        }
        return builder.build();
    }

    private LedgerFixture.Snapshot snapshot(TenantId tenant) {
        return ledgerStore.transactions().inTransaction(uow -> new LedgerFixture.Snapshot(
                ledgerStore.entriesAfter(uow, tenant, 0, Integer.MAX_VALUE),
                ledgerStore.listBalances(uow, tenant),
                ledgerStore.linksAfter(uow, tenant, 0, Integer.MAX_VALUE),
                ledgerStore.findTenant(uow, tenant).orElseThrow().nextSeq()));
    }

    private static void checkInvariants(LedgerModel model, LedgerFixture.Snapshot state, Action action) {
        // Fold the stored lines: posted entries into posted totals, unresolved pending entries into pending ones.
        Set<EntryId> resolved = new HashSet<>();
        Map<EntryId, Integer> resolutions = new HashMap<>();
        for (StoredEntry entry : state.entries()) {
            if (entry.kind() == EntryKind.POST_PENDING || entry.kind() == EntryKind.VOID_PENDING) {
                resolved.add(entry.reference().orElseThrow());
                resolutions.merge(entry.reference().orElseThrow(), 1, Integer::sum);
            }
        }
        assertThat(resolutions.values()).as("a pending entry resolves at most once").allMatch(n -> n == 1);
        Map<String, long[]> folded = new HashMap<>();
        for (StoredEntry entry : state.entries()) {
            if (entry.kind() == EntryKind.PENDING && resolved.contains(entry.id())) {
                continue;
            }
            int offset = entry.kind() == EntryKind.PENDING ? 2 : 0;
            for (EntryLine line : entry.lines()) {
                folded.computeIfAbsent(line.account().value(), a -> new long[4])
                        [offset + (line.side() == Side.DEBIT ? 0 : 1)] += line.amount().minor();
            }
        }
        long net = 0;
        long pendingNet = 0;
        for (BalanceRow row : state.balances()) {
            String code = row.key().account().value();
            long[] fold = folded.getOrDefault(code, new long[4]);
            assertThat(new long[]{row.postedDebit(), row.postedCredit(), row.pendingDebit(), row.pendingCredit()})
                    .as("balance of %s is the fold of its lines after %s", code, action).containsExactly(fold);
            long[] modelPosted = model.posted.getOrDefault(code, new long[2]);
            long[] modelPending = model.pending.getOrDefault(code, new long[2]);
            assertThat(new long[]{row.postedDebit(), row.postedCredit(), row.pendingDebit(), row.pendingCredit()})
                    .as("balance of %s matches the model after %s", code, action)
                    .containsExactly(modelPosted[0], modelPosted[1], modelPending[0], modelPending[1]);
            net += row.postedDebit() - row.postedCredit();
            pendingNet += row.pendingDebit() - row.pendingCredit();
        }
        assertThat(net).as("posted debits equal posted credits over all accounts").isZero();
        assertThat(pendingNet).as("pending debits equal pending credits over all accounts").isZero();
        assertThat(state.entries()).extracting(StoredEntry::seq).as("seq is gap-free")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, state.entries().size())
                        .boxed().toList());
    }
}
