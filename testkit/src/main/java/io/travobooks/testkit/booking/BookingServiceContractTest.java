package io.travobooks.testkit.booking;

import io.travobooks.booking.BookingErrorCode;
import io.travobooks.booking.BookingState;
import io.travobooks.booking.BookingStatus;
import io.travobooks.booking.posting.AccountingModel;
import io.travobooks.booking.posting.CommissionRecognition;
import io.travobooks.booking.posting.FormOfPayment;
import io.travobooks.booking.posting.PostingRuleTemplates;
import io.travobooks.booking.posting.PostingRules;
import io.travobooks.booking.posting.SettlementChannel;
import io.travobooks.booking.service.ApprovalPolicy;
import io.travobooks.booking.service.Booking;
import io.travobooks.booking.service.BookingAccounting;
import io.travobooks.booking.service.BookingService;
import io.travobooks.booking.service.BookingServiceOptions;
import io.travobooks.booking.service.BookingTerms;
import io.travobooks.ledger.JournalEntry;
import io.travobooks.ledger.PostResult;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.Money;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.booking.BookingStore;
import io.travobooks.spi.ledger.Dimension;
import io.travobooks.spi.ledger.Side;
import io.travobooks.spi.ledger.StoredEntry;
import io.travobooks.spi.outbox.OutboxEvent;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.spi.supplier.ExchangeOffer;
import io.travobooks.spi.supplier.Fare;
import io.travobooks.spi.supplier.Offer;
import io.travobooks.spi.supplier.Passenger;
import io.travobooks.spi.travel.CouponStatus;
import io.travobooks.spi.travel.Document;
import io.travobooks.spi.travel.DocumentType;
import io.travobooks.supplier.sim.SimulatedFault;
import io.travobooks.testkit.ledger.LedgerFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

import static io.travobooks.testkit.ledger.LedgerFixture.bdt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The booking service on real stores and a real lock manager, against the simulated airline, with the docs/accounting.md
 * fare (base 40,000 + YQ 8,000 + taxes 6,000 BDT), commission 2,800 and a 1,000 fee with 150 VAT per ticket: the
 * expected figures are the worked example's table (docs/accounting.md), not the code's output.
 *
 * <p>Why one class of this size: it is the one contract an implementation runs, grouped by command; the integrity
 * rules have a suite of their own ({@link BookingIntegrityContractTest}).
 */
public abstract class BookingServiceContractTest extends BookingContractBase {
    private static final Currency BDT = Currency.getInstance("BDT");

