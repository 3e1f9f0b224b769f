package io.travobooks.supplier.sim;

import io.travobooks.spi.Money;
import io.travobooks.spi.supplier.ExchangeOffer;
import io.travobooks.spi.supplier.Fare;
import io.travobooks.spi.supplier.Offer;
import io.travobooks.spi.supplier.Passenger;
import io.travobooks.spi.supplier.RefundOffer;
import io.travobooks.spi.supplier.SupplierOrder;
import io.travobooks.spi.supplier.SupplierResult;
import io.travobooks.spi.travel.CouponStatus;
import io.travobooks.spi.travel.Document;
import io.travobooks.spi.travel.DocumentType;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedAirlineTest {
    /** 10:00 in Dhaka. */
    private static final Instant MORNING = Instant.parse("2026-03-10T04:00:00Z");
    private static final List<Passenger> TWO = List.of(new Passenger("Rahim", "Uddin"), new Passenger("Karima", "Begum"));

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(MORNING);

        void advance(Duration duration) {
            now.updateAndGet(instant -> instant.plus(duration));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final HandClock clock = new HandClock();
    private final SimulatedAirline airline = new SimulatedAirline(SimulationOptions.emiratesDhaka(42), clock);

    @SuppressWarnings("unchecked")
    private static <T> T success(SupplierResult<T> result) {
        assertThat(result).isInstanceOf(SupplierResult.Success.class);
        return ((SupplierResult.Success<T>) result).value();
    }

    private static String code(SupplierResult<?> result) {
        assertThat(result).isInstanceOf(SupplierResult.Refused.class);
        return ((SupplierResult.Refused<?>) result).code();
    }

    private SupplierOrder priced(SimulatedAirline on) {
        Offer offer = on.search("DAC", "DXB", LocalDate.of(2026, 4, 1)).getFirst();
        SupplierOrder held = success(on.hold(offer.offerId(), TWO));
        return success(on.price(held.pnr()));
    }

    @Test
    void anOfferIsFoundUntilItExpires() {
        Offer offer = airline.search("DAC", "DXB", LocalDate.of(2026, 4, 1)).getFirst();
        assertThat(success(airline.offer(offer.offerId()))).isEqualTo(offer);
        assertThat(code(airline.offer("OF-NONE"))).isEqualTo("OFFER_EXPIRED");
        clock.advance(Duration.ofMinutes(31)); // an offer lives 30 minutes
        assertThat(code(airline.offer(offer.offerId()))).isEqualTo("OFFER_EXPIRED");
    }

    @Test
    void aPricedOrderIssuesOneTicketPerPassengerWithConsecutiveNumbersAndTheAirlinePrefix() {
        SupplierOrder order = priced(airline);

        SupplierOrder issued = success(airline.issue(order.pnr(), "req-1"));

        assertThat(issued.status()).isEqualTo(SupplierOrder.Status.ISSUED);
        assertThat(issued.documents()).hasSize(2).allSatisfy(document -> {
            assertThat(document.number()).hasSize(13).startsWith("176");
            assertThat(document.coupons()).containsExactly(CouponStatus.OPEN);
        });
        long first = Long.parseLong(issued.documents().get(0).number());
        assertThat(Long.parseLong(issued.documents().get(1).number())).isEqualTo(first + 1);
        assertThat(success(airline.retrieveByRequest("req-1")).pnr()).isEqualTo(order.pnr());
        assertThat(success(airline.retrieveByDocument(issued.documents().get(1).number())).pnr()).isEqualTo(order.pnr());
        assertThat(order.offer().farePerPassenger().total()).isEqualTo(Money.of("54000", "BDT"));
    }

    @Test
    void aTimeoutIssuesOnTheAirlineSideAndALostRequestDoesNot() {
        SupplierOrder timedOut = priced(airline);
        airline.failNext(SimulatedFault.TIMEOUT);
        assertThat(airline.issue(timedOut.pnr(), "req-t")).isInstanceOf(SupplierResult.Unknown.class);
        assertThat(success(airline.retrieveByRequest("req-t")).documents()).hasSize(2);

        SupplierOrder lost = priced(airline);
        airline.failNext(SimulatedFault.LOST);
        assertThat(airline.issue(lost.pnr(), "req-l")).isInstanceOf(SupplierResult.Unknown.class);
        assertThat(code(airline.retrieveByRequest("req-l"))).isEqualTo("NOT_FOUND");
        assertThat(success(airline.retrieve(lost.pnr())).status()).isEqualTo(SupplierOrder.Status.HELD);
    }

    @Test
    void reSendingAnIssueBlindlyIssuesTwice() {
        SupplierOrder order = priced(airline);
        airline.failNext(SimulatedFault.TIMEOUT);
        airline.issue(order.pnr(), "req-1");

        SupplierOrder twice = success(airline.issue(order.pnr(), "req-1"));

        assertThat(twice.documents()).as("the duplicate tickets a reconciler exists to prevent").hasSize(4);
        assertThat(twice.issueRequestIds()).containsExactly("req-1", "req-1");
    }

    @Test
    void timeLimitsAreEnforced() {
        SupplierOrder order = priced(airline);
        clock.advance(Duration.ofHours(3)); // past the two-hour price guarantee

        assertThat(code(airline.issue(order.pnr(), "req-1"))).isEqualTo("TIME_LIMIT");
        success(airline.price(order.pnr()));
        clock.advance(Duration.ofHours(22)); // past the 24-hour hold
        assertThat(code(airline.price(order.pnr()))).isEqualTo("NOT_HELD");
    }

    @Test
    void voidsAreAllowedOnTheIssueDayInDhakaWhileEveryCouponIsOpen() {
        SupplierOrder tonight = priced(airline);
        clock.advance(Duration.ofHours(13)); // 23:00 in Dhaka
        success(airline.price(tonight.pnr()));
        success(airline.issue(tonight.pnr(), "req-n"));
        clock.advance(Duration.ofHours(1)); // 00:00 the next day in Dhaka
        assertThat(code(airline.voidDocuments(tonight.pnr()))).isEqualTo("VOID_WINDOW_CLOSED");

        SupplierOrder checkedIn = priced(airline);
        List<Document> documents = success(airline.issue(checkedIn.pnr(), "req-c")).documents();
        airline.checkIn(documents.getFirst().number());
        assertThat(code(airline.voidDocuments(checkedIn.pnr()))).isEqualTo("COUPON_NOT_OPEN");

        SupplierOrder fine = priced(airline);
        success(airline.issue(fine.pnr(), "req-f"));
        SupplierOrder voided = success(airline.voidDocuments(fine.pnr()));
        assertThat(voided.status()).isEqualTo(SupplierOrder.Status.VOIDED);
        assertThat(voided.documents()).allSatisfy(d -> assertThat(d.coupons()).containsOnly(CouponStatus.VOID));
    }

    @Test
    void aRefundIsQuotedWithThePenaltyThenConfirmedPerDocument() {
        SupplierOrder order = priced(airline);
        List<Document> documents = success(airline.issue(order.pnr(), "req-1")).documents();

        RefundOffer one = success(airline.refundQuote(order.pnr(), Set.of(documents.get(0).number())));
        assertThat(one.refundable()).isEqualTo(Money.of("49000", "BDT")); // 54,000 less the 5,000 penalty
        assertThat(one.penalty()).isEqualTo(Money.of("5000", "BDT"));
        SupplierOrder partly = success(airline.refundConfirm(order.pnr(), one.quoteId()));
        assertThat(partly.status()).isEqualTo(SupplierOrder.Status.ISSUED);
        assertThat(success(airline.refundConfirm(order.pnr(), one.quoteId())).documents().get(1).coupons())
                .as("a confirmation sent again refunds nothing more").containsOnly(CouponStatus.OPEN);

        RefundOffer rest = success(airline.refundQuote(order.pnr(), Set.of(documents.get(1).number())));
        assertThat(success(airline.refundConfirm(order.pnr(), rest.quoteId())).status())
                .isEqualTo(SupplierOrder.Status.REFUNDED);
    }

    @Test
    void aRefundConfirmationSentAgainIsAcknowledgedAndAVoidedTicketCannotBeRefunded() {
        SupplierOrder order = priced(airline);
        List<Document> documents = success(airline.issue(order.pnr(), "req-1")).documents();
        RefundOffer quote = success(airline.refundQuote(order.pnr(), Set.of(documents.get(0).number())));
        airline.failNext(SimulatedFault.TIMEOUT);
        assertThat(airline.refundConfirm(order.pnr(), quote.quoteId())).isInstanceOf(SupplierResult.Unknown.class);

        SupplierOrder again = success(airline.refundConfirm(order.pnr(), quote.quoteId()));
        assertThat(again.documents().get(0).coupons()).containsOnly(CouponStatus.REFUNDED);

        SupplierOrder other = priced(airline);
        List<Document> otherDocuments = success(airline.issue(other.pnr(), "req-2")).documents();
        RefundOffer stale = success(airline.refundQuote(other.pnr(), Set.of(otherDocuments.get(0).number())));
        success(airline.voidDocuments(other.pnr()));
        assertThat(code(airline.refundConfirm(other.pnr(), stale.quoteId()))).isEqualTo("NOT_REFUNDABLE");
    }

    @Test
    void aHoldPastItsTimeLimitExpiresOnItsOwn() {
        SupplierOrder order = priced(airline);
        clock.advance(Duration.ofHours(24));

        assertThat(success(airline.retrieve(order.pnr())).status()).isEqualTo(SupplierOrder.Status.EXPIRED);
        assertThat(code(airline.cancel(order.pnr()))).isEqualTo("NOT_HELD");
    }

    @Test
    void theSameSeedGivesTheSameOutcomesInTheSameCallOrder() {
        SimulationOptions flaky = SimulationOptions.emiratesDhaka(7).withFaults(0.2, 0.2, 0.2);

        assertThat(outcomes(new SimulatedAirline(flaky, new HandClock())))
                .isEqualTo(outcomes(new SimulatedAirline(flaky, new HandClock())))
                .isNotEqualTo(outcomes(new SimulatedAirline(SimulationOptions.emiratesDhaka(8)
                        .withFaults(0.2, 0.2, 0.2), new HandClock())));
    }

    private static List<String> outcomes(SimulatedAirline on) {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Offer offer = on.search("DAC", "DXB", LocalDate.of(2026, 4, 1)).getFirst();
            SupplierResult<SupplierOrder> held = on.hold(offer.offerId(), TWO);
            seen.add(held.getClass().getSimpleName()
                    + (held instanceof SupplierResult.Success<SupplierOrder> ok ? ok.value().pnr() : ""));
        }
        return seen;
    }

    @Test
    void latencyDelaysEveryCall() {
        SimulatedAirline slow = new SimulatedAirline(SimulationOptions.builder().seed(1)
                .latency(Duration.ofMillis(30)).build(), clock);
        long started = System.nanoTime();

        slow.search("DAC", "DXB", LocalDate.of(2026, 4, 1));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(30));
    }

    @Test
    void anExchangeQuotesTheFareDifferenceAndPenaltyThenReissues() {
        SupplierOrder issued = success(airline.issue(priced(airline).pnr(), "req-1"));
        String old = issued.documents().getFirst().number();
        Fare dearer = new Fare(Money.of("42000", "BDT"), Money.of("8000", "BDT"), Money.of("6000", "BDT"));
        Offer newOffer = airline.offerAt("DAC", "DXB", LocalDate.of(2026, 4, 5), dearer);

        ExchangeOffer quote = success(airline.exchangeQuote(issued.pnr(), Set.of(old), newOffer.offerId()));
        // docs/accounting.md: fare difference 2,000 + change penalty 3,000
        assertThat(quote.fareDifference()).isEqualTo(Money.of("2000", "BDT"));
        assertThat(quote.changePenalty()).isEqualTo(Money.of("3000", "BDT"));
        SupplierOrder exchanged = success(airline.exchangeConfirm(issued.pnr(), quote.quoteId()));

        assertThat(exchanged.documents()).hasSize(3);
        assertThat(exchanged.documents().getFirst().coupons()).containsOnly(CouponStatus.EXCHANGED);
        assertThat(exchanged.documents().getLast().allCouponsOpen()).isTrue();
        assertThat(exchanged.offer()).isEqualTo(newOffer);
        assertThat(success(airline.exchangeConfirm(issued.pnr(), quote.quoteId()))).as("sent again")
                .isEqualTo(exchanged);
        assertThat(code(airline.exchangeQuote(issued.pnr(), Set.of(old), newOffer.offerId())))
                .as("an exchanged ticket").isEqualTo("NOT_EXCHANGEABLE");
    }

    /** Base 30,000 + YQ 5,000 + taxes 3,650 (BD 500, E5 150, OW 2,000, UT 1,000) = 38,650 BDT. */
    private static final Fare KUALA_LUMPUR = new Fare(Money.of("30000", "BDT"), Money.of("5000", "BDT"),
            Money.of("3650", "BDT"), Map.of("BD", Money.of("500", "BDT"), "UT", Money.of("1000", "BDT"),
            "E5", Money.of("150", "BDT"), "OW", Money.of("2000", "BDT")));

    /** The preset with Dhaka-Kuala Lumpur at its own fare, a 4,000 refund and a 2,500 change penalty. */
    private final SimulatedAirline withRoute = new SimulatedAirline(SimulationOptions.builder().seed(42)
            .route("DAC", "KUL", KUALA_LUMPUR, Money.of("4000", "BDT"), Money.of("2500", "BDT")).build(), clock);

    private SupplierOrder issuedOn(SimulatedAirline on, String origin, String destination) {
        Offer offer = on.search(origin, destination, LocalDate.of(2026, 4, 1)).getFirst();
        SupplierOrder held = success(on.hold(offer.offerId(), TWO));
        success(on.price(held.pnr()));
        return success(on.issue(held.pnr(), "req-" + held.pnr()));
    }

    @Test
    void aDefinedRouteIsOfferedAtItsFareAndRefundedAndExchangedWithItsPenalties() {
        Offer offer = withRoute.search("DAC", "KUL", LocalDate.of(2026, 4, 1)).getFirst();
        assertThat(offer.segments().getFirst().destination()).isEqualTo("KUL");
        assertThat(offer.farePerPassenger().base()).isEqualTo(Money.of("30000", "BDT"));
        assertThat(offer.farePerPassenger().carrierSurcharges()).isEqualTo(Money.of("5000", "BDT"));
        assertThat(offer.farePerPassenger().taxesByCode()).containsExactly(Map.entry("BD", Money.of("500", "BDT")),
                Map.entry("E5", Money.of("150", "BDT")), Map.entry("OW", Money.of("2000", "BDT")),
                Map.entry("UT", Money.of("1000", "BDT")));
        assertThat(offer.farePerPassenger().total()).isEqualTo(Money.of("38650", "BDT"));

        SupplierOrder issued = issuedOn(withRoute, "DAC", "KUL");
        Set<String> both = Set.of(issued.documents().get(0).number(), issued.documents().get(1).number());
        RefundOffer refund = success(withRoute.refundQuote(issued.pnr(), both));
        assertThat(refund.refundable()).isEqualTo(Money.of("69300", "BDT")); // 2 x (38,650 - 4,000)
        assertThat(refund.penalty()).isEqualTo(Money.of("8000", "BDT")); // 2 x 4,000

        Offer dearer = withRoute.offerAt("DAC", "KUL", LocalDate.of(2026, 4, 5), new Fare(Money.of("33000", "BDT"),
                Money.of("5000", "BDT"), Money.of("3650", "BDT")));
        ExchangeOffer exchange = success(withRoute.exchangeQuote(issued.pnr(),
                Set.of(issued.documents().getFirst().number()), dearer.offerId()));
        assertThat(exchange.fareDifference()).isEqualTo(Money.of("3000", "BDT")); // 41,650 - 38,650
        assertThat(exchange.changePenalty()).isEqualTo(Money.of("2500", "BDT")); // the route's, not the default 3,000
    }

    @Test
    void aRouteNotDefinedKeepsTheDefaultFareAndPenalties() {
        SupplierOrder issued = issuedOn(withRoute, "DAC", "DXB");
        assertThat(issued.offer().farePerPassenger().total()).isEqualTo(Money.of("54000", "BDT"));

        RefundOffer refund = success(withRoute.refundQuote(issued.pnr(), Set.of(issued.documents().getFirst()
                .number())));
        assertThat(refund.refundable()).isEqualTo(Money.of("49000", "BDT")); // 54,000 - 5,000
        assertThat(refund.penalty()).isEqualTo(Money.of("5000", "BDT"));
        Offer kualaLumpur = withRoute.search("DAC", "KUL", LocalDate.of(2026, 4, 5)).getFirst();
        ExchangeOffer exchange = success(withRoute.exchangeQuote(issued.pnr(),
                Set.of(issued.documents().getFirst().number()), kualaLumpur.offerId()));
        assertThat(exchange.fareDifference()).as("38,650 is less than 54,000").isEqualTo(Money.of("0", "BDT"));
        assertThat(exchange.changePenalty()).as("the penalty of the tickets' route").isEqualTo(Money.of("3000", "BDT"));
    }

    @Test
    void anExchangeIntoAnotherCurrencyIsRefused() {
        Fare dubaiDhaka = new Fare(Money.of("1200", "AED"), Money.of("300", "AED"), Money.of("110", "AED"));
        SimulatedAirline airline = new SimulatedAirline(SimulationOptions.builder().seed(42)
                .route("DXB", "DAC", dubaiDhaka, Money.of("200", "AED"), Money.of("150", "AED")).build(), clock);
        SupplierOrder issued = issuedOn(airline, "DAC", "DXB");
        Offer back = airline.search("DXB", "DAC", LocalDate.of(2026, 4, 5)).getFirst();
        assertThat(back.farePerPassenger().total()).isEqualTo(Money.of("1610", "AED")); // 1,200 + 300 + 110

        assertThat(code(airline.exchangeQuote(issued.pnr(), Set.of(issued.documents().getFirst().number()),
                back.offerId()))).isEqualTo("NOT_EXCHANGEABLE");
    }

    @Test
    void anEmdIsIssuedPerPassengerOnAnIssuedOrderOnly() {
        SupplierOrder held = priced(airline);
        assertThat(code(airline.issueEmd(held.pnr(), "emd-0", Money.of("6000", "BDT"), "XBAG")))
                .isEqualTo("NOT_ISSUED");
        success(airline.issue(held.pnr(), "req-1"));

        SupplierOrder withEmd = success(airline.issueEmd(held.pnr(), "emd-1", Money.of("6000", "BDT"), "XBAG"));

        assertThat(withEmd.documents()).filteredOn(d -> d.type() == DocumentType.EMD_ASSOCIATED).hasSize(2);
        assertThat(success(airline.retrieveByRequest("emd-1")).pnr()).isEqualTo(held.pnr());
    }
}
