package io.travobooks.testkit.ledger;

import io.travobooks.ledger.AccountSpec;
import io.travobooks.ledger.AuditTrail;
import io.travobooks.ledger.ChartTemplates;
import io.travobooks.ledger.IncomeStatement;
import io.travobooks.ledger.JournalEntry;
import io.travobooks.ledger.Ledger;
import io.travobooks.ledger.LedgerErrorCode;
import io.travobooks.ledger.PostResult;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.Money;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.ledger.AccountType;
import io.travobooks.spi.ledger.Dimension;
import io.travobooks.spi.ledger.EntryKind;
import io.travobooks.spi.ledger.EntryLine;
import io.travobooks.spi.ledger.FxDetail;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.spi.ledger.StoredEntry;
import io.travobooks.testkit.ConcurrentWriters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.travobooks.testkit.ledger.LedgerFixture.BDT;
import static io.travobooks.testkit.ledger.LedgerFixture.bdt;
import static io.travobooks.testkit.ledger.LedgerFixture.cr;
import static io.travobooks.testkit.ledger.LedgerFixture.dr;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger against an attacker and a careless integrator: contents that only look alike, ids the ledger needs
 * for itself, a store changed behind its back, years closed in awkward orders and amounts at the edge of a
 * {@code long}. Every implementation of {@link LedgerStore} runs it.
 */
