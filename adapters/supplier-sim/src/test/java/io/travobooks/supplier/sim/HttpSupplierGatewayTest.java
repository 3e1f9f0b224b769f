package io.travobooks.supplier.sim;

import io.travobooks.spi.Money;
import io.travobooks.spi.supplier.ExchangeOffer;
import io.travobooks.spi.supplier.Fare;
import io.travobooks.spi.supplier.Offer;
import io.travobooks.spi.supplier.Passenger;
import io.travobooks.spi.supplier.RefundOffer;
import io.travobooks.spi.supplier.SupplierOrder;
import io.travobooks.spi.supplier.SupplierResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulated airline through its HTTP server and client: the same answers as in process, timeouts ambiguous. */
class HttpSupplierGatewayTest {
    private static final List<Passenger> TWO = List.of(new Passenger("Rahim", "Uddin"), new Passenger("Karima", "Begum"));

    private final SimulatedAirline airline = new SimulatedAirline(SimulationOptions.emiratesDhaka(7),
            Clock.systemUTC());
    private final SupplierHttpServer server = SupplierHttpServer.start(airline);
    private final HttpSupplierGateway remote = new HttpSupplierGateway(server.uri(), Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        server.close();
    }

    @SuppressWarnings("unchecked")
    private static <T> T success(SupplierResult<T> result) {
        assertThat(result).isInstanceOf(SupplierResult.Success.class);
        return ((SupplierResult.Success<T>) result).value();
    }

    private SupplierOrder issuedOrder() {
        Offer offer = remote.search("DAC", "DXB", LocalDate.of(2026, 4, 2)).getFirst();
        SupplierOrder held = success(remote.hold(offer.offerId(), TWO));
        success(remote.price(held.pnr()));
        return success(remote.issue(held.pnr(), "rq-1"));
    }

    @Test
    void anOfferIsLookedUpRemotely() {
        Offer offer = remote.search("DAC", "DXB", LocalDate.of(2026, 4, 2)).getFirst();
        assertThat(success(remote.offer(offer.offerId()))).isEqualTo(offer);
        assertThat(remote.offer("OF-NONE")).isInstanceOfSatisfying(SupplierResult.Refused.class,
                refused -> assertThat(refused.code()).isEqualTo("OFFER_EXPIRED"));
    }

    @Test
    void aRemoteIssueAnswersWhatTheAirlineHolds() {
        SupplierOrder issued = issuedOrder();

        assertThat(issued.documents()).hasSize(2);
        assertThat(issued.issuedAt()).isPresent();
        assertThat(issued.offer().farePerPassenger()).isEqualTo(SimulationOptions.emiratesDhaka(7).fare());
        assertThat(issued).isEqualTo(success(airline.retrieve(issued.pnr())));
        assertThat(success(remote.retrieveByRequest("rq-1"))).isEqualTo(issued);
        assertThat(success(remote.retrieveByDocument(issued.documents().getFirst().number()))).isEqualTo(issued);
    }

    @Test
    void refusalsAndQuotesTravelIntact() {
        SupplierOrder issued = issuedOrder();

        assertThat(remote.retrieveByRequest("rq-never")).isInstanceOf(SupplierResult.Refused.class);
        RefundOffer quote = success(remote.refundQuote(issued.pnr(),
                Set.of(issued.documents().getFirst().number())));
        assertThat(quote.refundable()).isEqualTo(SimulationOptions.emiratesDhaka(7).fare().total()
                .minus(SimulationOptions.emiratesDhaka(7).refundPenalty()));
        assertThat(success(remote.refundConfirm(issued.pnr(), quote.quoteId())).status())
                .isEqualTo(SupplierOrder.Status.ISSUED);
    }

    @Test
    void exchangesAndEmdsTravelIntact() {
        SupplierOrder issued = issuedOrder();
        Offer dearer = airline.offerAt("DAC", "DXB", LocalDate.of(2026, 4, 5), new Fare(Money.of("42000", "BDT"),
                Money.of("8000", "BDT"), Money.of("6000", "BDT")));

        ExchangeOffer quote = success(remote.exchangeQuote(issued.pnr(),
                Set.of(issued.documents().getFirst().number()), dearer.offerId()));
        assertThat(quote.fareDifference()).isEqualTo(Money.of("2000", "BDT"));
        assertThat(success(remote.exchangeConfirm(issued.pnr(), quote.quoteId())).documents()).hasSize(3);
        assertThat(success(remote.issueEmd(issued.pnr(), "emd-1", Money.of("6000", "BDT"), "XBAG")).documents())
                .hasSize(5);
    }

    @Test
    void aDefinedRoutesFareAndPenaltiesTravelUnchanged() {
        // Base 30,000 + YQ 5,000 + taxes 3,650 (BD 500, E5 150, OW 2,000, UT 1,000) = 38,650 BDT.
        Fare kualaLumpur = new Fare(Money.of("30000", "BDT"), Money.of("5000", "BDT"), Money.of("3650", "BDT"),
                Map.of("BD", Money.of("500", "BDT"), "UT", Money.of("1000", "BDT"), "E5", Money.of("150", "BDT"),
                        "OW", Money.of("2000", "BDT")));
        SimulatedAirline routed = new SimulatedAirline(SimulationOptions.builder().seed(7)
                .route("DAC", "KUL", kualaLumpur, Money.of("4000", "BDT"), Money.of("2500", "BDT")).build(),
                Clock.systemUTC());
        try (SupplierHttpServer routedServer = SupplierHttpServer.start(routed)) {
            HttpSupplierGateway client = new HttpSupplierGateway(routedServer.uri(), Duration.ofSeconds(5));

            Offer offer = client.search("DAC", "KUL", LocalDate.of(2026, 4, 2)).getFirst();
            assertThat(offer.farePerPassenger()).isEqualTo(kualaLumpur);
            assertThat(offer.farePerPassenger().taxesByCode()).containsEntry("E5", Money.of("150", "BDT"))
                    .hasSize(4);
            SupplierOrder held = success(client.hold(offer.offerId(), TWO));
            success(client.price(held.pnr()));
            SupplierOrder issued = success(client.issue(held.pnr(), "rq-kul"));
            RefundOffer quote = success(client.refundQuote(issued.pnr(),
                    Set.of(issued.documents().getFirst().number())));
            assertThat(quote.refundable()).isEqualTo(Money.of("34650", "BDT")); // 38,650 - 4,000
            assertThat(quote.penalty()).isEqualTo(Money.of("4000", "BDT"));
        }
    }

    @Test
    void noAnswerInTimeIsUnknownAndTheAirlineStillActed() {
        HttpSupplierGateway impatient = new HttpSupplierGateway(server.uri(), Duration.ofMillis(200));
        Offer offer = remote.search("DAC", "DXB", LocalDate.of(2026, 4, 2)).getFirst();
        SupplierOrder held = success(remote.hold(offer.offerId(), TWO));
        success(remote.price(held.pnr()));
        server.observe((method, arguments, result) -> {
            try {
                Thread.sleep(1_000); // the airline answers after the caller gave up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        assertThat(impatient.issue(held.pnr(), "rq-slow")).isInstanceOf(SupplierResult.Unknown.class);
        assertThat(success(airline.retrieveByRequest("rq-slow")).documents()).hasSize(2);
    }
}
