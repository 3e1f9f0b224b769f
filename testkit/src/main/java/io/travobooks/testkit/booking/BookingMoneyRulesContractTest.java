package io.travobooks.testkit.booking;

import io.travobooks.booking.BookingErrorCode;
import io.travobooks.booking.BookingState;
import io.travobooks.booking.BookingStatus;
import io.travobooks.booking.posting.BillingCalendar;
import io.travobooks.booking.posting.PostingRuleTemplates;
import io.travobooks.booking.service.Booking;
import io.travobooks.booking.service.BookingAccounting;
import io.travobooks.booking.service.BookingTerms;
import io.travobooks.booking.service.Commission;
import io.travobooks.booking.service.CommissionRule;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.Money;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.supplier.ExchangeOffer;
import io.travobooks.spi.supplier.Fare;
import io.travobooks.spi.supplier.Offer;
import io.travobooks.spi.travel.CouponStatus;
import io.travobooks.spi.travel.Document;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Set;

import static io.travobooks.testkit.ledger.LedgerFixture.bdt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The money rules of bookings an implementation runs beside {@link BookingServiceContractTest}: commission rules,
 * what a refund owes the customer, exchanges of chosen tickets and the BSP billing period of every line.
 */
public abstract class BookingMoneyRulesContractTest extends BookingContractBase {
    private static final Currency BDT = Currency.getInstance("BDT");

    @Test
    void theRefundOwedOnAQuoteIsWhatTheRefundPostsToRefundsPayable() {
        priced("BK1", RAHIM, KARIM);
        Booking issued = service.issue(context, "BK1", "key-1").orThrow();
        fixture.clock.advance(Duration.ofDays(2));
        Set<String> tickets = Set.copyOf(issued.documents().stream().map(Document::number).toList());

        Booking quoted = service.quoteRefund(context, "BK1", tickets).orThrow();
        // two tickets of 54,000 less the 5,000 penalty each: 98,000 back from the airline; less the 500 refund fee
        // and its 75 VAT on each ticket: 98,000 - 1,150 = 96,850
        assertThat(quoted.refundToCustomer()).contains(bdt("96850"));
        assertThat(service.find(context, "BK1").orElseThrow().refundToCustomer()).contains(bdt("96850"));
        assertThat(issued.refundToCustomer()).as("no quote, nothing owed").isEmpty();
        Booking refunded = service.confirmRefund(context, "BK1",
                ((BookingStatus.RefundQuoted) quoted.status()).quote().quoteId()).orThrow();

        // the default rules credit what the customer gets back to refunds payable (2250)
        assertThat(balance("2250")).isEqualTo(quoted.refundToCustomer().orElseThrow());
        assertThat(refunded.refundToCustomer()).isEmpty();
    }

    /** Emirates (176) pays 7% of the base fare, any other airline nothing. */
    private static CommissionRule sevenPercentOnEmirates() {
        return CommissionRule.builder(Commission.fixed(bdt("0")))
                .airline("176", Commission.percent(new BigDecimal("7")))
                .build().orThrow();
    }

    /** The worked example's terms with no commission of their own: a rule gives it. */
    private static BookingTerms termsWithoutCommission() {
        return BookingTerms.bspAgent(bdt("0"), bdt("1000"), bdt("150")).withRefundFee(bdt("500"), bdt("75"));
    }

    @Test
    void aSevenPercentRulePostsWhatTheEquivalentFixedAmountPosts() {
        service.hold(context, "BK1", offer(), List.of(RAHIM), terms()).orThrow();
        Booking byRule = service.hold(context, "BK2", offer(), List.of(RAHIM), termsWithoutCommission(),
                sevenPercentOnEmirates()).orThrow();
        // 7% of the 40,000 base is 2,800: the fixed commission of terms()
        assertThat(byRule.terms().commission()).isEqualTo(bdt("2800"));
        assertThat(byRule.terms().commissionPercent()).contains(new BigDecimal("7"));
        assertThat(service.find(context, "BK2").orElseThrow()).isEqualTo(byRule);
        for (String id : List.of("BK1", "BK2")) {
            service.price(context, id).orThrow();
            service.issue(context, id, "key-" + id).orThrow();
        }
        String fixedTicket = ticketOf("BK1");
        String ruleTicket = ticketOf("BK2");

        // docs/accounting.md's issue row: 55,150 = 54,000 + 1,000 + 150; 51,200 = 54,000 - 2,800
        List<String> issueRow = List.of("1100 Dr 55150", "2100 Cr 51200", "4100 Cr 2800", "4300 Cr 1000",
                "2300 Cr 150");
        assertThat(lines("BK1.IS." + fixedTicket + ".0")).containsExactlyInAnyOrderElementsOf(issueRow);
        assertThat(lines("BK2.IS." + ruleTicket + ".0")).containsExactlyInAnyOrderElementsOf(issueRow);
        assertThat(balance("4100")).isEqualTo(bdt("5600"));

        fixture.clock.advance(Duration.ofDays(2));
        // the refund row: 7% of the 35,000 refunded base (40,000 less the 5,000 penalty) is recalled, 2,450
        List<String> refundRow = List.of("2100 Dr 46550", "4100 Dr 2450", "2250 Cr 48425", "4310 Cr 500",
                "2300 Cr 75");
        for (String id : List.of("BK1", "BK2")) {
            String ticket = ticketOf(id);
            Booking quoted = service.quoteRefund(context, id, Set.of(ticket)).orThrow();
            Booking refunded = service.confirmRefund(context, id,
                    ((BookingStatus.RefundQuoted) quoted.status()).quote().quoteId()).orThrow();
            assertThat(lines(id + ".RF" + refunded.version() + "." + ticket + ".0")).as(id)
                    .containsExactlyInAnyOrderElementsOf(refundRow);
        }
    }