public abstract class LedgerIntegrityContractTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    private static final LocalDate YEAR_END = LocalDate.of(2025, 12, 31);

    protected abstract LedgerStore store();

    /** Replaces an entry's stored metadata JSON behind the ledger's back. */
    protected abstract void rewriteMetadata(TenantId tenant, EntryId entry, String json);

    /** Deletes the tenant's newest entries with their lines and chain links, leaving the chain head as it is. */
    protected abstract void deleteNewestEntries(TenantId tenant, int count);

    /** Adds to an account's stored posted debit: to its running total, or to its total of {@code day} if given. */
    protected abstract void inflateStoredDebit(TenantId tenant, AccountId account, long minor, Optional<LocalDate> day);

    private LedgerFixture f;

    @BeforeEach
    void setUp() {
        f = new LedgerFixture(store());
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private PostResult post(JournalEntry entry) {
        return f.ledger.post(f.context, entry);
    }

    private static JournalEntry entry(String id, LocalDate date, EntryLine... lines) {
        return JournalEntry.builder(id, date).description("entry " + id).lines(List.of(lines)).build();
    }

    private Money postedAsOf(String account, LocalDate day) {
        return f.ledger.balanceAsOf(f.context, AccountId.of(account), BDT, day).orElseThrow().posted();
    }

    private void assertRefusedWithoutTrace(PostResult result, LedgerErrorCode code, LedgerFixture.Snapshot before) {
        assertThat(result).isInstanceOf(PostResult.Rejected.class);
        assertThat(((PostResult.Rejected) result).code()).isEqualTo(code);
        assertThat(f.snapshot()).isEqualTo(before);
    }

    // ---------------------------------------------------------------- contents that only look alike

    @Test
    void metadataThatOnlyLooksAlikeIsAConflict() {
        JournalEntry first = JournalEntry.builder("m1", DAY).description("sale").metadata("k", "a, l=b")
                .lines(List.of(dr("1000", "10"), cr("4300", "10"))).build();
        JournalEntry lookalike = JournalEntry.builder("m1", DAY).description("sale").metadata("k", "a")
                .metadata("l", "b").lines(List.of(dr("1000", "10"), cr("4300", "10"))).build();
        assertThat(post(first)).isInstanceOf(PostResult.Posted.class);
        LedgerFixture.Snapshot before = f.snapshot();

        assertThat(post(lookalike)).isEqualTo(new PostResult.Conflict(EntryId.of("m1"), "metadata"));
        assertThat(f.snapshot()).isEqualTo(before);
    }

    @Test
    void dimensionsThatOnlyLookAlikeAreAConflict() {
        EntryLine folded = dr("1100", "10").with(Dimension.DOCUMENT_NUMBER, "d, BOOKING_ID=b");
        EntryLine split = dr("1100", "10").with(Dimension.DOCUMENT_NUMBER, "d").with(Dimension.BOOKING_ID, "b");
        assertThat(post(entry("d1", DAY, folded, cr("4300", "10")))).isInstanceOf(PostResult.Posted.class);

        assertThat(post(entry("d1", DAY, split, cr("4300", "10"))))
                .isEqualTo(new PostResult.Conflict(EntryId.of("d1"), "lines[0].dimensions"));
    }

    // ---------------------------------------------------------------- verification of what is stored

    @Test
    void rewrittenMetadataBreaksTheAuditChain() {
        post(JournalEntry.builder("m1", DAY).description("sale").metadata("k", "a").metadata("l", "b")
                .lines(List.of(dr("1000", "10"), cr("4300", "10"))).build());
        f.ledger.audit().chain(f.tenant);

        rewriteMetadata(f.tenant, EntryId.of("m1"), "{\"k\":\"a, l=b\"}");

        assertThat(f.ledger.audit().verify(f.tenant)).isInstanceOfSatisfying(AuditTrail.Verification.Broken.class,
                broken -> assertThat(broken.entryId()).isEqualTo(EntryId.of("m1")));
    }

    @Test
    void removingTheNewestEntriesAndLinksBreaksTheChain() {
        for (int i = 1; i <= 5; i++) {
            post(entry("n" + i, DAY, dr("1000", "1"), cr("4300", "1")));
        }
        assertThat(f.ledger.audit().chain(f.tenant)).isEqualTo(5);
        assertThat(f.ledger.audit().verify(f.tenant)).isEqualTo(new AuditTrail.Verification.Intact(5, 0));

        deleteNewestEntries(f.tenant, 2);

        assertThat(f.ledger.audit().verify(f.tenant)).isInstanceOf(AuditTrail.Verification.Broken.class);
    }

    @Test
    void removingUnchainedEntriesIsNamed() {
        for (int i = 1; i <= 4; i++) {
            post(entry("u" + i, DAY, dr("1000", "1"), cr("4300", "1")));
        }
        f.ledger.audit().chain(f.tenant);
        post(entry("u5", DAY, dr("1000", "1"), cr("4300", "1")));
        post(entry("u6", DAY, dr("1000", "1"), cr("4300", "1")));

        deleteNewestEntries(f.tenant, 1);

        assertThat(f.ledger.audit().verify(f.tenant)).isInstanceOfSatisfying(AuditTrail.Verification.Broken.class,
                broken -> assertThat(broken.seq()).isEqualTo(6));
    }

    @Test
    void aStoredBalanceThatIsNotTheSumOfItsLinesIsFound() {
        post(entry("b1", DAY, dr("1000", "10"), cr("4300", "10")));
        f.ledger.reserve(f.context, entry("b2", DAY, dr("2100", "3"), cr("1000", "3")), Optional.empty());
        f.ledger.audit().chain(f.tenant);
        assertThat(f.ledger.audit().verify(f.tenant)).isInstanceOf(AuditTrail.Verification.Intact.class);

        inflateStoredDebit(f.tenant, AccountId.of("1000"), 1, Optional.empty());

        assertThat(f.ledger.audit().verify(f.tenant))
                .isInstanceOfSatisfying(AuditTrail.Verification.ProjectionMismatch.class,
                        mismatch -> assertThat(mismatch.detail()).contains("balance").contains("1000"));
    }

    @Test
    void aStoredDailyTotalThatIsNotTheSumOfItsLinesIsFound() {
        post(entry("b1", DAY, dr("1000", "10"), cr("4300", "10")));
        inflateStoredDebit(f.tenant, AccountId.of("4300"), 0, Optional.of(DAY.minusDays(3)));
        assertThat(f.ledger.audit().verify(f.tenant)).isInstanceOf(AuditTrail.Verification.Intact.class);

        inflateStoredDebit(f.tenant, AccountId.of("4300"), 5, Optional.of(DAY));

        assertThat(f.ledger.audit().verify(f.tenant))
                .isInstanceOfSatisfying(AuditTrail.Verification.ProjectionMismatch.class,
                        mismatch -> assertThat(mismatch.detail()).contains("daily total").contains("4300"));
    }

    @Test
    void chainersRacingEachOtherAndThePostersNeverFail() throws InterruptedException {
        ConcurrentWriters.run(6, 40, (writer, number) -> {
            if (writer.compareTo("c") <= 0) {
                post(entry("r-" + writer + number, DAY, dr("1000", "1"), cr("4300", "1")));
            } else {
                f.ledger.audit().chain(f.tenant);
            }
        });
        f.ledger.audit().chain(f.tenant);

        assertThat(f.ledger.audit().verify(f.tenant)).isEqualTo(new AuditTrail.Verification.Intact(120, 0));
    }

    // ---------------------------------------------------------------- year end

    @Test
    void aYearEndCloseIdReusedForAnotherYearIsAConflict() {
        post(entry("s24", LocalDate.of(2024, 6, 1), dr("1100", "100"), cr("4300", "100")));
        post(entry("s25", LocalDate.of(2025, 6, 1), dr("1100", "40"), cr("4300", "40")));
        assertThat(f.ledger.periods().closeYear(f.context, LocalDate.of(2024, 12, 31), AccountId.of("3100"),
                EntryId.of("year-end")).orThrow()).isInstanceOf(PostResult.Posted.class);
        LedgerFixture.Snapshot before = f.snapshot();

        assertThat(f.ledger.periods().closeYear(f.context, YEAR_END, AccountId.of("3100"), EntryId.of("year-end"))
                .orThrow()).isEqualTo(new PostResult.Conflict(EntryId.of("year-end"), "effectiveDate"));
        assertThat(f.snapshot()).isEqualTo(before);
        assertThat(f.ledger.periods().closedThrough(f.context)).contains(LocalDate.of(2024, 12, 31));
        assertThat(postedAsOf("4300", YEAR_END)).isEqualTo(bdt("40"));
    }

    @Test
    void aYearEndCloseIdTakenByAnOrdinaryEntryIsAConflict() {
        post(entry("s25", LocalDate.of(2025, 6, 1), dr("1100", "40"), cr("4300", "40")));
        post(entry("close-2025", DAY, dr("1000", "1"), cr("4300", "1")));

        assertThat(f.ledger.periods().closeYear(f.context, YEAR_END, AccountId.of("3100"),
                EntryId.of("close-2025")).orThrow()).isEqualTo(new PostResult.Conflict(EntryId.of("close-2025"),
                "kind"));
        assertThat(f.ledger.periods().closedThrough(f.context)).isEmpty();
    }

    @Test
    void aClosingEntryIsNeverReversed() {
        post(entry("s25", LocalDate.of(2025, 6, 1), dr("1100", "100"), cr("4300", "100")));
        post(entry("s26", LocalDate.of(2026, 1, 5), dr("1100", "30"), cr("4300", "30")));
        f.ledger.periods().closeYear(f.context, YEAR_END, AccountId.of("3100"), EntryId.of("close-2025")).orThrow();
        LedgerFixture.Snapshot before = f.snapshot();

        assertRefusedWithoutTrace(f.ledger.reverse(f.context, EntryId.of("unclose"), EntryId.of("close-2025"),
                LocalDate.of(2026, 1, 6), "undo the close"), LedgerErrorCode.LEDGER_NOT_REVERSIBLE, before);
        IncomeStatement year = f.ledger.reports().incomeStatement(f.context, LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 12, 31));
        assertThat(year.byCurrency().get(BDT).netIncome()).isEqualTo(30_00);
    }

    @Test
    void aRevenueAccountClosedSinceTheYearEndIsStillClosedIntoRetainedEarnings() {
        f.ledger.chart().open(f.context, AccountSpec.of("4900", "Promotional revenue", AccountType.REVENUE)
                .under("4")).orThrow();
        post(entry("promo", LocalDate.of(2025, 11, 1), dr("1100", "100"), cr("4900", "100")));
        post(entry("promo-back", LocalDate.of(2026, 1, 10), dr("4900", "100"), cr("1100", "100")));
        f.ledger.chart().close(f.context, AccountId.of("4900")).orThrow();

        assertThat(f.ledger.periods().closeYear(f.context, YEAR_END, AccountId.of("3100"), EntryId.of("close-2025"))
                .orThrow()).isInstanceOf(PostResult.Posted.class);
        assertThat(postedAsOf("4900", YEAR_END)).isEqualTo(bdt("0"));
        assertThat(postedAsOf("3100", YEAR_END)).isEqualTo(bdt("100"));
        assertThat(f.ledger.periods().closeYear(f.context, LocalDate.of(2026, 12, 31), AccountId.of("3100"),
                EntryId.of("close-2026")).orThrow()).isInstanceOf(PostResult.Posted.class);
        assertThat(postedAsOf("4900", LocalDate.of(2026, 12, 31))).isEqualTo(bdt("0"));
        assertThat(postedAsOf("3100", LocalDate.of(2026, 12, 31))).isEqualTo(bdt("0"));
        LedgerFixture.Snapshot before = f.snapshot();
        assertRefusedWithoutTrace(post(entry("late", LocalDate.of(2027, 1, 2), dr("1100", "1"), cr("4900", "1"))),
                LedgerErrorCode.LEDGER_ACCOUNT_CLOSED, before);
    }

    // ---------------------------------------------------------------- the ledger's own ids

    @Test
    void callersCannotPostIntoTheLedgersOwnIdSpace() {
        LedgerFixture.Snapshot before = f.snapshot();
        assertRefusedWithoutTrace(post(entry("sys:xp:hold", DAY, dr("1000", "1"), cr("4300", "1"))),
                LedgerErrorCode.LEDGER_ID_RESERVED, before);
        assertRefusedWithoutTrace(f.ledger.reserve(f.context, entry("sys:h", DAY, dr("2100", "1"), cr("1000", "1")),
                Optional.empty()), LedgerErrorCode.LEDGER_ID_RESERVED, before);
        assertThat(f.ledger.postAll(f.context, List.of(entry("sys:b", DAY, dr("1000", "1"), cr("4300", "1"))), false))
                .singleElement().isInstanceOfSatisfying(PostResult.Rejected.class,
                        rejected -> assertThat(rejected.code()).isEqualTo(LedgerErrorCode.LEDGER_ID_RESERVED));
        assertThat(f.snapshot()).isEqualTo(before);
    }

    @Test
    void oneTenantCannotHoldBackAnotherTenantsExpiredReservations() throws Exception {
        Instant expiry = f.clock.instant().plus(Duration.ofMinutes(10));
        // Tenant A reserves many holds and takes, for each, every id a sweeper of the past would have voided it by.
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<PostResult>> results = new ArrayList<>();
            for (int i = 0; i < 520; i++) {
                String hold = "a-hold-" + i;
                results.add(pool.submit(() -> f.ledger.reserve(f.context, entry(hold, DAY, dr("2100", "1"),
                        cr("1000", "1")), Optional.of(expiry))));
                results.add(pool.submit(() -> post(entry("expired:" + hold, DAY, dr("1000", "1"),
                        cr("4300", "1")))));
            }
            for (Future<PostResult> result : results) {
                assertThat(result.get()).isInstanceOf(PostResult.Posted.class);
            }
        }
        Tenant other = Tenant.open(f.ledger);
        assertThat(f.ledger.reserve(other.context, entry("b-hold", DAY, dr("2100", "7"), cr("1000", "7")),
                Optional.of(expiry.plusSeconds(1)))).isInstanceOf(PostResult.Posted.class);
        f.clock.advance(Duration.ofMinutes(11));

        Ledger.ExpirySweep sweep = f.ledger.voidExpiredPending();

        assertThat(sweep.failed()).noneMatch(ref -> ref.tenant().equals(f.tenant) || ref.tenant().equals(other.id()));
        assertThat(sweep.voided()).isGreaterThanOrEqualTo(521);
        assertThat(f.ledger.balance(other.context, AccountId.of("1000"), BDT).orElseThrow().available())
                .isEqualTo(bdt("0"));
        assertThat(f.ledger.balance(f.context, AccountId.of("1000"), BDT).orElseThrow().pending())
                .isEqualTo(bdt("0"));
    }

    @Test
    void longPendingIdsWhoseHashesCollideAreBothVoided() {
        // "Aa" and "BB" have the same String.hashCode, and the two ids end alike.
        String tail = "x".repeat(EntryId.MAX_LENGTH - 2);
        Instant expiry = f.clock.instant().plus(Duration.ofMinutes(1));
        for (String id : List.of("Aa" + tail, "BB" + tail)) {
            assertThat(f.ledger.reserve(f.context, entry(id, DAY, dr("2100", "5"), cr("1000", "5")),
                    Optional.of(expiry))).isInstanceOf(PostResult.Posted.class);
        }
        f.clock.advance(Duration.ofMinutes(2));

        Ledger.ExpirySweep sweep = f.ledger.voidExpiredPending();
        assertThat(sweep.voided()).isGreaterThanOrEqualTo(2);
        assertThat(sweep.failed()).noneMatch(ref -> ref.tenant().equals(f.tenant));
        assertThat(f.ledger.balance(f.context, AccountId.of("1000"), BDT).orElseThrow().pending())
                .isEqualTo(bdt("0"));
    }

    @Test
    void aSweepReportsWhatItCannotVoidAndGoesPastIt() {
        // More pending entries than a sweep batch that no ledger owns (their tenant has no ledger), expiring first.
        TenantId orphan = TenantId.of(LedgerFixture.newTenantId());
        Instant early = f.clock.instant().minus(Duration.ofDays(1));
        List<StoredEntry> orphans = new ArrayList<>();
        for (int i = 0; i < 520; i++) {
            orphans.add(new StoredEntry(orphan, EntryId.of("o" + i), i + 1, EntryKind.PENDING, DAY, early, "orphan",
                    Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), Optional.of(early), "test",
                    "0".repeat(64), List.of(dr("2100", "1"), cr("1000", "1"))));
        }
        store().transactions().inTransaction(uow -> {
            store().insertEntries(uow, orphans);
            return null;
        });
        f.ledger.reserve(f.context, entry("hold", DAY, dr("2100", "4"), cr("1000", "4")),
                Optional.of(f.clock.instant().plusSeconds(60)));
        f.clock.advance(Duration.ofMinutes(2));

        try {
            Ledger.ExpirySweep sweep = f.ledger.voidExpiredPending();

            assertThat(sweep.failed()).filteredOn(ref -> ref.tenant().equals(orphan)).hasSize(520);
            assertThat(f.ledger.balance(f.context, AccountId.of("1000"), BDT).orElseThrow().pending())
                    .isEqualTo(bdt("0"));
        } finally {
            // Resolved behind the ledger's back, so that no later sweep on this store meets them.
            List<StoredEntry> voids = new ArrayList<>();
            for (int i = 0; i < orphans.size(); i++) {
                voids.add(new StoredEntry(orphan, EntryId.of("v" + i), orphans.size() + i + 1,
                        EntryKind.VOID_PENDING, DAY, early, "void", Optional.empty(), Optional.empty(), Map.of(),
                        Optional.of(orphans.get(i).id()), Optional.empty(), "test", "0".repeat(64), List.of()));
            }
            store().transactions().inTransaction(uow -> {
                store().insertEntries(uow, voids);
                return null;
            });
        }
    }

    // ---------------------------------------------------------------- amounts at the edge

    @Test
    void amountsAndRatesBeyondWhatTheJournalHoldsAreRefusedAsInvalid() {
        LedgerFixture.Snapshot before = f.snapshot();
        long huge = Long.MAX_VALUE / 2;
        assertRefusedWithoutTrace(post(entry("big", DAY, EntryLine.debit(AccountId.of("1000"), new Money(huge, BDT)),
                        EntryLine.credit(AccountId.of("4300"), new Money(huge, BDT)))),
                LedgerErrorCode.LEDGER_INVALID_ENTRY, before);
        Money usd = Money.of("10", "USD");
        JournalEntry longRate = entry("fx", DAY,
                EntryLine.debit(AccountId.of("1000"), usd).withFx(new FxDetail(1_200_00,
                        new BigDecimal("120." + "1".repeat(40)))),
                EntryLine.credit(AccountId.of("4300"), usd).withFx(new FxDetail(1_200_00, new BigDecimal("120"))));
        assertRefusedWithoutTrace(post(longRate), LedgerErrorCode.LEDGER_INVALID_ENTRY, before);

        long most = JournalEntry.MAX_AMOUNT_MINOR;
        assertThat(post(entry("most", DAY, EntryLine.debit(AccountId.of("1000"), new Money(most, BDT)),
                EntryLine.credit(AccountId.of("4300"), new Money(most, BDT))))).isInstanceOf(PostResult.Posted.class);
        assertThat(f.ledger.reports().trialBalance(f.context, DAY).balanced()).isTrue();
    }

    /** A second tenant on the same ledger. */
    private record Tenant(TenantId id, RequestContext context) {
        static Tenant open(Ledger ledger) {
            TenantId id = TenantId.of(LedgerFixture.newTenantId());
            RequestContext context = new RequestContext(id, "test");
            ledger.createTenant(id, BDT).orThrow();
            ledger.chart().openAll(context, ChartTemplates.travelAgency()).orThrow();
            return new Tenant(id, context);
        }
    }
}
