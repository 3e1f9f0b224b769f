package io.travobooks.testkit.ledger;

import io.travobooks.ledger.AccountSpec;
import io.travobooks.ledger.AccountStatement;
import io.travobooks.ledger.AuditTrail;
import io.travobooks.ledger.Balance;
import io.travobooks.ledger.ChartTemplates;
import io.travobooks.ledger.DailyActivity;
import io.travobooks.ledger.IncomeStatement;
import io.travobooks.ledger.JournalEntry;
import io.travobooks.ledger.LedgerErrorCode;
import io.travobooks.ledger.PostResult;
import io.travobooks.ledger.ReportLine;
import io.travobooks.ledger.TrialBalance;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.FxRate;
import io.travobooks.spi.Money;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.ledger.AccountType;
import io.travobooks.spi.ledger.EntryLine;
import io.travobooks.spi.ledger.FxDetail;
import io.travobooks.spi.ledger.LedgerStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import static io.travobooks.testkit.ledger.LedgerFixture.BDT;
import static io.travobooks.testkit.ledger.LedgerFixture.bdt;
import static io.travobooks.testkit.ledger.LedgerFixture.cr;
import static io.travobooks.testkit.ledger.LedgerFixture.dr;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger's behaviour on a real store; every implementation of {@link LedgerStore} runs it.
 *
 * <p>Why one class of this size: it is one contract, grouped by topic; the rules against attackers and careless
 * integrators have a suite of their own ({@link LedgerIntegrityContractTest}).
 */
public abstract class LedgerContractTest {
    protected static final LocalDate DAY = LocalDate.of(2026, 3, 10);

    protected abstract LedgerStore store();

    /** Changes one stored journal line amount behind the ledger's back (triggers bypassed where there are any). */
    protected abstract void tamperWithLineAmount(TenantId tenant, EntryId entry, int lineNo, long newAmount);

    protected LedgerFixture f;