    @Test
    void aPercentageCommissionFollowsAFareChangedAtPricing() {
        Booking held = service.hold(context, "BK1", offer(), List.of(RAHIM), termsWithoutCommission(),
                sevenPercentOnEmirates()).orThrow();
        airline.changeFare(held.pnr(), new Fare(bdt("41000"), bdt("8000"), bdt("6000")));

        Booking priced = service.price(context, "BK1").orThrow();
        service.issue(context, "BK1", "key-1").orThrow();

        // 7% of the new 41,000 base is 2,870; BSP gets 41,000 + 8,000 + 6,000 - 2,870 = 52,130
        assertThat(priced.terms().commission()).isEqualTo(bdt("2870"));
        assertThat(service.find(context, "BK1").orElseThrow().terms()).isEqualTo(priced.terms());
        assertThat(balance("4100")).isEqualTo(bdt("2870"));
        assertThat(balance("2100")).isEqualTo(bdt("52130"));
    }

    @Test
    void aCommissionRuleInAnotherCurrencyIsRefusedBeforeTheAirlineHoldsAnything() {
        CommissionRule inDollars = CommissionRule.builder(Commission.fixed(Money.of("25", "USD"))).build().orThrow();
        String offer = offer();

        assertThat(code(service.hold(context, "BK1", offer, List.of(RAHIM), terms(), inDollars)))
                .isEqualTo(BookingErrorCode.BOOKING_CURRENCY_MISMATCH);
        assertThat(service.find(context, "BK1")).isEmpty();
        assertThat(service.hold(context, "BK1", offer, List.of(RAHIM), terms(), sevenPercentOnEmirates()).isOk())
                .as("the offer was not used up by a hold").isTrue();
    }

    @Test
    void theOpenTicketOfAPartlyRefundedBookingIsExchangedOnItsOwn() {
        priced("BK1", RAHIM, KARIM);
        Booking issued = service.issue(context, "BK1", "key-1").orThrow();
        Document refunded = issued.documents().getFirst();
        Document open = issued.documents().get(1);
        Booking quoted = service.quoteRefund(context, "BK1", Set.of(refunded.number())).orThrow();
        service.confirmRefund(context, "BK1", ((BookingStatus.RefundQuoted) quoted.status()).quote().quoteId())
                .orThrow();
        Offer dearer = airline.offerAt("DAC", "DXB", LocalDate.of(2026, 4, 5),
                new Fare(bdt("42000"), bdt("8000"), bdt("6000")));

        Outcome<ExchangeOffer> refusedQuote = service.quoteExchange(context, "BK1", dearer.offerId(),
                Set.of(refunded.number()));
        assertThat(code(refusedQuote)).as("refused before the airline is asked")
                .isEqualTo(BookingErrorCode.BOOKING_COUPON_NOT_OPEN);
        assertThat(((Outcome.Refused<ExchangeOffer>) refusedQuote).rejection().detail())
                .as("naming the refunded ticket").contains(refunded.number());
        ExchangeOffer quote = service.quoteExchange(context, "BK1", dearer.offerId()).orThrow();
        assertThat(quote.documentNumbers()).as("all open tickets: the one left").containsExactly(open.number());
        Booking followOn = service.confirmExchange(context, "BK1", quote.quoteId(), "BK1X").orThrow();

        assertThat(followOn.documents()).hasSize(1);
        assertThat(followOn.passengers()).containsExactly(KARIM);
        Booking original = service.find(context, "BK1").orElseThrow();
        assertThat(original.status().state()).isEqualTo(BookingState.EXCHANGED);
        assertThat(original.documents()).filteredOn(d -> d.number().equals(refunded.number()))
                .allSatisfy(d -> assertThat(d.coupons()).containsOnly(CouponStatus.REFUNDED));
    }

