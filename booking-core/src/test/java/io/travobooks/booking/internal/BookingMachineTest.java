package io.travobooks.booking.internal;

import io.travobooks.booking.BookingStatus;
import io.travobooks.booking.BookingErrorCode;
import io.travobooks.booking.BookingState;
import io.travobooks.booking.VoidWindow;
import io.travobooks.booking.RefundQuote;
import io.travobooks.booking.internal.BookingCommand.Approve;
import io.travobooks.booking.internal.BookingCommand.Cancel;
import io.travobooks.booking.internal.BookingCommand.ConfirmRefund;
import io.travobooks.booking.internal.BookingCommand.DeclineRefund;
import io.travobooks.booking.internal.BookingCommand.ExchangeConfirmed;
import io.travobooks.booking.internal.BookingCommand.Expire;
import io.travobooks.booking.internal.BookingCommand.Hold;
import io.travobooks.booking.internal.BookingCommand.IssueAmbiguous;
import io.travobooks.booking.internal.BookingCommand.IssueConfirmed;
import io.travobooks.booking.internal.BookingCommand.IssueRejected;
import io.travobooks.booking.internal.BookingCommand.Price;
import io.travobooks.booking.internal.BookingCommand.RefundConfirmed;
import io.travobooks.booking.internal.BookingCommand.RefundQuoteReceived;
import io.travobooks.booking.internal.BookingCommand.RejectApproval;
import io.travobooks.booking.internal.BookingCommand.RequestIssue;
import io.travobooks.booking.internal.BookingCommand.RequestRefundQuote;
import io.travobooks.booking.internal.BookingCommand.RequestVoid;
import io.travobooks.booking.internal.BookingCommand.VoidConfirmed;
import io.travobooks.booking.internal.BookingEffect.CallSupplier;
import io.travobooks.booking.internal.BookingEffect.PostEntry;
import io.travobooks.booking.PostingEvent;
import io.travobooks.booking.internal.BookingEffect.PublishEvent;
import io.travobooks.booking.internal.BookingEffect.RecordSupplierRequest;
import io.travobooks.booking.internal.BookingEffect.StoreDocuments;
import io.travobooks.booking.internal.BookingEffect.SupplierCall;
import io.travobooks.booking.BookingStatus.Issued;
import io.travobooks.booking.BookingStatus.Priced;
import io.travobooks.spi.Money;
import io.travobooks.spi.travel.CouponStatus;
import io.travobooks.spi.travel.Document;
import io.travobooks.spi.travel.DocumentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BookingMachineTest {
    private static final Instant NOW = Instant.parse("2026-03-10T06:00:00Z"); // 12:00 in Dhaka
    private static final Instant TTL = NOW.plus(Duration.ofHours(20));
    private static final Instant GUARANTEE = NOW.plus(Duration.ofHours(2));
    private static final ZoneId DHAKA = ZoneId.of("Asia/Dhaka");
    private static final Document TICKET = Document.issued("1762000000001", DocumentType.TICKET, 2);
    private static final Document BAG = Document.issued("1762000000002", DocumentType.EMD_ASSOCIATED, 1);
    private static final Priced PRICED = new Priced(TTL, GUARANTEE);
    private static final Issued ISSUED = new Issued(List.of(TICKET, BAG), NOW);
    private static final RefundQuote FULL_QUOTE = new RefundQuote("q1", Set.of(TICKET.number(), BAG.number()),
            Money.of("49000", "BDT"), Money.of("5000", "BDT"), NOW.plus(Duration.ofHours(1)));

    /** One status per state, holding what valid commands below refer to (request r1, quote q1). */
    private static final Map<BookingState, BookingStatus> STATUSES = Map.ofEntries(
            Map.entry(BookingState.DRAFT, new BookingStatus.Draft()),
            Map.entry(BookingState.HELD, new BookingStatus.Held(TTL)),
            Map.entry(BookingState.PRICED, PRICED),
            Map.entry(BookingState.PENDING_APPROVAL, new BookingStatus.PendingApproval(PRICED, "r1")),
            Map.entry(BookingState.ISSUING, new BookingStatus.Issuing(PRICED.using("r1"), "r1")),
            Map.entry(BookingState.ISSUE_UNKNOWN, new BookingStatus.IssueUnknown(PRICED.using("r1"), "r1", NOW)),
            Map.entry(BookingState.ISSUE_FAILED, new BookingStatus.IssueFailed(PRICED.using("r0"), "r0", "no seats")),
            Map.entry(BookingState.ISSUED, ISSUED),
            Map.entry(BookingState.REFUND_QUOTED, new BookingStatus.RefundQuoted(ISSUED, FULL_QUOTE, false)),
            Map.entry(BookingState.VOIDED, new BookingStatus.Voided(List.of(TICKET))),
            Map.entry(BookingState.REFUNDED, new BookingStatus.Refunded(List.of(TICKET))),
            Map.entry(BookingState.EXCHANGED, new BookingStatus.Exchanged(List.of(TICKET), List.of(BAG))),
            Map.entry(BookingState.EXPIRED, new BookingStatus.Expired()),
            Map.entry(BookingState.CANCELLED, new BookingStatus.Cancelled("customer")));

    /** One valid command of each kind, at a time when every time limit and quote is still good. */
    private static final Map<String, BookingCommand> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("hold", new Hold(TTL, NOW));
        COMMANDS.put("price", new Price(GUARANTEE, NOW));
        COMMANDS.put("requestIssue", new RequestIssue("r1", false, NOW));
        COMMANDS.put("requestIssueNeedingApproval", new RequestIssue("r1", true, NOW));
        COMMANDS.put("approve", new Approve("checker", NOW));
        COMMANDS.put("rejectApproval", new RejectApproval("checker", "too expensive"));
        COMMANDS.put("issueConfirmed", new IssueConfirmed("r1", List.of(TICKET, BAG), NOW));
        COMMANDS.put("issueAmbiguous", new IssueAmbiguous("r1", "timeout", NOW));
        COMMANDS.put("issueRejected", new IssueRejected("r1", "fare no longer available"));
        COMMANDS.put("requestVoid", new RequestVoid(VoidWindow.sameDay(DHAKA), NOW.plus(Duration.ofHours(1))));
        COMMANDS.put("voidConfirmed", new VoidConfirmed(NOW));
        COMMANDS.put("requestRefundQuote", new RequestRefundQuote(Set.of(TICKET.number())));
        COMMANDS.put("refundQuoteReceived", new RefundQuoteReceived(FULL_QUOTE));
        COMMANDS.put("confirmRefund", new ConfirmRefund("q1", NOW));
        COMMANDS.put("declineRefund", new DeclineRefund("q1"));
        COMMANDS.put("refundConfirmed", new RefundConfirmed("q1", NOW));
        COMMANDS.put("refundRefused", new BookingCommand.RefundRefused("q1", "QUOTE_EXPIRED"));
        COMMANDS.put("exchangeConfirmed", new ExchangeConfirmed(Set.of(TICKET.number()),
                List.of(Document.issued("1762000000003", DocumentType.TICKET, 2)), NOW));
        COMMANDS.put("requestEmd", new BookingCommand.RequestEmd("e1", Money.of("6000", "BDT"), false));
        COMMANDS.put("emdIssued", new BookingCommand.EmdIssued("e1",
                List.of(Document.issued("1762000000004", DocumentType.EMD_ASSOCIATED, 1))));
        COMMANDS.put("expire", new Expire(TTL));
        COMMANDS.put("cancel", new Cancel("customer changed plans"));
    }

    /**
     * The allowed transitions, written from the lifecycle in docs/accounting.md (plus approval, retry after a definite
     * failure, and the two-step supplier calls that keep the state until the supplier confirms).
     */
    private static final Map<String, BookingState> ALLOWED = Map.ofEntries(
            Map.entry("DRAFT hold", BookingState.HELD),
            Map.entry("DRAFT cancel", BookingState.CANCELLED),
            Map.entry("HELD price", BookingState.PRICED),
            Map.entry("HELD expire", BookingState.EXPIRED),
            Map.entry("HELD cancel", BookingState.CANCELLED),
            Map.entry("PRICED price", BookingState.PRICED),
            Map.entry("PRICED requestIssue", BookingState.ISSUING),
            Map.entry("PRICED requestIssueNeedingApproval", BookingState.PENDING_APPROVAL),
            Map.entry("PRICED expire", BookingState.EXPIRED),
            Map.entry("PRICED cancel", BookingState.CANCELLED),
            Map.entry("PENDING_APPROVAL approve", BookingState.ISSUING),
            Map.entry("PENDING_APPROVAL rejectApproval", BookingState.PRICED),
            Map.entry("PENDING_APPROVAL expire", BookingState.EXPIRED),
            Map.entry("PENDING_APPROVAL cancel", BookingState.CANCELLED),
            Map.entry("ISSUING issueConfirmed", BookingState.ISSUED),
            Map.entry("ISSUING issueAmbiguous", BookingState.ISSUE_UNKNOWN),
            Map.entry("ISSUING issueRejected", BookingState.ISSUE_FAILED),
            Map.entry("ISSUE_UNKNOWN issueConfirmed", BookingState.ISSUED),
            Map.entry("ISSUE_UNKNOWN issueRejected", BookingState.ISSUE_FAILED),
            Map.entry("ISSUE_FAILED price", BookingState.PRICED),
            Map.entry("ISSUE_FAILED requestIssue", BookingState.ISSUING),
            Map.entry("ISSUE_FAILED requestIssueNeedingApproval", BookingState.PENDING_APPROVAL),
            Map.entry("ISSUE_FAILED expire", BookingState.EXPIRED),
            Map.entry("ISSUE_FAILED cancel", BookingState.CANCELLED),
            Map.entry("ISSUED requestVoid", BookingState.ISSUED),
            Map.entry("ISSUED voidConfirmed", BookingState.VOIDED),
            Map.entry("ISSUED requestRefundQuote", BookingState.ISSUED),
            Map.entry("ISSUED refundQuoteReceived", BookingState.REFUND_QUOTED),
            Map.entry("ISSUED exchangeConfirmed", BookingState.EXCHANGED),
            Map.entry("ISSUED requestEmd", BookingState.ISSUED),
            Map.entry("ISSUED emdIssued", BookingState.ISSUED),
            Map.entry("REFUND_QUOTED confirmRefund", BookingState.REFUND_QUOTED),
            Map.entry("REFUND_QUOTED declineRefund", BookingState.ISSUED));

    @Test
    void everyStateAndCommandPairFollowsTheTransitionTable() {
        List<String> wrong = new ArrayList<>();
        for (BookingState state : BookingState.values()) {
            for (Map.Entry<String, BookingCommand> command : COMMANDS.entrySet()) {
                String pair = state + " " + command.getKey();
                Decision decision = BookingMachine.decide(STATUSES.get(state), command.getValue());
                BookingState expected = ALLOWED.get(pair);
                if (expected == null && !(decision instanceof Decision.Rejected rejected
                        && rejected.rejection().code() == BookingErrorCode.BOOKING_ILLEGAL_TRANSITION)) {
                    wrong.add(pair + ": expected BOOKING_ILLEGAL_TRANSITION, got " + decision);
                } else if (expected != null && !(decision instanceof Decision.Accepted accepted
                        && accepted.next().state() == expected)) {
                    wrong.add(pair + ": expected " + expected + ", got " + decision);
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(STATUSES).hasSize(BookingState.values().length);
    }

    @Test
    void issuingRecordsTheRequestBeforeCallingTheSupplier() {
        Decision decision = BookingMachine.decide(PRICED, new RequestIssue("r1", false, NOW));

        assertThat(((Decision.Accepted) decision).effects()).containsExactly(
                new RecordSupplierRequest("r1", SupplierCall.ISSUE), new CallSupplier(SupplierCall.ISSUE, "r1"));
    }

    @Test
    void aConfirmedIssueStoresTheDocumentsPostsTheEntryAndPublishesTheEvent() {
        Decision decision = BookingMachine.decide(STATUSES.get(BookingState.ISSUE_UNKNOWN),
                new IssueConfirmed("r1", List.of(TICKET), NOW));

        assertThat(decision).isEqualTo(new Decision.Accepted(new Issued(List.of(TICKET), NOW), List.of(
                new StoreDocuments(List.of(TICKET)), new PostEntry(PostingEvent.ISSUE, List.of(TICKET)),
                new PublishEvent("booking.issued"))));
    }

    @Test
    void anAmbiguousAnswerWaitsForTheReconcilerAndNeverSendsTheRequestAgain() {
        Decision decision = BookingMachine.decide(STATUSES.get(BookingState.ISSUING),
                new IssueAmbiguous("r1", "read timeout", NOW));

        Decision.Accepted accepted = (Decision.Accepted) decision;
        assertThat(accepted.next()).isEqualTo(new BookingStatus.IssueUnknown(PRICED.using("r1"), "r1", NOW));
        // Nothing to do now: the status keeps when the answer came, from which the reconciler's next try follows.
        assertThat(accepted.effects()).isEmpty();
        assertRejected(BookingMachine.decide(accepted.next(), new RequestIssue("r2", false, NOW)),
                BookingErrorCode.BOOKING_ILLEGAL_TRANSITION);
    }

    @Test
    void answersForAnotherRequestAreRefused() {
        BookingStatus issuing = STATUSES.get(BookingState.ISSUING);

        assertRejected(BookingMachine.decide(issuing, new IssueConfirmed("r9", List.of(TICKET), NOW)),
                BookingErrorCode.BOOKING_REQUEST_MISMATCH);
        assertRejected(BookingMachine.decide(issuing, new IssueAmbiguous("r9", "timeout", NOW)),
                BookingErrorCode.BOOKING_REQUEST_MISMATCH);
        assertRejected(BookingMachine.decide(STATUSES.get(BookingState.ISSUE_FAILED),
                new RequestIssue("r0", false, NOW)), BookingErrorCode.BOOKING_REQUEST_MISMATCH);
    }

    @Test
    void holdsAndPricesHaveTimeLimits() {
        assertRejected(BookingMachine.decide(new BookingStatus.Draft(), new Hold(NOW, NOW)),
                BookingErrorCode.BOOKING_INVALID_COMMAND);
        assertRejected(BookingMachine.decide(PRICED, new RequestIssue("r1", false, GUARANTEE)),
                BookingErrorCode.BOOKING_PRICE_EXPIRED);
        assertRejected(BookingMachine.decide(new BookingStatus.Held(TTL), new Price(TTL.plusSeconds(60), TTL)),
                BookingErrorCode.BOOKING_TIME_LIMIT_PASSED);
        assertRejected(BookingMachine.decide(new Priced(TTL, TTL.plusSeconds(60)), new RequestIssue("r1", false, TTL)),
                BookingErrorCode.BOOKING_TIME_LIMIT_PASSED);
        assertRejected(BookingMachine.decide(PRICED, new Expire(TTL.minusSeconds(1))),
                BookingErrorCode.BOOKING_TIME_LIMIT_NOT_PASSED);
        assertRejected(BookingMachine.decide(new BookingStatus.PendingApproval(PRICED, "r1"),
                new Approve("checker", GUARANTEE)), BookingErrorCode.BOOKING_PRICE_EXPIRED);
    }

    @Test
    void aVoidIsAllowedOnlyInsideTheWindowInTheAgencysTimeZone() {
        Instant lateEvening = Instant.parse("2026-03-10T17:30:00Z"); // 23:30 in Dhaka
        Issued issuedLate = new Issued(List.of(TICKET), lateEvening);
        Instant afterMidnight = Instant.parse("2026-03-10T18:10:00Z"); // 00:10 the next day in Dhaka, still the 10th in UTC

        assertRejected(BookingMachine.decide(issuedLate, new RequestVoid(VoidWindow.sameDay(DHAKA), afterMidnight)),
                BookingErrorCode.BOOKING_VOID_WINDOW_CLOSED);
        assertThat(BookingMachine.decide(issuedLate, new RequestVoid(VoidWindow.sameDay(ZoneId.of("UTC")),
                afterMidnight))).isInstanceOf(Decision.Accepted.class);
        assertThat(BookingMachine.decide(issuedLate, new RequestVoid(VoidWindow.untilEndOfNextDay(DHAKA),
                Instant.parse("2026-03-11T17:59:00Z")))).as("23:59 the next day").isInstanceOf(Decision.Accepted.class);
        assertRejected(BookingMachine.decide(issuedLate, new RequestVoid(VoidWindow.untilEndOfNextDay(DHAKA),
                Instant.parse("2026-03-11T18:00:00Z"))), BookingErrorCode.BOOKING_VOID_WINDOW_CLOSED);
        assertRejected(BookingMachine.decide(issuedLate, new RequestVoid(VoidWindow.none(), lateEvening)),
                BookingErrorCode.BOOKING_VOID_WINDOW_CLOSED);
    }

    @Test
    void onlyATicketWithAllCouponsOpenCanBeVoided() {
        Document checkedIn = new Document(TICKET.number(), DocumentType.TICKET,
                List.of(CouponStatus.CHECKED_IN, CouponStatus.OPEN));

        assertRejected(BookingMachine.decide(new Issued(List.of(checkedIn), NOW),
                new RequestVoid(VoidWindow.sameDay(DHAKA), NOW)), BookingErrorCode.BOOKING_COUPON_NOT_OPEN);
    }

    @Test
    void aVoidReversesTheIssueEntryOnTheSameDocuments() {
        Decision.Accepted accepted = (Decision.Accepted) BookingMachine.decide(ISSUED, new VoidConfirmed(NOW));

        assertThat(accepted.next().state()).isEqualTo(BookingState.VOIDED);
        assertThat(accepted.effects()).contains(new PostEntry(PostingEvent.VOID, List.of(TICKET, BAG)));
        assertThat(((BookingStatus.Voided) accepted.next()).documents()).allSatisfy(document ->
                assertThat(document.coupons()).containsOnly(CouponStatus.VOID));
    }

    @Test
    void aPartialRefundKeepsTheBookingIssuedAndAFullOneEndsIt() {
        RefundQuote ticketOnly = new RefundQuote("q2", Set.of(TICKET.number()), Money.of("40000", "BDT"),
                Money.of("5000", "BDT"), NOW.plus(Duration.ofHours(1)));
        BookingStatus quoted = confirmed(ISSUED, ticketOnly);

        Decision.Accepted partial = (Decision.Accepted) BookingMachine.decide(quoted, new RefundConfirmed("q2", NOW));

        assertThat(partial.next()).isEqualTo(new Issued(List.of(TICKET.withAllCoupons(CouponStatus.REFUNDED), BAG), NOW));
        assertThat(partial.effects()).contains(new PostEntry(PostingEvent.REFUND, List.of(TICKET)),
                new PublishEvent("booking.partially_refunded"));
        assertRejected(BookingMachine.decide(partial.next(), new RequestRefundQuote(Set.of(TICKET.number()))),
                BookingErrorCode.BOOKING_COUPON_NOT_OPEN);
        assertRejected(BookingMachine.decide(partial.next(), new VoidConfirmed(NOW)),
                BookingErrorCode.BOOKING_COUPON_NOT_OPEN); // found by BookingMachineProperties
        assertRejected(BookingMachine.decide(partial.next(), new ExchangeConfirmed(Set.of(TICKET.number()),
                List.of(Document.issued("1762000000003", DocumentType.TICKET, 2)), NOW)),
                BookingErrorCode.BOOKING_COUPON_NOT_OPEN);
        RefundQuote bagQuote = new RefundQuote("q3", Set.of(BAG.number()), Money.of("6000", "BDT"),
                Money.of("0", "BDT"), NOW.plus(Duration.ofHours(1)));
        BookingStatus bagQuoted = confirmed(partial.next(), bagQuote);
        Decision.Accepted full = (Decision.Accepted) BookingMachine.decide(bagQuoted, new RefundConfirmed("q3", NOW));
        assertThat(full.next().state()).isEqualTo(BookingState.REFUNDED);
        assertThat(full.effects()).contains(new PostEntry(PostingEvent.REFUND, List.of(BAG)));
    }

    /** The status after the quote was received and its confirmation sent to the supplier. */
    private static BookingStatus confirmed(BookingStatus issued, RefundQuote quote) {
        BookingStatus quoted = ((Decision.Accepted) BookingMachine.decide(issued, new RefundQuoteReceived(quote))).next();
        return ((Decision.Accepted) BookingMachine.decide(quoted, new ConfirmRefund(quote.quoteId(), NOW))).next();
    }

    @Test
    void aConfirmedQuoteIsSentOnceCannotBeDeclinedAndOnlyAConfirmedOneRefunds() {
        BookingStatus quoted = STATUSES.get(BookingState.REFUND_QUOTED);
        assertRejected(BookingMachine.decide(quoted, new RefundConfirmed("q1", NOW)),
                BookingErrorCode.BOOKING_ILLEGAL_TRANSITION);

        Decision.Accepted confirm = (Decision.Accepted) BookingMachine.decide(quoted, new ConfirmRefund("q1", NOW));

        assertThat(confirm.effects()).containsExactly(new RecordSupplierRequest("q1", SupplierCall.REFUND_CONFIRM),
                new CallSupplier(SupplierCall.REFUND_CONFIRM, "q1"));
        assertRejected(BookingMachine.decide(confirm.next(), new ConfirmRefund("q1", NOW)),
                BookingErrorCode.BOOKING_ILLEGAL_TRANSITION);
        assertRejected(BookingMachine.decide(confirm.next(), new DeclineRefund("q1")),
                BookingErrorCode.BOOKING_ILLEGAL_TRANSITION);
        Decision.Accepted refunded = (Decision.Accepted) BookingMachine.decide(confirm.next(),
                new RefundConfirmed("q1", NOW));
        assertThat(refunded.next().state()).isEqualTo(BookingState.REFUNDED);
    }

    @Test
    void aStandaloneEmdIsRefundedOnceAndCountsForAFullRefund() {
        Document changeFee = Document.issued("1762000000005", DocumentType.EMD_STANDALONE, 1);
        Issued withEmd = new Issued(List.of(TICKET, changeFee), NOW);
        RefundQuote ticketOnly = new RefundQuote("q4", Set.of(TICKET.number()), Money.of("49000", "BDT"),
                Money.of("5000", "BDT"), NOW.plus(Duration.ofHours(1)));
        BookingStatus afterTicket = ((Decision.Accepted) BookingMachine.decide(confirmed(withEmd, ticketOnly),
                new RefundConfirmed("q4", NOW))).next();
        assertThat(afterTicket.state()).as("the EMD is still open").isEqualTo(BookingState.ISSUED);

        RefundQuote emdQuote = new RefundQuote("q5", Set.of(changeFee.number()), Money.of("3000", "BDT"),
                Money.of("0", "BDT"), NOW.plus(Duration.ofHours(1)));
        BookingStatus afterEmd = ((Decision.Accepted) BookingMachine.decide(confirmed(afterTicket, emdQuote),
                new RefundConfirmed("q5", NOW))).next();

        assertThat(afterEmd.state()).isEqualTo(BookingState.REFUNDED);
        assertRejected(BookingMachine.decide(afterTicket, new RefundQuoteReceived(ticketOnly)),
                BookingErrorCode.BOOKING_COUPON_NOT_OPEN);
    }

    @Test
    void theVoidWindowCountsFromTheSuppliersIssueTimeNotFromWhenTheAnswerArrived() {
        Instant issuedLate = Instant.parse("2026-03-10T17:58:00Z"); // 23:58 in Dhaka; the answer timed out
        Decision.Accepted reconciled = (Decision.Accepted) BookingMachine.decide(
                new BookingStatus.IssueUnknown(PRICED, "r1", issuedLate), new IssueConfirmed("r1", List.of(TICKET), issuedLate));

        assertRejected(BookingMachine.decide(reconciled.next(), new RequestVoid(VoidWindow.sameDay(DHAKA),
                Instant.parse("2026-03-10T18:05:00Z"))), BookingErrorCode.BOOKING_VOID_WINDOW_CLOSED);
    }

    @Test
    void aFailedIssueMayBePricedAgainAndAHoldCancelCallsTheSupplier() {
        BookingStatus failed = STATUSES.get(BookingState.ISSUE_FAILED);
        Instant later = GUARANTEE.plusSeconds(60);
        assertRejected(BookingMachine.decide(failed, new RequestIssue("r2", false, later)),
                BookingErrorCode.BOOKING_PRICE_EXPIRED);

        BookingStatus repriced = ((Decision.Accepted) BookingMachine.decide(failed,
                new Price(later.plus(Duration.ofHours(2)), later))).next();

        assertThat(BookingMachine.decide(repriced, new RequestIssue("r2", false, later)))
                .isInstanceOfSatisfying(Decision.Accepted.class, accepted ->
                        assertThat(accepted.next().state()).isEqualTo(BookingState.ISSUING));
        assertThat(((Decision.Accepted) BookingMachine.decide(PRICED, new Cancel("changed plans"))).effects())
                .contains(new CallSupplier(SupplierCall.CANCEL_HOLD, "hold"));
    }

    @Test
    void anExpiredQuoteCannotBeConfirmedAndAnotherQuoteIsAMismatch() {
        BookingStatus quoted = STATUSES.get(BookingState.REFUND_QUOTED);

        assertRejected(BookingMachine.decide(quoted, new ConfirmRefund("q1", FULL_QUOTE.expiresAt())),
                BookingErrorCode.BOOKING_QUOTE_EXPIRED);
        assertRejected(BookingMachine.decide(quoted, new ConfirmRefund("q7", NOW)),
                BookingErrorCode.BOOKING_REQUEST_MISMATCH);
        assertRejected(BookingMachine.decide(ISSUED, new RequestRefundQuote(Set.of("9999999999999"))),
                BookingErrorCode.BOOKING_INVALID_COMMAND);
    }

    @Test
    void anEmdIsRecordedBeforeItIsSentAndJoinsTheDocumentsWithItsOwnEntry() {
        Decision requested = BookingMachine.decide(ISSUED, new BookingCommand.RequestEmd("e1", Money.of("6000", "BDT"), false));
        assertThat(requested).isEqualTo(new Decision.Accepted(ISSUED, List.of(
                new BookingEffect.RecordSupplierRequest("e1", BookingEffect.SupplierCall.EMD),
                new BookingEffect.CallSupplier(BookingEffect.SupplierCall.EMD, "e1"))));

        Document seat = Document.issued("1762000000004", DocumentType.EMD_ASSOCIATED, 1);
        Decision issued = BookingMachine.decide(ISSUED, new BookingCommand.EmdIssued("e1", List.of(seat)));

        assertThat(issued).isEqualTo(new Decision.Accepted(new Issued(List.of(TICKET, BAG, seat), NOW), List.of(
                new BookingEffect.StoreDocuments(List.of(seat)),
                new BookingEffect.PostEntry(PostingEvent.EMD, List.of(seat)),
                new BookingEffect.PublishEvent("booking.emd_issued"))));
        assertRejected(BookingMachine.decide(ISSUED, new BookingCommand.EmdIssued("e1", List.of(BAG))),
                BookingErrorCode.BOOKING_INVALID_COMMAND);
        assertRejected(BookingMachine.decide(ISSUED, new BookingCommand.EmdIssued("e1",
                List.of(Document.issued("1762000000005", DocumentType.TICKET, 2)))),
                BookingErrorCode.BOOKING_INVALID_COMMAND);
    }

    @Test
    void aRefusedConfirmationIssuesTheBookingAgain() {
        BookingStatus confirming = confirmed(ISSUED, FULL_QUOTE);

        assertThat(BookingMachine.decide(confirming, new BookingCommand.RefundRefused("q1", "QUOTE_EXPIRED")))
                .isEqualTo(new Decision.Accepted(ISSUED, List.of()));
        assertRejected(BookingMachine.decide(new BookingStatus.RefundQuoted(ISSUED, FULL_QUOTE, false),
                new BookingCommand.RefundRefused("q1", "x")), BookingErrorCode.BOOKING_ILLEGAL_TRANSITION);
        assertRejected(BookingMachine.decide(confirming, new BookingCommand.RefundRefused("q2", "x")),
                BookingErrorCode.BOOKING_REQUEST_MISMATCH);
    }

    private static void assertRejected(Decision decision, BookingErrorCode code) {
        assertThat(decision).isInstanceOfSatisfying(Decision.Rejected.class,
                rejected -> assertThat(rejected.rejection().code()).isEqualTo(code));
    }
}