    @BeforeEach
    void setUp() {
        f = new LedgerFixture(store());
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static JournalEntry entry(String id, LocalDate date, EntryLine... lines) {
        return JournalEntry.builder(id, date).description("entry " + id).lines(List.of(lines)).build();
    }

    private PostResult post(String id, EntryLine... lines) {
        return f.ledger.post(f.context, entry(id, DAY, lines));
    }

    private Money posted(String account) {
        return f.ledger.balance(f.context, AccountId.of(account), BDT).orElseThrow().posted();
    }

    private void assertRefusedWithoutTrace(PostResult result, LedgerErrorCode code,
                                           LedgerFixture.Snapshot before) {
        assertThat(result).isInstanceOf(PostResult.Rejected.class);
        assertThat(((PostResult.Rejected) result).code()).isEqualTo(code);
        assertThat(f.snapshot()).isEqualTo(before);
    }

    // ---------------------------------------------------------------- idempotency

    @Test
    void replayWithSameContentReturnsTheOriginalResult() {
        PostResult first = post("e1", dr("1000", "100"), cr("3000", "100"));
        PostResult again = post("e1", dr("1000", "100"), cr("3000", "100"));

        assertThat(first).isInstanceOf(PostResult.Posted.class);
        PostResult.Posted posted = (PostResult.Posted) first;
        assertThat(again).isEqualTo(new PostResult.AlreadyPosted(posted.entryId(), posted.seq(), posted.postedAt()));
        assertThat(posted("1000")).isEqualTo(bdt("100"));
    }

    @Test
    void replayWithDifferentContentIsAConflictNamingTheField() {
        post("e1", dr("1000", "100"), cr("3000", "100"));
        LedgerFixture.Snapshot before = f.snapshot();

        assertThat(post("e1", dr("1000", "101"), cr("3000", "101")))
                .isEqualTo(new PostResult.Conflict(EntryId.of("e1"), "lines[0].amount"));
        assertThat(f.ledger.post(f.context, JournalEntry.builder("e1", DAY).description("other")
                .lines(List.of(dr("1000", "100"), cr("3000", "100"))).build()))
                .isEqualTo(new PostResult.Conflict(EntryId.of("e1"), "description"));
        assertThat(f.ledger.post(f.context, entry("e1", DAY.plusDays(1), dr("1000", "100"), cr("3000", "100"))))
                .isEqualTo(new PostResult.Conflict(EntryId.of("e1"), "effectiveDate"));
        assertThat(f.snapshot()).isEqualTo(before);
    }

    @Test
    void sameIdInDifferentTenantsIsTwoEntries() {
        TenantId other = TenantId.of(LedgerFixture.newTenantId());
        RequestContext otherContext = new RequestContext(other, "test");
        f.ledger.createTenant(other, BDT).orThrow();
        f.ledger.chart().openAll(otherContext, ChartTemplates.travelAgency()).orThrow();

        assertThat(post("shared", dr("1000", "100"), cr("3000", "100"))).isInstanceOf(PostResult.Posted.class);
        assertThat(f.ledger.post(otherContext, entry("shared", DAY, dr("1000", "7"), cr("3000", "7"))))
                .isInstanceOf(PostResult.Posted.class);
        assertThat(posted("1000")).isEqualTo(bdt("100"));
        assertThat(f.ledger.balance(otherContext, AccountId.of("1000"), BDT).orElseThrow().posted())
                .isEqualTo(bdt("7"));
    }

    // ---------------------------------------------------------------- refusals leave no trace

    @Test
    void unbalancedEntryIsRefused() {
        LedgerFixture.Snapshot before = f.snapshot();
        assertRefusedWithoutTrace(post("u1", dr("1000", "100"), cr("3000", "99")),
                LedgerErrorCode.LEDGER_UNBALANCED, before);
    }

    @Test
    void eachCurrencyMustBalanceOnItsOwn() {
        LedgerFixture.Snapshot before = f.snapshot();
        EntryLine usd = EntryLine.credit(AccountId.of("3000"), Money.of("1.00", "USD"));
        EntryLine bdtDebit = EntryLine.debit(AccountId.of("1000"), Money.of("1.00", "BDT"));
        assertRefusedWithoutTrace(f.ledger.post(f.context, entry("fx-bad", DAY, bdtDebit, usd)),
                LedgerErrorCode.LEDGER_UNBALANCED, before);
    }

    @Test
    void singleLineEntryIsInvalid() {
        LedgerFixture.Snapshot before = f.snapshot();
        assertRefusedWithoutTrace(post("one", dr("1000", "100")), LedgerErrorCode.LEDGER_INVALID_ENTRY, before);
    }

    @Test
    void unknownAccountIsRefused() {
        LedgerFixture.Snapshot before = f.snapshot();
        assertRefusedWithoutTrace(post("x", dr("9999", "1"), cr("3000", "1")),
                LedgerErrorCode.LEDGER_ACCOUNT_NOT_FOUND, before);
    }

    @Test
    void unknownTenantIsRefused() {
        RequestContext nobody = RequestContext.of(LedgerFixture.newTenantId(), "test");
        PostResult result = f.ledger.post(nobody, entry("x", DAY, dr("1000", "1"), cr("3000", "1")));
        assertThat(result).isInstanceOf(PostResult.Rejected.class);
        assertThat(((PostResult.Rejected) result).code()).isEqualTo(LedgerErrorCode.LEDGER_TENANT_NOT_FOUND);
    }

    @Test
    void closedAccountRefusesPostings() {
        assertThat(f.ledger.chart().close(f.context, AccountId.of("1010")).isOk()).isTrue();
        LedgerFixture.Snapshot before = f.snapshot();
        assertRefusedWithoutTrace(post("c1", dr("1010", "1"), cr("3000", "1")),
                LedgerErrorCode.LEDGER_ACCOUNT_CLOSED, before);
    }

    @Test
    void accountWithBalanceCannotBeClosed() {
        post("c1", dr("1010", "1"), cr("3000", "1"));
        Outcome<?> closed = f.ledger.chart().close(f.context, AccountId.of("1010"));
        assertThat(closed).isInstanceOf(Outcome.Refused.class);
        assertThat(((Outcome.Refused<?>) closed).rejection().code()).isEqualTo(LedgerErrorCode.LEDGER_ACCOUNT_NOT_EMPTY);
    }

    @Test
    void singleCurrencyAccountRefusesOtherCurrencies() {
        f.ledger.chart().open(f.context, AccountSpec.of("1030", "USD bank", AccountType.ASSET).under("1")
                .onlyIn("USD")).orThrow();
        LedgerFixture.Snapshot before = f.snapshot();
        assertRefusedWithoutTrace(post("m1", dr("1030", "5"), cr("3000", "5")),
                LedgerErrorCode.LEDGER_CURRENCY_MISMATCH, before);
    }

    @Test
    void noNegativeAccountRefusesOverdraftButAllowsExactlyZero() {
        f.ledger.chart().open(f.context, AccountSpec.of("1250", "Aggregator wallet", AccountType.ASSET).under("1")
                .mustNotGoNegative()).orThrow();
        post("fund", dr("1250", "1000"), cr("1000", "1000"));
        LedgerFixture.Snapshot before = f.snapshot();

        assertRefusedWithoutTrace(post("spend-too-much", dr("5000", "1000.01"), cr("1250", "1000.01")),
                LedgerErrorCode.LEDGER_INSUFFICIENT_BALANCE, before);
        assertThat(post("spend-all", dr("5000", "1000"), cr("1250", "1000"))).isInstanceOf(PostResult.Posted.class);
        assertThat(posted("1250")).isEqualTo(bdt("0"));
    }

    @Test
    void limitRefusesPostingsPastIt() {
        f.ledger.chart().open(f.context, AccountSpec.of("1125", "Sub-agent with credit limit", AccountType.ASSET)
                .under("11").limitedTo(50_000_00)).orThrow();
        post("sale1", dr("1125", "50000"), cr("4300", "50000"));
        LedgerFixture.Snapshot before = f.snapshot();
        assertRefusedWithoutTrace(post("sale2", dr("1125", "0.01"), cr("4300", "0.01")),
                LedgerErrorCode.LEDGER_LIMIT_EXCEEDED, before);
        assertThat(post("paid", dr("1000", "100"), cr("1125", "100"))).isInstanceOf(PostResult.Posted.class);
    }

    @Test
    void periodCloseRefusesPostingsDatedInside() {
        post("before", dr("1000", "10"), cr("3000", "10"));
        assertThat(f.ledger.periods().closeThrough(f.context, DAY).isOk()).isTrue();
        LedgerFixture.Snapshot before = f.snapshot();

        assertRefusedWithoutTrace(post("late", dr("1000", "1"), cr("3000", "1")),
                LedgerErrorCode.LEDGER_PERIOD_CLOSED, before);
        assertThat(f.ledger.post(f.context, entry("next-day", DAY.plusDays(1), dr("1000", "1"), cr("3000", "1"))))
                .isInstanceOf(PostResult.Posted.class);
        Outcome<LocalDate> reopen = f.ledger.periods().closeThrough(f.context, DAY.minusDays(1));
        assertThat(((Outcome.Refused<LocalDate>) reopen).rejection().code())
                .isEqualTo(LedgerErrorCode.LEDGER_PERIOD_REOPEN_REFUSED);
    }

    // ---------------------------------------------------------------- reversals

    @Test
    void reversalIsExactOppositeAndOnlyOnce() {
        post("orig", dr("1100", "500"), cr("4300", "500"));
        PostResult reversal = f.ledger.reverse(f.context, EntryId.of("rev"), EntryId.of("orig"), DAY, "void");
        assertThat(reversal).isInstanceOf(PostResult.Posted.class);
        assertThat(posted("1100")).isEqualTo(bdt("0"));
        assertThat(posted("4300")).isEqualTo(bdt("0"));

        LedgerFixture.Snapshot before = f.snapshot();
        assertRefusedWithoutTrace(f.ledger.reverse(f.context, EntryId.of("rev2"), EntryId.of("orig"), DAY, "again"),
                LedgerErrorCode.LEDGER_ALREADY_REVERSED, before);
        assertRefusedWithoutTrace(f.ledger.reverse(f.context, EntryId.of("rev3"), EntryId.of("rev"), DAY, "undo"),
                LedgerErrorCode.LEDGER_NOT_REVERSIBLE, before);
        assertRefusedWithoutTrace(f.ledger.reverse(f.context, EntryId.of("rev4"), EntryId.of("nope"), DAY, "x"),
                LedgerErrorCode.LEDGER_ENTRY_NOT_FOUND, before);
        assertThat(f.ledger.reverse(f.context, EntryId.of("rev"), EntryId.of("orig"), DAY, "void"))
                .isInstanceOf(PostResult.AlreadyPosted.class);
    }

    // ---------------------------------------------------------------- two-phase entries

    @Test
    void pendingEntryMovesAvailableNotPosted() {
        post("fund", dr("1000", "1000"), cr("3000", "1000"));
        PostResult hold = f.ledger.reserve(f.context, entry("hold", DAY, dr("2100", "300"), cr("1000", "300")),
                Optional.empty());
        assertThat(hold).isInstanceOf(PostResult.Posted.class);

        Balance bank = f.ledger.balance(f.context, AccountId.of("1000"), BDT).orElseThrow();
        assertThat(bank.posted()).isEqualTo(bdt("1000"));
        assertThat(bank.pending()).isEqualTo(bdt("-300"));
        assertThat(bank.available()).isEqualTo(bdt("700"));
    }

    @Test
    void pendingPostsForLessExactlyOnce() {
        post("fund", dr("1000", "1000"), cr("3000", "1000"));
        f.ledger.reserve(f.context, entry("hold", DAY, dr("2100", "300"), cr("1000", "300")), Optional.empty());

        LedgerFixture.Snapshot beforeTooMuch = f.snapshot();
        assertRefusedWithoutTrace(f.ledger.postPending(f.context, EntryId.of("post"), EntryId.of("hold"),
                List.of(300_01L, 300_01L), DAY), LedgerErrorCode.LEDGER_PENDING_AMOUNT_EXCEEDED, beforeTooMuch);

        assertThat(f.ledger.postPending(f.context, EntryId.of("post"), EntryId.of("hold"),
                List.of(250_00L, 250_00L), DAY)).isInstanceOf(PostResult.Posted.class);
        Balance bank = f.ledger.balance(f.context, AccountId.of("1000"), BDT).orElseThrow();
        assertThat(bank.posted()).isEqualTo(bdt("750"));
        assertThat(bank.pending()).isEqualTo(bdt("0"));
        assertThat(bank.available()).isEqualTo(bdt("750"));

        LedgerFixture.Snapshot before = f.snapshot();
        assertRefusedWithoutTrace(f.ledger.voidPending(f.context, EntryId.of("void"), EntryId.of("hold")),
                LedgerErrorCode.LEDGER_PENDING_ALREADY_RESOLVED, before);
        assertRefusedWithoutTrace(f.ledger.postPending(f.context, EntryId.of("post2"), EntryId.of("hold")),
                LedgerErrorCode.LEDGER_PENDING_ALREADY_RESOLVED, before);
        assertRefusedWithoutTrace(f.ledger.postPending(f.context, EntryId.of("post3"), EntryId.of("fund")),
                LedgerErrorCode.LEDGER_NOT_PENDING, before);
    }

    @Test
    void voidedPendingReleasesTheReservation() {
        post("fund", dr("1000", "1000"), cr("3000", "1000"));
        f.ledger.reserve(f.context, entry("hold", DAY, dr("2100", "300"), cr("1000", "300")), Optional.empty());
        assertThat(f.ledger.voidPending(f.context, EntryId.of("void"), EntryId.of("hold")))
                .isInstanceOf(PostResult.Posted.class);
        Balance bank = f.ledger.balance(f.context, AccountId.of("1000"), BDT).orElseThrow();
        assertThat(bank.available()).isEqualTo(bdt("1000"));
        assertThat(bank.posted()).isEqualTo(bdt("1000"));
    }

    @Test
    void reservationCountsAgainstNoNegativeAccounts() {
        f.ledger.chart().open(f.context, AccountSpec.of("1250", "Aggregator wallet", AccountType.ASSET).under("1")
                .mustNotGoNegative()).orThrow();
        post("fund", dr("1250", "1000"), cr("1000", "1000"));
        f.ledger.reserve(f.context, entry("hold", DAY, dr("1200", "800"), cr("1250", "800")), Optional.empty());
        LedgerFixture.Snapshot before = f.snapshot();
        assertRefusedWithoutTrace(post("spend", dr("5000", "300"), cr("1250", "300")),
                LedgerErrorCode.LEDGER_INSUFFICIENT_BALANCE, before);
    }

    @Test
    void sweeperVoidsExpiredPendingOnceByTheClock() {
        post("fund", dr("1000", "1000"), cr("3000", "1000"));
        f.ledger.reserve(f.context, entry("hold", DAY, dr("2100", "300"), cr("1000", "300")),
                Optional.of(f.clock.instant().plus(Duration.ofMinutes(30))));

        assertThat(f.ledger.voidExpiredPending().voided()).isZero();
        f.clock.advance(Duration.ofMinutes(30));
        LedgerFixture.Snapshot before = f.snapshot();
        assertRefusedWithoutTrace(f.ledger.postPending(f.context, EntryId.of("late-post"), EntryId.of("hold")),
                LedgerErrorCode.LEDGER_PENDING_EXPIRED, before);

        assertThat(f.ledger.voidExpiredPending().voided()).isGreaterThanOrEqualTo(1);
        assertThat(f.ledger.voidExpiredPending().voided()).isZero();
        Balance bank = f.ledger.balance(f.context, AccountId.of("1000"), BDT).orElseThrow();
        assertThat(bank.available()).isEqualTo(bdt("1000"));
    }

    // ---------------------------------------------------------------- batches and units of work

    @Test
    void postAllAllOrNothingRollsBackEveryEntry() {
        LedgerFixture.Snapshot before = f.snapshot();
        List<PostResult> results = f.ledger.postAll(f.context, List.of(
                entry("b1", DAY, dr("1000", "1"), cr("3000", "1")),
                entry("b2", DAY, dr("1000", "2"), cr("3000", "1")),
                entry("b3", DAY, dr("1000", "3"), cr("3000", "3"))), true);

        assertThat(results).extracting(r -> ((PostResult.Rejected) r).code()).containsExactly(
                LedgerErrorCode.LEDGER_BATCH_ABORTED, LedgerErrorCode.LEDGER_UNBALANCED,
                LedgerErrorCode.LEDGER_BATCH_ABORTED);
        assertThat(f.snapshot()).isEqualTo(before);
    }

    @Test
    void postAllWithoutAllOrNothingKeepsTheGoodEntries() {
        List<PostResult> results = f.ledger.postAll(f.context, List.of(
                entry("b1", DAY, dr("1000", "1"), cr("3000", "1")),
                entry("b2", DAY, dr("1000", "2"), cr("3000", "1")),
                entry("b1", DAY, dr("1000", "1"), cr("3000", "1"))), false);

        assertThat(results.get(0)).isInstanceOf(PostResult.Posted.class);
        assertThat(results.get(1)).isInstanceOf(PostResult.Rejected.class);
        assertThat(results.get(2)).isInstanceOf(PostResult.AlreadyPosted.class);
        assertThat(posted("1000")).isEqualTo(bdt("1"));
    }

    @Test
    void postWithinCommitsAndRollsBackWithTheCallersTransaction() {
        LedgerFixture.Snapshot before = f.snapshot();
        try {
            store().transactions().inTransaction(uow -> {
                assertThat(f.ledger.postWithin(uow, f.context, entry("w1", DAY, dr("1000", "5"), cr("3000", "5"))))
                        .isInstanceOf(PostResult.Posted.class);
                throw new IllegalStateException("the booking step after the posting failed");
            });
        } catch (IllegalStateException expected) {
            // the caller's transaction rolled back
        }
        assertThat(f.snapshot()).isEqualTo(before);

        store().transactions().inTransaction(uow ->
                f.ledger.postWithin(uow, f.context, entry("w1", DAY, dr("1000", "5"), cr("3000", "5"))));
        assertThat(posted("1000")).isEqualTo(bdt("5"));
    }

    // ---------------------------------------------------------------- balances and statements

    @Test
    void balanceAsOfCountsOnlyLinesDatedUpToThatDay() {
        f.ledger.post(f.context, entry("d1", DAY.minusDays(2), dr("1000", "10"), cr("3000", "10")));
        f.ledger.post(f.context, entry("d2", DAY, dr("1000", "20"), cr("3000", "20")));
        f.ledger.post(f.context, entry("d3", DAY.minusDays(1), dr("3000", "5"), cr("1000", "5")));

        AccountId bank = AccountId.of("1000");
        assertThat(f.ledger.balanceAsOf(f.context, bank, BDT, DAY.minusDays(3)).orElseThrow().posted())
                .isEqualTo(bdt("0"));
        assertThat(f.ledger.balanceAsOf(f.context, bank, BDT, DAY.minusDays(2)).orElseThrow().posted())
                .isEqualTo(bdt("10"));
        assertThat(f.ledger.balanceAsOf(f.context, bank, BDT, DAY.minusDays(1)).orElseThrow().posted())
                .isEqualTo(bdt("5"));
        assertThat(f.ledger.balanceAsOf(f.context, bank, BDT, DAY).orElseThrow().posted()).isEqualTo(bdt("25"));
    }

    @Test
    void statementPagesCarryRunningBalances() {
        f.ledger.post(f.context, entry("s0", DAY.minusDays(1), dr("1000", "100"), cr("3000", "100")));
        for (int i = 1; i <= 7; i++) {
            f.ledger.post(f.context, entry("s" + i, DAY, dr("1000", Integer.toString(i)),
                    cr("3000", Integer.toString(i))));
        }
        f.ledger.post(f.context, entry("s8", DAY.plusDays(1), dr("3000", "50"), cr("1000", "50")));

        List<AccountStatement.Row> rows = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        AccountStatement page;
        int pages = 0;
        do {
            page = f.ledger.reports().statement(f.context, AccountId.of("1000"), BDT, DAY, DAY.plusDays(1), cursor, 3)
                    .orThrow();
            assertThat(page.opening()).isEqualTo(100_00);
            assertThat(page.closing()).isEqualTo(100_00 + 28_00 - 50_00); // 1 + ... + 7 = 28
            rows.addAll(page.rows());
            cursor = page.nextCursor();
            pages++;
        } while (cursor.isPresent());

        assertThat(pages).isEqualTo(3);
        assertThat(rows).extracting(row -> row.line().entryId().value())
                .containsExactly("s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8");
        assertThat(rows).extracting(AccountStatement.Row::runningBalance)
                .containsExactly(101_00L, 103_00L, 106_00L, 110_00L, 115_00L, 121_00L, 128_00L, 78_00L);
        assertThat(f.ledger.reports().statement(f.context, AccountId.of("1000"), BDT, DAY, DAY,
                Optional.of("garbage"), 3).isOk()).isFalse();
    }

    @Test
    void dailyActivityRollsUpTheAccountsUnderOneDayByDay() {
        // 1100 and 1110 are receivables under 11; 1000 is not.
        f.ledger.post(f.context, entry("d1", DAY, dr("1100", "10"), cr("4300", "10")));
        f.ledger.post(f.context, entry("d2", DAY, dr("1110", "5"), cr("4300", "5")));
        f.ledger.post(f.context, entry("d3", DAY.plusDays(2), dr("1000", "7"), cr("1100", "7")));
        f.ledger.post(f.context, entry("d4", DAY.plusDays(9), dr("1100", "1"), cr("4300", "1")));

        DailyActivity activity = f.ledger.reports().dailyActivity(f.context, AccountId.of("11"), BDT,
                DAY.minusDays(1), DAY.plusDays(2)).orThrow();
        assertThat(activity.days()).containsExactly(new DailyActivity.Day(DAY.minusDays(1), 0, 0),
                new DailyActivity.Day(DAY, 15_00, 0), new DailyActivity.Day(DAY.plusDays(1), 0, 0),
                new DailyActivity.Day(DAY.plusDays(2), 0, 7_00));
        assertThat(f.ledger.reports().dailyActivity(f.context, AccountId.of("1110"), BDT, DAY, DAY).orThrow()
                .days()).containsExactly(new DailyActivity.Day(DAY, 5_00, 0));
        assertThat(f.ledger.reports().dailyActivity(f.context, AccountId.of("11"), Currency.getInstance("USD"),
                DAY, DAY).orThrow().days()).containsExactly(new DailyActivity.Day(DAY, 0, 0));
        assertThat(f.ledger.reports().dailyActivity(f.context, AccountId.of("9999"), BDT, DAY, DAY).isOk())
                .isFalse();
        assertThat(f.ledger.reports().dailyActivity(f.context, AccountId.of("11"), BDT, DAY, DAY.minusDays(1))
                .isOk()).isFalse();
        assertThat(f.ledger.reports().dailyActivity(f.context, AccountId.of("11"), BDT, DAY,
                DAY.plusDays(DailyActivity.MAX_DAYS - 1)).orThrow().days()).hasSize(DailyActivity.MAX_DAYS);
        assertThat(f.ledger.reports().dailyActivity(f.context, AccountId.of("11"), BDT, DAY,
                DAY.plusDays(DailyActivity.MAX_DAYS)).isOk()).isFalse();
    }

    // ---------------------------------------------------------------- multi-currency

    @Test
    void fxConversionIsTwoLegsEachBalancedInItsCurrency() {
        f.ledger.chart().openAll(f.context, List.of(
                AccountSpec.of("1030", "USD bank", AccountType.ASSET).under("1").onlyIn("USD"),
                AccountSpec.of("1090", "FX position", AccountType.ASSET).under("1"))).orThrow();
        post("fund", dr("1000", "240000"), cr("3000", "240000"));
        // Buy USD 2,000.00 for BDT 240,000.00 at 120 BDT/USD: one leg per currency through the FX account.
        Money usd = Money.of("2000.00", "USD");
        JournalEntry conversion = JournalEntry.builder("fx1", DAY).description("buy USD")
                .line(EntryLine.debit(AccountId.of("1090"), bdt("240000")))
                .line(EntryLine.credit(AccountId.of("1000"), bdt("240000")))
                .line(EntryLine.debit(AccountId.of("1030"), usd).withFx(new FxDetail(240_000_00, new BigDecimal("120"))))
                .line(EntryLine.credit(AccountId.of("1090"), usd).withFx(new FxDetail(240_000_00, new BigDecimal("120"))))
                .build();
        assertThat(f.ledger.post(f.context, conversion)).isInstanceOf(PostResult.Posted.class);

        Currency usdCurrency = Currency.getInstance("USD");
        assertThat(f.ledger.balance(f.context, AccountId.of("1030"), usdCurrency).orElseThrow().posted())
                .isEqualTo(usd);
        var trial = f.ledger.reports().trialBalance(f.context, DAY);
        assertThat(trial.byCurrency().keySet()).containsExactlyInAnyOrder(BDT, usdCurrency);
        assertThat(trial.balanced()).isTrue();
        assertThat(f.ledger.entry(f.context, EntryId.of("fx1")).orElseThrow().lines().get(2).fx())
                .contains(new FxDetail(240_000_00, new BigDecimal("120")));
    }

    @Test
    void fxDetailOnAFunctionalCurrencyLineIsInvalid() {
        LedgerFixture.Snapshot before = f.snapshot();
        JournalEntry wrong = JournalEntry.builder("fx2", DAY)
                .line(dr("1000", "1").withFx(new FxDetail(1, BigDecimal.ONE)))
                .line(cr("3000", "1")).build();
        assertRefusedWithoutTrace(f.ledger.post(f.context, wrong), LedgerErrorCode.LEDGER_INVALID_ENTRY, before);
    }

    @Test
    void theTrialBalanceListsCurrenciesAndAccountsInCodeOrderAndMarksItsRollups() {
        f.ledger.chart().open(f.context, AccountSpec.of("1030", "USD bank", AccountType.ASSET).under("1")
                .onlyIn("USD")).orThrow();
        post("fund", dr("1000", "240000"), cr("3000", "240000"));
        // Buy USD 2,000.00 at 117.2345 through the template's FX clearing account: 234,469.00 BDT.
        Money usd = Money.of("2000.00", "USD");
        FxDetail bought = FxDetail.of(usd, FxRate.of("USD", "BDT", "117.2345"));
        assertThat(f.ledger.post(f.context, JournalEntry.builder("buy-usd", DAY).description("buy USD")
                .line(EntryLine.debit(AccountId.of("1080"), bdt("234469")))
                .line(EntryLine.credit(AccountId.of("1000"), bdt("234469")))
                .line(EntryLine.debit(AccountId.of("1030"), usd).withFx(bought))
                .line(EntryLine.credit(AccountId.of("1080"), usd).withFx(bought))
                .build())).isInstanceOf(PostResult.Posted.class);
        post("fee", dr("1100", "1150"), cr("4300", "1000"), cr("2300", "150"));
        // A fee in euros at 128.4567: 333.33 x 128.4567 = 42,818.471811, so 42,818.47 BDT.
        Money eur = Money.of("333.33", "EUR");
        FxDetail sold = FxDetail.of(eur, FxRate.of("EUR", "BDT", "128.4567"));
        assertThat(sold.functionalMinor()).isEqualTo(42_818_47);
        assertThat(f.ledger.post(f.context, JournalEntry.builder("fee-eur", DAY).description("fee in euros")
                .line(EntryLine.debit(AccountId.of("1100"), eur).withFx(sold))
                .line(EntryLine.credit(AccountId.of("4300"), eur).withFx(sold))
                .build())).isInstanceOf(PostResult.Posted.class);

        TrialBalance trial = f.ledger.reports().trialBalance(f.context, DAY);

        Currency eurCurrency = Currency.getInstance("EUR");
        Currency usdCurrency = Currency.getInstance("USD");
        assertThat(trial.byCurrency().keySet()).containsExactly(BDT, eurCurrency, usdCurrency);
        TrialBalance.Table taka = trial.byCurrency().get(BDT);
        // On the template's chart, chart order is code order: each header precedes its accounts.
        assertThat(taka.lines()).extracting(line -> line.account().value())
                .containsExactly("1", "1000", "1080", "11", "1100", "2", "2300", "3", "3000", "4", "4300");
        assertThat(taka.lines()).extracting(ReportLine::account).isSorted();
        assertThat(taka.lines()).filteredOn(ReportLine::rollup).extracting(line -> line.account().value())
                .containsExactly("1", "11", "2", "3", "4");
        // 1000 keeps 240,000 - 234,469 = 5,531. Debits 5,531 + 234,469 + 1,150 = 241,150 = credits 150 + 240,000
        // + 1,000.
        assertThat(taka.accounts()).containsExactly(
                new TrialBalance.AccountBalance(AccountId.of("1000"), "Bank operating", AccountType.ASSET, 5_531_00, 0),
                new TrialBalance.AccountBalance(AccountId.of("1080"), "FX clearing", AccountType.ASSET, 234_469_00, 0),
                new TrialBalance.AccountBalance(AccountId.of("1100"), "Receivable: retail", AccountType.ASSET,
                        1_150_00, 0),
                new TrialBalance.AccountBalance(AccountId.of("2300"), "VAT output", AccountType.LIABILITY, 0, 150_00),
                new TrialBalance.AccountBalance(AccountId.of("3000"), "Owner's equity", AccountType.EQUITY, 0,
                        240_000_00),
                new TrialBalance.AccountBalance(AccountId.of("4300"), "Service fee: issue", AccountType.REVENUE, 0,
                        1_000_00));
        long debits = taka.accounts().stream().mapToLong(TrialBalance.AccountBalance::debit).sum();
        long credits = taka.accounts().stream().mapToLong(TrialBalance.AccountBalance::credit).sum();
        assertThat(debits).isEqualTo(credits).isEqualTo(241_150_00).isEqualTo(taka.totalDebit());
        assertThat(credits).isEqualTo(taka.totalCredit());
        // In dollars the clearing account holds the other leg.
        assertThat(trial.byCurrency().get(usdCurrency).accounts()).containsExactly(
                new TrialBalance.AccountBalance(AccountId.of("1030"), "USD bank", AccountType.ASSET, 2_000_00, 0),
                new TrialBalance.AccountBalance(AccountId.of("1080"), "FX clearing", AccountType.ASSET, 0, 2_000_00));
        TrialBalance.Table euros = trial.byCurrency().get(eurCurrency);
        assertThat(euros.lines()).extracting(line -> line.account().value() + (line.rollup() ? " rollup" : ""))
                .containsExactly("1 rollup", "11 rollup", "1100", "4 rollup", "4300");
        assertThat(euros.totalDebit()).isEqualTo(euros.totalCredit()).isEqualTo(333_33);
    }

    // ---------------------------------------------------------------- year end

    @Test
    void yearEndCloseMovesResultIntoRetainedEarningsAndClosesThePeriod() {
        LocalDate yearEnd = LocalDate.of(2025, 12, 31);
        f.ledger.post(f.context, entry("sale", yearEnd.minusDays(10), dr("1100", "1000"), cr("4300", "1000")));
        f.ledger.post(f.context, entry("cost", yearEnd.minusDays(5), dr("5200", "300"), cr("1000", "300")));
        f.ledger.post(f.context, entry("next", yearEnd.plusDays(3), dr("1100", "50"), cr("4300", "50")));

        Outcome<PostResult> closed = f.ledger.periods().closeYear(f.context, yearEnd, AccountId.of("3100"),
                EntryId.of("close-2025"));
        assertThat(closed.orThrow()).isInstanceOf(PostResult.Posted.class);

        assertThat(f.ledger.balanceAsOf(f.context, AccountId.of("3100"), BDT, yearEnd).orElseThrow().posted())
                .isEqualTo(bdt("700"));
        assertThat(f.ledger.balanceAsOf(f.context, AccountId.of("4300"), BDT, yearEnd).orElseThrow().posted())
                .isEqualTo(bdt("0"));
        assertThat(posted("4300")).isEqualTo(bdt("50"));
        IncomeStatement year = f.ledger.reports().incomeStatement(f.context, LocalDate.of(2025, 1, 1), yearEnd);
        assertThat(year.byCurrency().get(BDT).netIncome()).isEqualTo(700_00);
        assertThat(f.ledger.reports().balanceSheet(f.context, yearEnd).byCurrency().get(BDT).balanced()).isTrue();
        assertThat(f.ledger.periods().closedThrough(f.context)).contains(yearEnd);
        assertThat(f.ledger.periods().closeYear(f.context, yearEnd, AccountId.of("3100"), EntryId.of("close-2025"))
                .orThrow()).isInstanceOf(PostResult.AlreadyPosted.class);
    }

    // ---------------------------------------------------------------- audit chain

    @Test
    void auditChainVerifiesAndNamesTheFirstTamperedEntry() {
        for (int i = 1; i <= 5; i++) {
            post("a" + i, dr("1000", Integer.toString(i)), cr("3000", Integer.toString(i)));
        }
        assertThat(f.ledger.audit().chain(f.tenant)).isEqualTo(5);
        post("a6", dr("1000", "6"), cr("3000", "6"));
        assertThat(f.ledger.audit().verify(f.tenant)).isEqualTo(new AuditTrail.Verification.Intact(5, 1));

        tamperWithLineAmount(f.tenant, EntryId.of("a3"), 0, 999_00);
        tamperWithLineAmount(f.tenant, EntryId.of("a4"), 0, 999_00);

        AuditTrail.Verification verdict = f.ledger.audit().verify(f.tenant);
        assertThat(verdict).isInstanceOf(AuditTrail.Verification.Broken.class);
        assertThat(((AuditTrail.Verification.Broken) verdict).entryId()).isEqualTo(EntryId.of("a3"));
    }
}
