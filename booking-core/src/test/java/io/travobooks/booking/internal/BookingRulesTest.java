package io.travobooks.booking.internal;

import io.travobooks.booking.BookingErrorCode;
import io.travobooks.booking.BookingStatus;
import io.travobooks.booking.PostingEvent;
import io.travobooks.booking.internal.BookingCommand.ConfirmExchange;
import io.travobooks.booking.internal.BookingCommand.HoldDeposit;
import io.travobooks.booking.internal.BookingCommand.RequestEmd;
import io.travobooks.booking.internal.BookingCommand.RequestExchangeQuote;
import io.travobooks.booking.internal.BookingCommand.RequestVoid;
import io.travobooks.booking.posting.AccountingModel;
import io.travobooks.booking.posting.FormOfPayment;
import io.travobooks.booking.posting.SettlementChannel;
import io.travobooks.booking.service.Booking;
import io.travobooks.booking.service.BookingTerms;
import io.travobooks.booking.service.Unposted;
import io.travobooks.booking.VoidWindow;
import io.travobooks.spi.ErrorCode;
import io.travobooks.spi.Money;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.supplier.ExchangeOffer;
import io.travobooks.spi.supplier.Fare;
import io.travobooks.spi.supplier.Passenger;
import io.travobooks.spi.travel.CouponStatus;
import io.travobooks.spi.travel.Document;
import io.travobooks.spi.travel.DocumentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules on what a booking carries beside its status, decided by the machine on the whole booking. */
class BookingRulesTest {
    private static final Instant NOW = Instant.parse("2026-03-10T06:00:00Z");
    private static final Instant TTL = NOW.plus(Duration.ofHours(20));
    private static final Document TICKET = Document.issued("1762000000001", DocumentType.TICKET, 2);
    private static final BookingTerms AGENCY_PAID = BookingTerms.bspAgent(bdt("0"), bdt("0"), bdt("0"));
    private static final BookingTerms DEPOSIT_PAID = AGENCY_PAID.settled(SettlementChannel.BSP,
            FormOfPayment.DEPOSIT, AccountingModel.AGENT, bdt("0"));
    private static final ExchangeOffer QUOTE = new ExchangeOffer("xq1", "PNR1", Set.of(TICKET.number()), "o2",
            bdt("4000"), bdt("1000"), NOW.plus(Duration.ofHours(1)));

    private static Money bdt(String amount) {
        return Money.of(amount, "BDT");
    }