    @Test
    void bookingsAreFoundByTravellerStatePnrAndTicketNewestFirst() {
        priced("BK1", RAHIM, KARIM);
        Booking khan = priced("BK2", new Passenger("AMINA", "KHAN"));
        Booking issued = service.issue(context, "BK1", "key-1").orThrow();

        assertThat(found(BookingStore.BookingSearch.ALL)).containsExactly("BK2", "BK1");
        // docs/accounting.md: the customer is invoiced 54,000 + the 1,000 fee + 150 VAT per ticket.
        assertThat(khan.customerTotal()).isEqualTo(bdt("55150"));
        assertThat(service.find(context, "BK1").orElseThrow().customerTotal()).isEqualTo(bdt("110300"));
        assertThat(found(new BookingStore.BookingSearch(Set.of(), Optional.empty(), Optional.empty(),
                Optional.of("Uddin"), Optional.of("kar"), Optional.empty(), Optional.empty()))).containsExactly("BK1");
        assertThat(found(new BookingStore.BookingSearch(Set.of("PRICED"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))).containsExactly("BK2");
        assertThat(found(new BookingStore.BookingSearch(Set.of(), Optional.of(khan.pnr()), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))).containsExactly("BK2");
        assertThat(found(new BookingStore.BookingSearch(Set.of(), Optional.empty(),
                Optional.of(issued.documents().get(1).number()), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty()))).containsExactly("BK1");
        assertThat(service.search(context, BookingStore.BookingSearch.ALL, Optional.empty(), 10).getLast()
                .booking()).as("read as find reads it").isEqualTo(service.find(context, "BK1").orElseThrow());
    }

    private List<String> found(BookingStore.BookingSearch search) {
        return service.search(context, search, Optional.empty(), 10).stream().map(l -> l.booking().id()).toList();
    }

    @Test
    void issuingPostsTheDomainEntryPerTicketAndPublishesOnce() {
        priced("BK1", RAHIM, KARIM);

        Booking issued = service.issue(context, "BK1", "key-1").orThrow();

        assertThat(issued.status().state()).isEqualTo(BookingState.ISSUED);
        assertThat(issued.documents()).hasSize(2).allMatch(Document::allCouponsOpen)
                .allMatch(document -> document.number().startsWith("176"));
        assertThat(service.find(context, "BK1").orElseThrow()).isEqualTo(issued);
        // docs/accounting.md, "issue, BSP, agency collects, agent model", twice
        assertThat(balance("1100")).isEqualTo(bdt("110300"));
        assertThat(balance("2100")).isEqualTo(bdt("102400"));
        assertThat(balance("4100")).isEqualTo(bdt("5600"));
        assertThat(balance("4300")).isEqualTo(bdt("2000"));
        assertThat(balance("2300")).isEqualTo(bdt("300"));
        assertThat(eventsOf("BK1")).extracting(OutboxEvent::type).containsExactly("booking.held", "booking.issued");
        assertThat(order(issued).issueRequestIds()).hasSize(1);
    }

    @Test
    void aPreviewShowsWhatTheIssueWillPostAndPostsNothing() {
        priced("BK1", RAHIM, KARIM);

        BookingService.IssuePreview preview = service.previewIssue(context, "BK1").orThrow();

        // docs/accounting.md, "issue, BSP, agency collects, agent model", twice; debits positive
        Map<String, Money> moved = new TreeMap<>();
        preview.entries().forEach(entry -> entry.lines().forEach(line -> moved.merge(line.account().value(),
                line.side() == Side.DEBIT ? line.amount() : line.amount().negate(), Money::plus)));
        assertThat(moved).containsExactlyInAnyOrderEntriesOf(Map.of("1100", bdt("110300"), "2100",
                bdt("-102400"), "4100", bdt("-5600"), "4300", bdt("-2000"), "2300", bdt("-300")));
        assertThat(preview.approvalRequired()).isFalse();
        assertThat(balance("1100")).as("nothing posted").isEqualTo(bdt("0"));
        assertThat(service.find(context, "BK1").orElseThrow().status().state()).isEqualTo(BookingState.PRICED);

        service.issue(context, "BK1", "key-1").orThrow();
        assertThat(balance("1100")).isEqualTo(moved.get("1100"));
        assertThat(balance("2100")).isEqualTo(moved.get("2100").negate());
    }

    @Test
    void onlyAPricedBookingIsPreviewed() {
        service.hold(context, "BK1", offer(), List.of(RAHIM), terms()).orThrow();
        assertThat(service.previewIssue(context, "BK1")).isInstanceOfSatisfying(Outcome.Refused.class, refused ->
                assertThat(refused.rejection().code()).isEqualTo(BookingErrorCode.BOOKING_ILLEGAL_TRANSITION));
        assertThat(service.previewIssue(context, "NOPE")).isInstanceOfSatisfying(Outcome.Refused.class, refused ->
                assertThat(refused.rejection().code()).isEqualTo(BookingErrorCode.BOOKING_NOT_FOUND));
    }

    @Test
    void aFareTheAirlineChangedSinceTheHoldIsTheOneIssuedAndPosted() {
        Booking held = service.hold(context, "BK1", offer(), List.of(RAHIM), terms()).orThrow();
        airline.changeFare(held.pnr(), new Fare(bdt("41000"), bdt("8000"), bdt("6000")));

        Booking priced = service.price(context, "BK1").orThrow();
        service.issue(context, "BK1", "key-1").orThrow();

        assertThat(priced.farePerPassenger().base()).isEqualTo(bdt("41000"));
        // 41,000 + 8,000 + 6,000 less the 2,800 commission
        assertThat(balance("2100")).isEqualTo(bdt("52200"));
    }

    @Test
    void theSameKeyAgainReturnsTheFirstResultAndIssuesNothing() {
        priced("BK1", RAHIM);
        Booking first = service.issue(context, "BK1", "key-1").orThrow();

        Outcome<Booking> again = service.issue(context, "BK1", "key-1");
        Outcome<Booking> otherKey = service.issue(context, "BK1", "key-2");

        assertThat(again).isEqualTo(Outcome.ok(first));
        assertThat(code(otherKey)).isEqualTo(BookingErrorCode.BOOKING_ILLEGAL_TRANSITION);
        assertThat(order(first).issueRequestIds()).hasSize(1);
        assertThat(balance("2100")).isEqualTo(bdt("51200"));
        assertThat(eventsOf("BK1")).extracting(OutboxEvent::type).containsOnlyOnce("booking.issued");
    }

    @Test
    void aKeyUsedForAnotherBookingIsRefused() {
        priced("BK1", RAHIM);
        priced("BK2", RAHIM);
        service.issue(context, "BK1", "key-1").orThrow();

        assertThat(code(service.issue(context, "BK2", "key-1"))).isEqualTo(BookingErrorCode.BOOKING_KEY_REUSED);
        assertThat(service.find(context, "BK2").orElseThrow().status().state()).isEqualTo(BookingState.PRICED);
    }

    @Test
    void aTimeoutThatIssuedIsCompletedByTheReconcilerWithoutSendingAgain() {
        priced("BK1", RAHIM);
        airline.failNext(SimulatedFault.TIMEOUT);

        Booking unknown = service.issue(context, "BK1", "key-1").orThrow();
        assertThat(unknown.status().state()).isEqualTo(BookingState.ISSUE_UNKNOWN);
        assertThat(balance("2100")).isEqualTo(bdt("0"));
        assertThat(service.issue(context, "BK1", "key-1").orThrow().status().state())
                .as("a repeated request does not send again").isEqualTo(BookingState.ISSUE_UNKNOWN);

        fixture.clock.advance(Duration.ofMinutes(1));
        // The sweep covers every tenant of the shared test database: count at least this test's booking.
        assertThat(service.reconciler().reconcileDue(100)).isPositive();

        Booking issued = service.find(context, "BK1").orElseThrow();
        assertThat(issued.status().state()).isEqualTo(BookingState.ISSUED);
        assertThat(issued.documents()).isEqualTo(order(issued).documents());
        assertThat(order(issued).issueRequestIds()).hasSize(1);
        assertThat(balance("2100")).isEqualTo(bdt("51200"));
        assertThat(eventsOf("BK1")).extracting(OutboxEvent::type).containsOnlyOnce("booking.issued");
        service.reconciler().reconcileDue(100);
        assertThat(service.find(context, "BK1").orElseThrow()).as("settled once").isEqualTo(issued);
    }

    @Test
    void aLostRequestFailsTheIssueAndANewKeyIssuesOnce() {
        priced("BK1", RAHIM);
        airline.failNext(SimulatedFault.LOST);
        assertThat(service.issue(context, "BK1", "key-1").orThrow().status().state())
                .isEqualTo(BookingState.ISSUE_UNKNOWN);

        assertThat(service.reconciler().reconcile(context, "BK1").orThrow().status().state())
                .as("the request may still be on its way").isEqualTo(BookingState.ISSUE_UNKNOWN);
        fixture.clock.advance(Duration.ofMinutes(1));
        Booking failed = service.reconciler().reconcile(context, "BK1").orThrow();
        assertThat(failed.status().state()).isEqualTo(BookingState.ISSUE_FAILED);

        Booking issued = service.issue(context, "BK1", "key-2").orThrow();
        assertThat(issued.status().state()).isEqualTo(BookingState.ISSUED);
        assertThat(order(issued).issueRequestIds()).hasSize(1);
        assertThat(balance("2100")).isEqualTo(bdt("51200"));
    }

    @Test
    void aRefusedIssueChangesNothingButTheState() {
        priced("BK1", RAHIM);
        airline.failNext(SimulatedFault.REFUSE);

        Booking failed = service.issue(context, "BK1", "key-1").orThrow();

        assertThat(failed.status().state()).isEqualTo(BookingState.ISSUE_FAILED);
        assertThat(failed.documents()).isEmpty();
        assertThat(balance("1100")).isEqualTo(bdt("0"));
    }

    @Test
    void aVoidOnTheIssueDayReversesTheIssueExactly() {
        priced("BK1", RAHIM);
        service.issue(context, "BK1", "key-1").orThrow();

        Booking voided = service.voidTickets(context, "BK1").orThrow();

        assertThat(voided.status()).isInstanceOf(BookingStatus.Voided.class);
        assertThat(voided.documents()).allMatch(d -> d.coupons().stream().allMatch(c -> c == CouponStatus.VOID));
        for (String account : List.of("1100", "2100", "4100", "4300", "2300")) {
            assertThat(balance(account)).as(account).isEqualTo(bdt("0"));
        }
        assertThat(eventsOf("BK1")).extracting(OutboxEvent::type).endsWith("booking.voided");
    }

    @Test
    void aVoidOrRefundWhoseAnswerNeverCameIsSettledByReconciling() {
        priced("BK1", RAHIM);
        service.issue(context, "BK1", "key-1").orThrow();
        airline.failNext(SimulatedFault.TIMEOUT);
        assertThat(code(service.voidTickets(context, "BK1")))
                .isEqualTo(BookingErrorCode.BOOKING_SUPPLIER_UNAVAILABLE);
        assertThat(service.find(context, "BK1").orElseThrow().status().state()).isEqualTo(BookingState.ISSUED);

        assertThat(service.reconciler().reconcile(context, "BK1").orThrow().status().state()).isEqualTo(BookingState.VOIDED);
        assertThat(balance("2100")).isEqualTo(bdt("0"));

        priced("BK2", RAHIM);
        Booking issued = service.issue(context, "BK2", "key-2").orThrow();
        Booking quoted = service.quoteRefund(context, "BK2", Set.of(issued.documents().getFirst().number()))
                .orThrow();
        airline.failNext(SimulatedFault.TIMEOUT);
        assertThat(code(service.confirmRefund(context, "BK2",
                ((BookingStatus.RefundQuoted) quoted.status()).quote().quoteId())))
                .isEqualTo(BookingErrorCode.BOOKING_SUPPLIER_UNAVAILABLE);

        assertThat(service.reconciler().reconcile(context, "BK2").orThrow().status().state()).isEqualTo(BookingState.REFUNDED);
        assertThat(balance("2250")).isEqualTo(bdt("48425"));
    }

    @Test
    void aRefusedRefundConfirmationIssuesTheBookingAgainAndAnExpiredOneIsReleasedByReconciling() {
        priced("BK1", RAHIM);
        String ticket = service.issue(context, "BK1", "key-1").orThrow().documents().getFirst().number();
        Booking quoted = service.quoteRefund(context, "BK1", Set.of(ticket)).orThrow();
        airline.failNext(SimulatedFault.REFUSE);

        assertThat(code(service.confirmRefund(context, "BK1",
                ((BookingStatus.RefundQuoted) quoted.status()).quote().quoteId())))
                .isEqualTo(BookingErrorCode.BOOKING_SUPPLIER_REFUSED);
        assertThat(service.find(context, "BK1").orElseThrow().status().state()).isEqualTo(BookingState.ISSUED);

        Booking requoted = service.quoteRefund(context, "BK1", Set.of(ticket)).orThrow();
        airline.failNext(SimulatedFault.LOST);
        service.confirmRefund(context, "BK1", ((BookingStatus.RefundQuoted) requoted.status()).quote().quoteId());
        assertThat(service.reconciler().reconcile(context, "BK1").orThrow().status().state())
                .as("the quote is still valid: the answer may come").isEqualTo(BookingState.REFUND_QUOTED);
        fixture.clock.advance(Duration.ofHours(1));
        assertThat(service.reconciler().reconcile(context, "BK1").orThrow().status().state()).isEqualTo(BookingState.ISSUED);
        assertThat(balance("2250")).isEqualTo(bdt("0"));
    }

    @Test
    void anEmdWhoseAnswerNeverCameIsSettledByReconciling() {
        priced("BK1", RAHIM);
        service.issue(context, "BK1", "key-1").orThrow();
        airline.failNext(SimulatedFault.TIMEOUT);

        assertThat(code(service.issueEmd(context, "BK1", bdt("6000"), "XBAG", "emd-1")))
                .isEqualTo(BookingErrorCode.BOOKING_SUPPLIER_UNAVAILABLE);
        assertThat(balance("2100")).isEqualTo(bdt("51200"));
        assertThat(service.issueEmd(context, "BK1", bdt("6000"), "XBAG", "emd-1").orThrow().documents())
                .as("the same key sends nothing again").hasSize(1);

        Booking settled = service.reconciler().reconcile(context, "BK1").orThrow();
        assertThat(settled.documents()).hasSize(2);
        assertThat(balance("2100")).isEqualTo(bdt("57200"));
        assertThat(service.reconciler().reconcile(context, "BK1").orThrow()).isEqualTo(settled);
    }

    @Test
    void aVoidReversesTheEmdsSoldOnTheBookingToo() {
        priced("BK1", RAHIM);
        service.issue(context, "BK1", "key-1").orThrow();
        service.issueEmd(context, "BK1", bdt("6000"), "XBAG", "emd-1").orThrow();

        Booking voided = service.voidTickets(context, "BK1").orThrow();

        assertThat(voided.documents()).hasSize(2);
        assertThat(balance("2100")).isEqualTo(bdt("0"));
        assertThat(balance("1100")).isEqualTo(bdt("0"));
    }

    @Test
    void aVoidAfterTheWindowIsRefusedAndChangesNothing() {
        priced("BK1", RAHIM);
        Booking issued = service.issue(context, "BK1", "key-1").orThrow();
        fixture.clock.advance(Duration.ofDays(1));

        assertThat(code(service.voidTickets(context, "BK1"))).isEqualTo(BookingErrorCode.BOOKING_VOID_WINDOW_CLOSED);
        assertThat(service.find(context, "BK1").orElseThrow()).isEqualTo(issued);
        assertThat(balance("2100")).isEqualTo(bdt("51200"));
    }

    @Test
    void aRefundPostsTheDomainFigures() {
        priced("BK1", RAHIM);
        Booking issued = service.issue(context, "BK1", "key-1").orThrow();
        fixture.clock.advance(Duration.ofDays(2));
        String ticket = issued.documents().getFirst().number();

        Booking quoted = service.quoteRefund(context, "BK1", Set.of(ticket)).orThrow();
        String quoteId = ((BookingStatus.RefundQuoted) quoted.status()).quote().quoteId();
        Booking refunded = service.confirmRefund(context, "BK1", quoteId).orThrow();

        assertThat(refunded.status().state()).isEqualTo(BookingState.REFUNDED);
        // docs/accounting.md "refund after the window": 2100 Dr 46,550; 4100 Dr 2,450; 2250 Cr 48,425; 4310 Cr 500; 2300 Cr 75
        assertThat(balance("2100")).isEqualTo(bdt("51200").minus(bdt("46550")));
        assertThat(balance("4100")).isEqualTo(bdt("2800").minus(bdt("2450")));
        assertThat(balance("2250")).isEqualTo(bdt("48425"));
        assertThat(balance("4310")).isEqualTo(bdt("500"));
        assertThat(balance("2300")).isEqualTo(bdt("150").plus(bdt("75")));
        assertThat(eventsOf("BK1")).extracting(OutboxEvent::type).endsWith("booking.refunded");
    }

    @Test
    void aPartialRefundRefundsOneTicketAndKeepsTheBookingIssued() {
        priced("BK1", RAHIM, KARIM);
        Booking issued = service.issue(context, "BK1", "key-1").orThrow();
        fixture.clock.advance(Duration.ofDays(2));
        Document first = issued.documents().getFirst();

        Booking quoted = service.quoteRefund(context, "BK1", Set.of(first.number())).orThrow();
        Booking after = service.confirmRefund(context, "BK1",
                ((BookingStatus.RefundQuoted) quoted.status()).quote().quoteId()).orThrow();

        assertThat(after.status().state()).isEqualTo(BookingState.ISSUED);
        assertThat(after.documents()).filteredOn(d -> d.number().equals(first.number()))
                .allMatch(d -> d.coupons().stream().allMatch(c -> c == CouponStatus.REFUNDED));
        assertThat(after.documents()).filteredOn(d -> !d.number().equals(first.number()))
                .allMatch(Document::allCouponsOpen);
        assertThat(balance("2250")).isEqualTo(bdt("48425"));
    }

    @Test
    void aHoldPastItsTimeLimitExpires() {
        service.hold(context, "BK1", offer(), List.of(RAHIM), terms()).orThrow();
        service.reconciler().expireDue(100);
        assertThat(service.find(context, "BK1").orElseThrow().status().state()).isEqualTo(BookingState.HELD);

        fixture.clock.advance(Duration.ofHours(25));

        assertThat(service.reconciler().expireDue(100)).isPositive();
        assertThat(service.find(context, "BK1").orElseThrow().status().state()).isEqualTo(BookingState.EXPIRED);
        assertThat(code(service.price(context, "BK1"))).isNotNull();
        assertThat(eventsOf("BK1")).extracting(OutboxEvent::type).endsWith("booking.expired");
    }

    @Test
    void aDepositHoldIsCapturedByTheIssueAndReleasedWhenTheHoldExpires() {
        BookingTerms byDeposit = terms().settled(SettlementChannel.BSP, FormOfPayment.DEPOSIT, AccountingModel.AGENT,
                bdt("0"));
        service.hold(context, "BK1", offer(), List.of(RAHIM, KARIM), byDeposit).orThrow();
        Booking held = service.holdDeposit(context, "BK1", "dep-1").orThrow();
        assertThat(held.depositHold()).contains("BK1.DH.dep-1");
        assertThat(service.holdDeposit(context, "BK1", "dep-1").orThrow()).as("held once").isEqualTo(held);
        assertThat(code(service.holdDeposit(context, "BK1", "dep-2")))
                .isEqualTo(BookingErrorCode.BOOKING_INVALID_COMMAND);
        // two passengers' customer total, reserved and not posted
        assertThat(pending("2200")).isEqualTo(bdt("110300"));
        assertThat(balance("2200")).isEqualTo(bdt("0"));

        fixture.clock.advance(Duration.ofHours(25));
        assertThat(service.reconciler().expireDue(100)).isPositive();

        assertThat(service.find(context, "BK1").orElseThrow().status().state()).isEqualTo(BookingState.EXPIRED);
        assertThat(pending("2200")).as("released").isEqualTo(bdt("0"));
        assertThat(balance("2200")).isEqualTo(bdt("0"));
        assertThat(balance("1000")).isEqualTo(bdt("0"));
    }

    @Test
    void aDepositIsHeldOnlyOnABookingPaidByDepositAndNotYetTicketed() {
        priced("BK1", RAHIM);
        assertThat(code(service.holdDeposit(context, "BK1", "dep-1")))
                .as("paid by the agency").isEqualTo(BookingErrorCode.BOOKING_INVALID_COMMAND);
        service.hold(context, "BK2", offer(), List.of(RAHIM), terms().settled(SettlementChannel.BSP,
                FormOfPayment.DEPOSIT, AccountingModel.AGENT, bdt("0"))).orThrow();
        service.price(context, "BK2").orThrow();
        service.issue(context, "BK2", "key-2").orThrow();
        assertThat(code(service.holdDeposit(context, "BK2", "dep-1")))
                .isEqualTo(BookingErrorCode.BOOKING_ILLEGAL_TRANSITION);
        assertThat(code(service.holdDeposit(context, "BK2", "a deposit")))
                .isEqualTo(BookingErrorCode.BOOKING_INVALID_COMMAND);
        assertThat(pending("2200")).isEqualTo(bdt("0"));
    }

    @Test
    void aTenantThatDefersCommissionEarnsItWhenThePassengerTravels() {
        PostingRules deferring = PostingRuleTemplates.travelAgency(CommissionRecognition.AT_TRAVEL);
        BookingService deferringService = new BookingService(bookingStore(), outboxStore(), fixture.ledger, locks(),
                airline, tenant -> deferring, ApprovalPolicy.NEVER, fixture.clock,
                BookingServiceOptions.defaults(DHAKA));
        BookingAccounting accounting = new BookingAccounting(bookingStore(), fixture.ledger, tenant -> deferring);
        deferringService.hold(context, "BK1", offer(), List.of(RAHIM), terms()).orThrow();
        deferringService.price(context, "BK1").orThrow();
        String ticket = deferringService.issue(context, "BK1", "key-1").orThrow().documents().getFirst().number();
        assertThat(balance("2400")).isEqualTo(bdt("2800"));
        assertThat(balance("4100")).isEqualTo(bdt("0"));

        accounting.travelled(context, "BK1", ticket, LocalDate.of(2026, 4, 2)).orThrow();

        assertThat(balance("2400")).isEqualTo(bdt("0"));
        assertThat(balance("4100")).isEqualTo(bdt("2800"));
        BookingAccounting atIssue = new BookingAccounting(bookingStore(), fixture.ledger,
                tenant -> PostingRuleTemplates.travelAgency());
        assertThat(code(atIssue.travelled(context, "BK1", ticket, LocalDate.of(2026, 4, 3))))
                .isEqualTo(BookingErrorCode.BOOKING_NO_POSTING_RULE);
    }

    @Test
    void anIssueWaitingForApprovalKeepsItsKeyAndIsSentOnceApproved() {
        BookingService checked = new BookingService(bookingStore(), outboxStore(), fixture.ledger, locks(), airline,
                tenant -> PostingRuleTemplates.travelAgency(), (ctx, booking) -> true, fixture.clock,
                BookingServiceOptions.defaults(DHAKA));
        priced("BK1", RAHIM);

        Booking pending = checked.issue(context, "BK1", "key-1").orThrow();
        assertThat(pending.status().state()).isEqualTo(BookingState.PENDING_APPROVAL);
        assertThat(checked.issue(context, "BK1", "key-1").orThrow()).as("a repeat finds the waiting request")
                .isEqualTo(pending);
        Booking issued = checked.approve(RequestContext.of(context.tenant().value(), "checker"), "BK1").orThrow();

        assertThat(issued.status().state()).isEqualTo(BookingState.ISSUED);
        assertThat(checked.issue(context, "BK1", "key-1").orThrow()).isEqualTo(issued);
        assertThat(order(issued).issueRequestIds()).hasSize(1);

        priced("BK2", RAHIM);
        checked.issue(context, "BK2", "key-2").orThrow();
        assertThat(checked.rejectApproval(context, "BK2", "too dear").orThrow().status().state())
                .isEqualTo(BookingState.PRICED);
        assertThat(checked.issue(context, "BK2", "key-3").orThrow().status().state())
                .isEqualTo(BookingState.PENDING_APPROVAL);
    }

    @Test
    void termsNoRuleCanPostAreRefusedBeforeTheAirlineHoldsAnything() {
        BookingTerms merchantOnBsp = terms().settled(SettlementChannel.BSP, FormOfPayment.AGENCY,
                AccountingModel.MERCHANT, bdt("500"));
        String offer = offer();

        assertThat(code(service.hold(context, "BK1", offer, List.of(RAHIM), merchantOnBsp)))
                .isEqualTo(BookingErrorCode.BOOKING_NO_POSTING_RULE);
        assertThat(service.find(context, "BK1")).isEmpty();
        assertThat(service.hold(context, "BK1", offer, List.of(RAHIM), terms()).isOk())
                .as("the offer was not used up by a hold").isTrue();
    }

    @Test
    void anExchangeTheBookingCannotTakeIsRefusedBeforeTheAirlineReissues() {
        priced("BK1", RAHIM, KARIM);
        Booking issued = service.issue(context, "BK1", "key-1").orThrow();
        Offer dearer = airline.offerAt("DAC", "DXB", LocalDate.of(2026, 4, 5),
                new Fare(bdt("42000"), bdt("8000"), bdt("6000")));
        ExchangeOffer quote = service.quoteExchange(context, "BK1", dearer.offerId()).orThrow();
        Document first = issued.documents().getFirst();
        Booking quoted = service.quoteRefund(context, "BK1", Set.of(first.number())).orThrow();
        service.confirmRefund(context, "BK1", ((BookingStatus.RefundQuoted) quoted.status()).quote().quoteId())
                .orThrow();

        assertThat(code(service.confirmExchange(context, "BK1", quote.quoteId(), "BK1X")))
                .isEqualTo(BookingErrorCode.BOOKING_REQUEST_MISMATCH);
        assertThat(code(service.confirmExchange(context, "BK1", "XQ-made-up", "BK1X")))
                .as("only the quote the booking keeps").isEqualTo(BookingErrorCode.BOOKING_REQUEST_MISMATCH);
        assertThat(order(issued).documents()).as("nothing reissued").hasSize(2);
        assertThat(service.find(context, "BK1X")).isEmpty();
    }

    @Test
    void anEmdOnAFollowOnBookingLeavesTheOriginalsDocumentsAlone() {
        priced("BK1", RAHIM);
        service.issue(context, "BK1", "key-1").orThrow();
        service.issueEmd(context, "BK1", bdt("6000"), "XBAG", "emd-1").orThrow();
        Offer dearer = airline.offerAt("DAC", "DXB", LocalDate.of(2026, 4, 5),
                new Fare(bdt("42000"), bdt("8000"), bdt("6000")));
        ExchangeOffer quote = service.quoteExchange(context, "BK1", dearer.offerId()).orThrow();
        Booking followOn = service.confirmExchange(context, "BK1", quote.quoteId(), "BK1X").orThrow();
        assertThat(followOn.documents()).hasSize(1);
        Booking exchanged = service.find(context, "BK1").orElseThrow();
        assertThat(exchanged.exchangeFollowOn()).as("the exchange is over").isEmpty();
        assertThat(code(service.quoteExchange(context, "BK1", dearer.offerId())))
                .isEqualTo(BookingErrorCode.BOOKING_ILLEGAL_TRANSITION);

        Booking withSeat = service.issueEmd(context, "BK1X", bdt("1500"), "SEAT", "emd-2").orThrow();

        assertThat(withSeat.documents()).hasSize(2);
        assertThat(balance("2100")).isEqualTo(bdt("51200").plus(bdt("6000")).plus(bdt("4860"))
                .plus(bdt("1500")));
    }

    @Test
    void aSecondEmdWaitsUntilTheFirstIsSettled() {
        priced("BK1", RAHIM);
        service.issue(context, "BK1", "key-1").orThrow();
        airline.failNext(SimulatedFault.TIMEOUT);
        service.issueEmd(context, "BK1", bdt("6000"), "XBAG", "emd-1");

        assertThat(code(service.issueEmd(context, "BK1", bdt("3000"), "SEAT", "emd-2")))
                .isEqualTo(BookingErrorCode.BOOKING_REQUEST_UNSETTLED);
        service.reconciler().reconcile(context, "BK1").orThrow();
        assertThat(service.issueEmd(context, "BK1", bdt("3000"), "SEAT", "emd-2").orThrow().documents()).hasSize(3);
        // docs/accounting.md: an EMD posts its value to the BSP payable, here 6,000 and 3,000 on the issue's 51,200
        assertThat(balance("2100")).isEqualTo(bdt("60200"));
    }

    @Test
    void aLostAdmDisputeTurnsTheProvisionIntoBspPayable() {
        priced("BK1", RAHIM);
        String ticket = service.issue(context, "BK1", "key-1").orThrow().documents().getFirst().number();
        BookingAccounting accounting = new BookingAccounting(bookingStore(), fixture.ledger,
                tenant -> PostingRuleTemplates.travelAgency());
        LocalDate day = LocalDate.of(2026, 3, 20);

        accounting.adm(context, "BK1", "adm-1", ticket, bdt("3500"), BookingAccounting.AdmDecision.DISPUTED, day)
                .orThrow();
        accounting.admDisputeLost(context, "BK1", "adm-1", ticket, bdt("3500"), day).orThrow();

        assertThat(lines("BK1.ADL.adm-1.0")).containsExactlyInAnyOrder("2150 Dr 3500", "2100 Cr 3500");
        assertThat(balance("2150")).isEqualTo(bdt("0"));
        assertThat(balance("5100")).isEqualTo(bdt("3500"));
        assertThat(balance("2100")).isEqualTo(bdt("51200").plus(bdt("3500")));
    }

    @Test
    void refusedCommandsLeaveTheBookingAsItWas() {
        service.hold(context, "BK1", offer(), List.of(RAHIM), terms()).orThrow();
        Booking held = service.find(context, "BK1").orElseThrow();

        assertThat(code(service.issue(context, "BK1", "key-1")))
                .as("not priced").isEqualTo(BookingErrorCode.BOOKING_ILLEGAL_TRANSITION);
        assertThat(code(service.voidTickets(context, "BK1"))).isEqualTo(BookingErrorCode.BOOKING_ILLEGAL_TRANSITION);
        assertThat(code(service.issue(context, "BK 1", "key-1"))).isEqualTo(BookingErrorCode.BOOKING_INVALID_COMMAND);
        assertThat(code(service.hold(context, "eu/BK1", offer(), List.of(RAHIM), terms())))
                .as("'/' separates the parts of event ids").isEqualTo(BookingErrorCode.BOOKING_INVALID_COMMAND);
        assertThat(code(service.hold(context, "BK1", offer(), List.of(RAHIM), terms())))
                .as("the id is taken").isEqualTo(BookingErrorCode.BOOKING_INVALID_COMMAND);
        assertThat(code(service.price(context, "BK9"))).isEqualTo(BookingErrorCode.BOOKING_NOT_FOUND);

        assertThat(service.find(context, "BK1").orElseThrow()).isEqualTo(held);
        assertThat(eventsOf("BK1")).extracting(OutboxEvent::type).containsExactly("booking.held");
        service.price(context, "BK1").orThrow();
        assertThat(service.issue(context, "BK1", "key-1").orThrow().status().state())
                .as("the refused request did not spend its key").isEqualTo(BookingState.ISSUED);
    }

    @Test
    void anotherTenantCannotSeeOrTouchTheBooking() {
        priced("BK1", RAHIM);
        RequestContext stranger = RequestContext.of(LedgerFixture.newTenantId(), "mallory");

        assertThat(service.find(stranger, "BK1")).isEmpty();
        assertThat(code(service.issue(stranger, "BK1", "key-1"))).isEqualTo(BookingErrorCode.BOOKING_NOT_FOUND);
        assertThat(service.find(context, "BK1").orElseThrow().status().state()).isEqualTo(BookingState.PRICED);
    }

    @Test
    void fiftyConcurrentIssueCallsIssueOnce() throws Exception {
        priced("BK1", RAHIM);
        int callers = 50;
        CountDownLatch start = new CountDownLatch(1);
        List<Outcome<Booking>> outcomes = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            String key = i % 2 == 0 ? "shared-key" : "key-" + i; // half repeat one request, half are new ones
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                outcomes.add(service.issue(context, "BK1", key));
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        Booking issued = service.find(context, "BK1").orElseThrow();
        assertThat(issued.status().state()).isEqualTo(BookingState.ISSUED);
        assertThat(issued.documents()).hasSize(1);
        assertThat(order(issued).issueRequestIds()).hasSize(1);
        assertThat(order(issued).documents()).isEqualTo(issued.documents());
        assertThat(balance("2100")).isEqualTo(bdt("51200"));
        assertThat(eventsOf("BK1")).extracting(OutboxEvent::type).containsOnlyOnce("booking.issued");
        assertThat(outcomes).hasSize(callers);
        for (Outcome<Booking> outcome : outcomes) {
            if (outcome instanceof Outcome.Ok<Booking> ok) {
                assertThat(ok.value()).isEqualTo(issued);
            } else {
                assertThat(code(outcome)).isIn(BookingErrorCode.BOOKING_ILLEGAL_TRANSITION,
                        BookingErrorCode.BOOKING_BUSY);
            }
        }
        assertThat(outcomes).filteredOn(Outcome::isOk).hasSizeGreaterThanOrEqualTo(1);
    }

    @Test
    void theEventEnvelopeNamesTheTickets() {
        priced("BK1", RAHIM);
        Booking issued = service.issue(context, "BK1", "key-1").orThrow();

        OutboxEvent event = eventsOf("BK1").getLast();

        assertThat(event.type()).isEqualTo("booking.issued");
        assertThat(event.data()).containsEntry("pnr", issued.pnr()).containsEntry("state", "ISSUED")
                .containsEntry("documents", issued.documents().stream().map(Document::number).toList());
        assertThat(Map.copyOf(event.data())).containsKey("passengers");
        RequestContext otherAgency = RequestContext.of(LedgerFixture.newTenantId(), "other");
        fixture.ledger.createTenant(otherAgency.tenant(), LedgerFixture.BDT).orThrow();
        service.hold(otherAgency, "BK1", offer(), List.of(RAHIM), terms()).orThrow();
        OutboxEvent othersHeld = bookingStore().transactions().inTransaction(uow -> outboxStore().read(uow, 0,
                        Integer.MAX_VALUE)).stream().map(OutboxStore.Stored::event)
                .filter(e -> e.tenant().equals(otherAgency.tenant())).findFirst().orElseThrow();
        assertThat(othersHeld.id()).as("event ids are unique across tenants")
                .isNotEqualTo(eventsOf("BK1").getFirst().id());
    }

    // ---------------------------------------------------------------- docs/accounting.md's worked example, through bookings


    @Test
    void anIssuePostsTheTaxesItPaysBspPerTaxCode() {
        priced("BK1", RAHIM);
        String ticket = service.issue(context, "BK1", "key-1").orThrow().documents().getFirst().number();

        StoredEntry entry = fixture.ledger.entry(context, EntryId.of("BK1.IS." + ticket + ".0")).orElseThrow();
        Map<String, Money> payableByTaxCode = new TreeMap<>();
        for (var line : entry.lines()) {
            assertThat(line.dimensions()).containsEntry(Dimension.DOCUMENT_NUMBER, ticket)
                    .containsEntry(Dimension.AIRLINE, "176").containsEntry(Dimension.BOOKING_ID, "BK1");
            if (line.account().value().equals("2100")) {
                payableByTaxCode.put(line.dimensions().getOrDefault(Dimension.TAX_CODE, "-"), line.amount());
            }
        }
        // the simulated fare's taxes (BD 500, OW 2,500, UT 3,000) and the rest of the 51,200 net remit
        assertThat(payableByTaxCode).containsExactly(Map.entry("-", bdt("45200")), Map.entry("BD", bdt("500")),
                Map.entry("OW", bdt("2500")), Map.entry("UT", bdt("3000")));
    }


    private Booking issuedWith(String id, BookingTerms bookingTerms) {
        service.hold(context, id, offer(), List.of(RAHIM), bookingTerms).orThrow();
        service.price(context, id).orThrow();
        return service.issue(context, id, "issue-" + id).orThrow();
    }

    @Test
    void theWorkedExampleDrivenThroughBookingsPostsTheDomainTable() {
        BookingAccounting accounting = new BookingAccounting(bookingStore(), fixture.ledger,
                tenant -> PostingRuleTemplates.travelAgency());
        LocalDate day = LocalDate.of(2026, 3, 10);
        BookingTerms cash = terms().withReissueFee(bdt("800"), bdt("120"));
        fixture.ledger.post(context, JournalEntry.builder("capital", day)
                .line(LedgerFixture.dr("1000", "200000")).line(LedgerFixture.cr("3000", "200000")).build());
        fixture.ledger.post(context, JournalEntry.builder("topup", day)
                .line(LedgerFixture.dr("1200", "100000")).line(LedgerFixture.cr("1000", "100000")).build());

        // issue, BSP cash, agent model; then void inside the window: the exact reversal
        issuedWith("BK1", cash);
        String t1 = ticketOf("BK1");
        assertThat(lines("BK1.IS." + t1 + ".0")).containsExactlyInAnyOrder(
                "1100 Dr 55150", "2100 Cr 51200", "4100 Cr 2800", "4300 Cr 1000", "2300 Cr 150");
        service.voidTickets(context, "BK1").orThrow();
        assertThat(lines("BK1.VD." + t1 + ".0")).containsExactlyInAnyOrder(
                "1100 Cr 55150", "2100 Dr 51200", "4100 Dr 2800", "4300 Dr 1000", "2300 Dr 150");

        // deposit taken at hold, then the issue debits the deposit; exchange; EMD on the reissued booking
        BookingTerms deposit = cash.settled(SettlementChannel.BSP, FormOfPayment.DEPOSIT, AccountingModel.AGENT,
                bdt("0"));
        service.hold(context, "BK3", offer(), List.of(RAHIM), deposit).orThrow();
        service.holdDeposit(context, "BK3", "dep-1").orThrow();
        service.price(context, "BK3").orThrow();
        String t3 = service.issue(context, "BK3", "issue-BK3").orThrow().documents().getFirst().number();
        assertThat(lines("BK3.DH.dep-1.captured")).containsExactlyInAnyOrder("1000 Dr 55150", "2200 Cr 55150");
        assertThat(lines("BK3.IS." + t3 + ".0")).containsExactlyInAnyOrder(
                "2200 Dr 55150", "2100 Cr 51200", "4100 Cr 2800", "4300 Cr 1000", "2300 Cr 150");
        Offer dearer = airline.offerAt("DAC", "DXB", LocalDate.of(2026, 4, 5),
                new Fare(bdt("42000"), bdt("8000"), bdt("6000")));
        ExchangeOffer quote = service.quoteExchange(context, "BK3", dearer.offerId()).orThrow();
        Booking reissued = service.confirmExchange(context, "BK3", quote.quoteId(), "BK3X").orThrow();
        String t4 = reissued.documents().getFirst().number();
        assertThat(lines("BK3X.EX." + t4 + ".0")).containsExactlyInAnyOrder(
                "1100 Dr 5920", "2100 Cr 4860", "4100 Cr 140", "4310 Cr 800", "2300 Cr 120");
        assertThat(service.find(context, "BK3").orElseThrow().status().state()).isEqualTo(BookingState.EXCHANGED);
        Booking withBag = service.issueEmd(context, "BK3X", bdt("6000"), "XBAG", "emd-1").orThrow();
        Document bag = withBag.documents().stream().filter(d -> d.type() != DocumentType.TICKET).findFirst()
                .orElseThrow();
        assertThat(lines("BK3X.EM." + bag.number() + ".0")).containsExactlyInAnyOrder("1100 Dr 6000", "2100 Cr 6000");

        // issue, customer card charged by the airline: commission, and the fee invoiced apart
        issuedWith("BK5", cash.settled(SettlementChannel.BSP, FormOfPayment.CUSTOMER_CARD, AccountingModel.AGENT,
                bdt("0")));
        String t5 = ticketOf("BK5");
        assertThat(lines("BK5.IS." + t5 + ".0")).containsExactlyInAnyOrder("2100 Dr 2800", "4100 Cr 2800");
        assertThat(lines("BK5.IS." + t5 + ".1")).containsExactlyInAnyOrder("1100 Dr 1150", "4300 Cr 1000",
                "2300 Cr 150");

        // issue, merchant model via aggregator balance, markup 500
        issuedWith("BK6", new BookingTerms(bdt("0"), bdt("1000"), bdt("150"), bdt("0"), bdt("0"), bdt("0"), bdt("0"),
                bdt("0"), SettlementChannel.AGGREGATOR, FormOfPayment.AGENCY, AccountingModel.AGENT)
                .settled(SettlementChannel.AGGREGATOR, FormOfPayment.AGENCY, AccountingModel.MERCHANT, bdt("500")));
        assertThat(lines("BK6.IS." + ticketOf("BK6") + ".0")).containsExactlyInAnyOrder(
                "1100 Dr 55650", "1200 Cr 54000", "4200 Cr 500", "4300 Cr 1000", "2300 Cr 150");

        // customer pays; refund after the window; pay the refund
        issuedWith("BK2", cash);
        String t2 = ticketOf("BK2");
        accounting.customerPayment(context, "BK2", "pay-1", bdt("55150"), day).orThrow();
        assertThat(lines("BK2.PY.pay-1.0")).containsExactlyInAnyOrder("1000 Dr 55150", "1100 Cr 55150");
        fixture.clock.advance(Duration.ofDays(2));
        Booking quoted = service.quoteRefund(context, "BK2", Set.of(t2)).orThrow();
        Booking refunded = service.confirmRefund(context, "BK2",
                ((BookingStatus.RefundQuoted) quoted.status()).quote().quoteId()).orThrow();
        assertThat(lines("BK2.RF" + refunded.version() + "." + t2 + ".0")).containsExactlyInAnyOrder(
                "2100 Dr 46550", "4100 Dr 2450", "2250 Cr 48425", "4310 Cr 500", "2300 Cr 75");
        accounting.refundPayment(context, "BK2", "rfp-1", bdt("48425"), day).orThrow();
        assertThat(lines("BK2.RP.rfp-1.0")).containsExactlyInAnyOrder("2250 Dr 48425", "1000 Cr 48425");

        // BSP memos on the refunded ticket
        accounting.adm(context, "BK2", "adm-1", t2, bdt("3500"), BookingAccounting.AdmDecision.ACCEPTED, day)
                .orThrow();
        assertThat(lines("BK2.ADM.adm-1.0")).containsExactlyInAnyOrder("5100 Dr 3500", "2100 Cr 3500");
        accounting.adm(context, "BK2", "adm-2", t2, bdt("3500"), BookingAccounting.AdmDecision.DISPUTED, day)
                .orThrow();
        assertThat(lines("BK2.ADM.adm-2.0")).containsExactlyInAnyOrder("5100 Dr 3500", "2150 Cr 3500");
        accounting.admDisputeWon(context, "BK2", "adm-2", t2, bdt("3500"), day).orThrow();
        assertThat(lines("BK2.ADW.adm-2.0")).containsExactlyInAnyOrder("2150 Dr 3500", "5100 Cr 3500");
        accounting.acm(context, "BK2", "acm-1", t2, bdt("400"), day).orThrow();
        assertThat(lines("BK2.ACM.acm-1.0")).containsExactlyInAnyOrder("2100 Dr 400", "4100 Cr 400");

        // BSP payable before remittance: 4,650 + 51,200 + 4,860 + 6,000 - 2,800 + 3,500 - 400 (docs/accounting.md's rows)
        assertThat(balance("2100")).isEqualTo(bdt("67010"));
        // Every line of the month's BSP sales falls in the first half of March (the 10th and the 12th).
        assertThat(accounting.billingPeriodDue(context, AccountId.of("2100"), BDT, "2026-03-P1").orThrow())
                .isEqualTo(bdt("67010"));
        assertThat(accounting.billingPeriodDue(context, AccountId.of("2100"), BDT, "2026-03-P2").orThrow())
                .isEqualTo(bdt("0"));
        accounting.remittance(context, "R1", "2026-03-P1", bdt("67010"), bdt("67035"), day).orThrow();
        assertThat(accounting.billingPeriodDue(context, AccountId.of("2100"), BDT, "2026-03-P1").orThrow())
                .as("settled").isEqualTo(bdt("0"));
        assertThat(code(accounting.billingPeriodDue(context, AccountId.of("2100"), BDT, "2026-03-P3")))
                .as("the calendar has two periods a month").isEqualTo(BookingErrorCode.BOOKING_INVALID_COMMAND);
        assertThat(lines("remit.R1.0")).containsExactlyInAnyOrder("2100 Dr 67010", "5400 Dr 25", "1000 Cr 67035");
        assertThat(balance("2100")).isEqualTo(bdt("0"));
        assertThat(balance("2150")).isEqualTo(bdt("0"));
        assertThat(accounting.customerPayment(context, "BK2", "pay-1", bdt("55150"), day).orThrow())
                .as("a payment id posts once").isInstanceOf(PostResult.AlreadyPosted.class);
        assertThat(code(accounting.acm(context, "BK2", "acm-2", "1760000000000", bdt("400"), day)))
                .isEqualTo(BookingErrorCode.BOOKING_INVALID_COMMAND);
    }
}