    @Test
    void oneOfTwoOpenTicketsIsExchangedAndTheBookingStaysIssuedWithTheOther() {
        priced("BK1", RAHIM, KARIM);
        Booking issued = service.issue(context, "BK1", "key-1").orThrow();
        Document kept = issued.documents().getFirst();
        Document changed = issued.documents().get(1);
        Offer dearer = airline.offerAt("DAC", "DXB", LocalDate.of(2026, 4, 5),
                new Fare(bdt("42000"), bdt("8000"), bdt("6000")));
        long bspBefore = balance("2100").minor();

        ExchangeOffer quote = service.quoteExchange(context, "BK1", dearer.offerId(), Set.of(changed.number()))
                .orThrow();
        Booking followOn = service.confirmExchange(context, "BK1", quote.quoteId(), "BK1X").orThrow();

        assertThat(quote.documentNumbers()).containsExactly(changed.number());
        assertThat(followOn.documents()).as("one new ticket").hasSize(1);
        assertThat(followOn.passengers()).as("the second ticket is the second passenger's").containsExactly(KARIM);
        Booking original = service.find(context, "BK1").orElseThrow();
        assertThat(original.status().state()).isEqualTo(BookingState.ISSUED);
        assertThat(original.exchangeFollowOn()).isEmpty();
        assertThat(original.documents()).filteredOn(d -> d.number().equals(kept.number()))
                .allSatisfy(d -> assertThat(d.allCouponsOpen()).isTrue());
        assertThat(original.documents()).filteredOn(d -> d.number().equals(changed.number()))
                .allSatisfy(d -> assertThat(d.coupons()).containsOnly(CouponStatus.EXCHANGED));
        // One reissue: BSP is owed the one ticket's fare difference and change penalty less the commission on the
        // difference, 4,860, as in the single-passenger exchange (the full exchange of two tickets owes twice that).
        assertThat(balance("2100").minor() - bspBefore).isEqualTo(bdt("4860").minor());
        assertThat(service.quoteExchange(context, "BK1", dearer.offerId()).orThrow().documentNumbers())
                .as("the other ticket can still be exchanged").containsExactly(kept.number());
    }

    @Test
    void everyBspLineCarriesTheBillingPeriodOfItsDay() {
        priced("BK1", RAHIM);
        service.issue(context, "BK1", "key-1").orThrow(); // on the 10th: the first half of March
        fixture.clock.advance(Duration.ofDays(10));
        service.issueEmd(context, "BK1", bdt("6000"), "XBAG", "emd-1").orThrow(); // on the 20th: the second half
        BookingAccounting accounting = new BookingAccounting(bookingStore(), fixture.ledger,
                tenant -> PostingRuleTemplates.travelAgency());

        // The issue owes BSP the fare less commission, 51,200; the EMD its 6,000 (docs/accounting.md).
        assertThat(accounting.billingPeriodDue(context, AccountId.of("2100"), BDT, "2026-03-P1").orThrow())
                .isEqualTo(bdt("51200"));
        assertThat(accounting.billingPeriodDue(context, AccountId.of("2100"), BDT, "2026-03-P2").orThrow())
                .isEqualTo(bdt("6000"));
        assertThat(balance("2100")).as("the two periods make the payable").isEqualTo(bdt("57200"));

        // The same, period by period over a range, with when each must be paid when the calendar says.
        BookingAccounting dated = new BookingAccounting(bookingStore(), fixture.ledger, tenant -> PostingRuleTemplates
                .travelAgency().withBillingCalendar(BillingCalendar.semiMonthly().withRemittanceDays(10)));
        List<BookingAccounting.PeriodDue> periods = dated.billingPeriods(context, AccountId.of("2100"), BDT,
                LocalDate.of(2026, 2, 27), LocalDate.of(2026, 3, 20)).orThrow();
        assertThat(periods).extracting(BookingAccounting.PeriodDue::period)
                .containsExactly("2026-02-P2", "2026-03-P1", "2026-03-P2");
        assertThat(periods).extracting(BookingAccounting.PeriodDue::due)
                .containsExactly(bdt("0"), bdt("51200"), bdt("6000"));
        assertThat(periods.get(1).firstDay()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(periods.get(1).lastDay()).isEqualTo(LocalDate.of(2026, 3, 15));
        assertThat(periods.get(1).remittanceDue()).contains(LocalDate.of(2026, 3, 25));
        assertThat(accounting.billingPeriods(context, AccountId.of("2100"), BDT, LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 3, 1)).orThrow().getFirst().remittanceDue()).as("not said").isEmpty();
        assertThat(accounting.billingPeriods(context, AccountId.of("2100"), BDT, LocalDate.of(2026, 3, 2),
                LocalDate.of(2026, 3, 1)).isOk()).isFalse();
        LocalDate first = LocalDate.of(2026, 1, 1);
        int most = BookingAccounting.MAX_PERIOD_RANGE_DAYS;
        assertThat(accounting.billingPeriods(context, AccountId.of("2100"), BDT, first, first.plusDays(most - 1))
                .isOk()).as("%d days, both ends included", most).isTrue();
        assertThat(accounting.billingPeriods(context, AccountId.of("2100"), BDT, first, first.plusDays(most))
                .isOk()).as("one day more").isFalse();
    }
}