    private static Booking booking(BookingStatus status, BookingTerms terms) {
        return new Booking(TenantId.of("t1"), "BK1", 3, "PNR1", "176", List.of(new Passenger("Rahim", "Uddin")),
                new Fare(bdt("40000"), bdt("5000"), bdt("6000")), terms, status, status instanceof BookingStatus.Issued
                issued ? issued.documents() : List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** The booking carrying an exchange quote and a posting that waits, as the service stores them. */
    private static Booking carrying(Booking b, Optional<ExchangeOffer> quote, Optional<Unposted> unposted) {
        return new Booking(b.tenant(), b.id(), b.version(), b.pnr(), b.airlinePrefix(), b.passengers(),
                b.farePerPassenger(), b.terms(), b.status(), b.documents(), b.depositHold(), quote,
                b.exchangeFollowOn(), unposted);
    }

    private static Booking issued() {
        return booking(new BookingStatus.Issued(List.of(TICKET), NOW), AGENCY_PAID);
    }

    private static ErrorCode refusal(Decision decision) {
        assertThat(decision).isInstanceOf(Decision.Rejected.class);
        return ((Decision.Rejected) decision).rejection().code();
    }

    @Test
    void aDepositIsHeldOnlyOnABookingPaidByDepositNotYetTicketedAndHoldingNone() {
        Booking held = booking(new BookingStatus.Held(TTL), DEPOSIT_PAID);

        Decision.Accepted accepted = (Decision.Accepted) BookingMachine.decide(held, new HoldDeposit("BK1.DH.d1"));
        assertThat(accepted.next()).isEqualTo(held.status());
        assertThat(accepted.effects()).contains(new BookingEffect.ReserveDeposit("BK1.DH.d1", TTL.plus(Duration.ofDays(30))));

        assertThat(refusal(BookingMachine.decide(booking(new BookingStatus.Held(TTL), AGENCY_PAID),
                new HoldDeposit("BK1.DH.d1")))).isEqualTo(BookingErrorCode.BOOKING_INVALID_COMMAND);
        Booking holding = new Booking(held.tenant(), held.id(), held.version(), held.pnr(), held.airlinePrefix(),
                held.passengers(), held.farePerPassenger(), DEPOSIT_PAID, held.status(), List.of(),
                Optional.of("BK1.DH.d0"), Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(refusal(BookingMachine.decide(holding, new HoldDeposit("BK1.DH.d1"))))
                .isEqualTo(BookingErrorCode.BOOKING_INVALID_COMMAND);
        assertThat(refusal(BookingMachine.decide(booking(new BookingStatus.Issued(List.of(TICKET), NOW),
                DEPOSIT_PAID), new HoldDeposit("BK1.DH.d1")))).isEqualTo(BookingErrorCode.BOOKING_ILLEGAL_TRANSITION);
    }

    @Test
    void anEmdWaitsForTheEarlierOneAndIsInTheBookingsCurrency() {
        assertThat(BookingMachine.decide(issued(), new RequestEmd("e1", bdt("6000"), false)))
                .isInstanceOf(Decision.Accepted.class);
        assertThat(refusal(BookingMachine.decide(issued(), new RequestEmd("e1", bdt("6000"), true))))
                .isEqualTo(BookingErrorCode.BOOKING_REQUEST_UNSETTLED);
        assertThat(refusal(BookingMachine.decide(issued(), new RequestEmd("e1", Money.of("50", "USD"), false))))
                .isEqualTo(BookingErrorCode.BOOKING_INVALID_COMMAND);
    }

    @Test
    void aBookingWhosePostingWaitsAsksTheSupplierForNothingMore() {
        Booking waiting = carrying(issued(), Optional.empty(),
                Optional.of(new Unposted(PostingEvent.ISSUE, "period closed", NOW)));

        assertThat(refusal(BookingMachine.decide(waiting, new RequestVoid(VoidWindow.sameDay(ZoneId.of("Asia/Dhaka")),
                NOW)))).isEqualTo(BookingErrorCode.BOOKING_POSTING_PENDING);
        assertThat(refusal(BookingMachine.decide(waiting, new RequestExchangeQuote("o2", Set.of(TICKET.number())))))
                .isEqualTo(BookingErrorCode.BOOKING_POSTING_PENDING);
    }

    @Test
    void anExchangeQuoteIsConfirmedOnlyWhereItFits() {
        Booking quoted = carrying(issued(), Optional.of(QUOTE), Optional.empty());

        assertThat(BookingMachine.decide(quoted, new ConfirmExchange("xq1", "BK1X", false)))
                .isInstanceOf(Decision.Accepted.class);
        assertThat(refusal(BookingMachine.decide(quoted, new ConfirmExchange("xq9", "BK1X", false))))
                .as("no such quote").isEqualTo(BookingErrorCode.BOOKING_REQUEST_MISMATCH);
        assertThat(refusal(BookingMachine.decide(quoted, new ConfirmExchange("xq1", "BK1X", true))))
                .as("the follow-on id is taken").isEqualTo(BookingErrorCode.BOOKING_INVALID_COMMAND);
        Document partlyRefunded = new Document(TICKET.number(), DocumentType.TICKET,
                List.of(CouponStatus.REFUNDED, CouponStatus.OPEN));
        Booking partial = carrying(booking(new BookingStatus.Issued(List.of(partlyRefunded), NOW),
                AGENCY_PAID), Optional.of(QUOTE), Optional.empty());
        assertThat(refusal(BookingMachine.decide(partial, new ConfirmExchange("xq1", "BK1X", false))))
                .as("the quoted ticket is no longer open").isEqualTo(BookingErrorCode.BOOKING_REQUEST_MISMATCH);
    }

    @Test
    void theChosenTicketsAreExchangedWhateverBecameOfTheOthers() {
        Document refunded = Document.issued("1762000000002", DocumentType.TICKET, 2)
                .withAllCoupons(CouponStatus.REFUNDED);
        Booking partlyRefunded = booking(new BookingStatus.Issued(List.of(TICKET, refunded), NOW), AGENCY_PAID);

        Decision quote = BookingMachine.decide(partlyRefunded, new RequestExchangeQuote("o2", Set.of(TICKET.number())));
        assertThat(quote).as("the open ticket of a partly refunded booking").isInstanceOf(Decision.Accepted.class);
        Decision refusedQuote = BookingMachine.decide(partlyRefunded,
                new RequestExchangeQuote("o2", Set.of(refunded.number())));
        assertThat(refusal(refusedQuote)).as("refused before the airline is asked")
                .isEqualTo(BookingErrorCode.BOOKING_COUPON_NOT_OPEN);
        assertThat(((Decision.Rejected) refusedQuote).rejection().detail()).as("naming the ticket, not the booking")
                .contains("ticket " + refunded.number()).contains("REFUNDED");
        assertThat(refusal(BookingMachine.decide(partlyRefunded, new RequestExchangeQuote("o2",
                Set.of("1769999999999"))))).isEqualTo(BookingErrorCode.BOOKING_INVALID_COMMAND);
    }

    @Test
    void exchangingSomeOfTheOpenTicketsKeepsTheBookingIssuedWithTheOthersOpen() {
        Document second = Document.issued("1762000000002", DocumentType.TICKET, 2);
        Document reissued = Document.issued("1762000000009", DocumentType.TICKET, 2);
        BookingStatus.Issued issued = new BookingStatus.Issued(List.of(TICKET, second), NOW);

        Decision.Accepted some = (Decision.Accepted) BookingMachine.decide(issued,
                new BookingCommand.ExchangeConfirmed(Set.of(second.number()), List.of(reissued), NOW));
        assertThat(some.next()).isEqualTo(new BookingStatus.Issued(List.of(TICKET,
                second.withAllCoupons(CouponStatus.EXCHANGED)), NOW));

        Decision.Accepted all = (Decision.Accepted) BookingMachine.decide(issued,
                new BookingCommand.ExchangeConfirmed(Set.of(TICKET.number(), second.number()), List.of(reissued), NOW));
        assertThat(all.next()).isInstanceOf(BookingStatus.Exchanged.class);
    }

    @Test
    void aRepricedFareInAnotherCurrencyIsRefusedAfterTheStatusRules() {
        Booking held = booking(new BookingStatus.Held(TTL), AGENCY_PAID);
        Currency usd = Currency.getInstance("USD");

        assertThat(refusal(BookingMachine.decide(held, new BookingCommand.Price(NOW.plusSeconds(600), NOW,
                Optional.of(usd))))).isEqualTo(BookingErrorCode.BOOKING_INVALID_COMMAND);
        assertThat(BookingMachine.decide(held, new BookingCommand.Price(NOW.plusSeconds(600), NOW,
                Optional.of(Currency.getInstance("BDT"))))).isInstanceOf(Decision.Accepted.class);
        assertThat(refusal(BookingMachine.decide(issued(), new BookingCommand.Price(NOW.plusSeconds(600), NOW,
                Optional.of(usd))))).as("the status decides first").isEqualTo(BookingErrorCode.BOOKING_ILLEGAL_TRANSITION);
    }

    @Test
    void onlyAnIssueOrAVoidWaitingForTheLedgerIsPostedAgainWithoutTheAirline() {
        assertThat(BookingMachine.checkRepost(carrying(issued(), Optional.empty(),
                Optional.of(new Unposted(PostingEvent.ISSUE, "period closed", NOW))))).isEmpty();
        assertThat(BookingMachine.checkRepost(carrying(issued(), Optional.empty(),
                Optional.of(new Unposted(PostingEvent.EMD, "period closed", NOW)))))
                .hasValueSatisfying(rejection -> assertThat(rejection.code())
                        .isEqualTo(BookingErrorCode.BOOKING_POSTING_PENDING));
    }
}
