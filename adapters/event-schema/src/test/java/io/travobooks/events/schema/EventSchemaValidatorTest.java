package io.travobooks.events.schema;

import io.travobooks.booking.BookingStatus;
import io.travobooks.booking.posting.AccountingModel;
import io.travobooks.booking.posting.FormOfPayment;
import io.travobooks.booking.posting.PostingRuleTemplates;
import io.travobooks.booking.posting.SettlementChannel;
import io.travobooks.booking.service.ApprovalPolicy;
import io.travobooks.booking.service.Booking;
import io.travobooks.booking.service.BookingService;
import io.travobooks.booking.service.BookingServiceOptions;
import io.travobooks.booking.service.BookingTerms;
import io.travobooks.embedded.EmbeddedLockManager;
import io.travobooks.messaging.EventCatalog;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.spi.supplier.Fare;
import io.travobooks.spi.supplier.Passenger;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.JdbiOutboxStore;
import io.travobooks.storage.jdbc.StorageConfig;
import io.travobooks.supplier.sim.SimulatedAirline;
import io.travobooks.supplier.sim.SimulatedFault;
import io.travobooks.supplier.sim.SimulationOptions;
import io.travobooks.testkit.ledger.LedgerFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.travobooks.testkit.ledger.LedgerFixture.bdt;
import static org.assertj.core.api.Assertions.assertThat;

class EventSchemaValidatorTest {
    private final EventSchemaValidator validator = new EventSchemaValidator(EventCatalog.standard());

    private static final String ISSUED = """
            {"id":"t1/BK1/booking.issued/4","type":"booking.issued","tenant":"t1",
             "occurredAt":"2026-03-10T06:00:00Z","data":{"bookingId":"BK1","pnr":"QWERTY","state":"ISSUED",
             "airline":"176","passengers":1,"documents":["1762000000001"]}}""";

    @Test
    void aConformingEventHasNoProblems() {
        assertThat(validator.validate(ISSUED)).isEmpty();
    }

    @Test
    void envelopeAndDataViolationsAreNamed() {
        assertThat(validator.validate(ISSUED.replace("\"tenant\":\"t1\",", ""))).isNotEmpty()
                .anyMatch(problem -> problem.contains("tenant"));
        assertThat(validator.validate(ISSUED.replace("\"1762000000001\"", "\"176200000000\"")))
                .as("a 12-digit document number").isNotEmpty();
        assertThat(validator.validate(ISSUED.replace("\"pnr\":\"QWERTY\",", ""))).isNotEmpty()
                .anyMatch(problem -> problem.contains("pnr"));
        assertThat(validator.validate(ISSUED.replace("\"state\":\"ISSUED\"", "\"state\":\"FLYING\"")))
                .isNotEmpty();
        assertThat(validator.validate(ISSUED.replace("booking.issued\",\"tenant", "booking.teleported\",\"tenant")))
                .anyMatch(problem -> problem.contains("no event type 'booking.teleported'"));
        assertThat(validator.validate("{not json")).hasSize(1);
    }

    /** Runs bookings through every path that publishes an event, and checks each event the outbox holds. */
    @Test
    void everyEventTheBookingServicePublishesConformsToTheCatalog() {
        try (JdbcStorage storage = JdbcStorage.open(StorageConfig.h2Memory("events_schema"));
             LedgerFixture fixture = new LedgerFixture(storage.ledgerStore())) {
            SimulatedAirline airline = new SimulatedAirline(SimulationOptions.emiratesDhaka(11), fixture.clock);
            BookingService service = new BookingService(storage.bookingStore(), storage.outboxStore(),
                    fixture.ledger, new EmbeddedLockManager(), airline, tenant -> PostingRuleTemplates.travelAgency(),
                    ApprovalPolicy.NEVER, fixture.clock, BookingServiceOptions.defaults(ZoneId.of("Asia/Dhaka")));
            RequestContext agency = fixture.context;
            BookingTerms terms = BookingTerms.bspAgent(bdt("2800"), bdt("1000"), bdt("150"))
                    .withRefundFee(bdt("500"), bdt("75")).withReissueFee(bdt("800"), bdt("120"));
            List<Passenger> two = List.of(new Passenger("RAHIM", "UDDIN"), new Passenger("KARIM", "UDDIN"));
            String offer = airline.search("DAC", "DXB", LocalDate.of(2026, 4, 2)).getFirst().offerId();

            Booking voided = issue(service, agency, "BK1", offer, two, terms);
            service.voidTickets(agency, voided.id()).orThrow();
            Booking partly = issue(service, agency, "BK2", offer, two, terms);
            refund(service, agency, partly, Set.of(partly.documents().getFirst().number()));
            refund(service, agency, partly, Set.of(partly.documents().getLast().number()));
            Booking exchanged = issue(service, agency, "BK3", offer, two, terms);
            service.issueEmd(agency, exchanged.id(), bdt("6000"), "XBAG", "emd-1").orThrow();
            String dearer = airline.offerAt("DAC", "DXB", LocalDate.of(2026, 4, 5),
                    new Fare(bdt("42000"), bdt("8000"), bdt("6000"))).offerId();
            String quote = service.quoteExchange(agency, exchanged.id(), dearer).orThrow().quoteId();
            service.confirmExchange(agency, exchanged.id(), quote, "BK3X").orThrow();
            service.hold(agency, "BK4", offer, two, terms).orThrow();
            service.price(agency, "BK4").orThrow();
            airline.failNext(SimulatedFault.REFUSE);
            service.issue(agency, "BK4", "key-BK4").orThrow();
            service.cancel(agency, "BK4", "customer changed plans").orThrow();
            service.hold(agency, "BK5", offer, two, terms.settled(SettlementChannel.BSP, FormOfPayment.DEPOSIT,
                    AccountingModel.AGENT, bdt("0"))).orThrow();
            service.holdDeposit(agency, "BK5", "dep-1").orThrow();
            fixture.clock.advance(Duration.ofHours(25));
            service.reconciler().expireDue(100);

            List<OutboxStore.Stored> events = storage.bookingStore().transactions().inTransaction(uow ->
                    storage.outboxStore().read(uow, 0, Integer.MAX_VALUE));
            Set<String> types = new TreeSet<>();
            for (OutboxStore.Stored stored : events) {
                String envelope = JdbiOutboxStore.envelope(stored.event());
                assertThat(validator.validate(envelope)).as(envelope).isEmpty();
                types.add(stored.event().type());
            }
            assertThat(types).as("the flows reach every booking type in the catalog")
                    .containsExactlyInAnyOrderElementsOf(EventCatalog.standard().types().stream()
                            .map(EventCatalog.EventType::name).filter(name -> name.startsWith("booking.")).toList());
        }
    }

    private static Booking issue(BookingService service, RequestContext agency, String id, String offer,
                                 List<Passenger> passengers, BookingTerms terms) {
        service.hold(agency, id, offer, passengers, terms).orThrow();
        service.price(agency, id).orThrow();
        return service.issue(agency, id, "key-" + id).orThrow();
    }

    private static void refund(BookingService service, RequestContext agency, Booking booking, Set<String> numbers) {
        Booking quoted = service.quoteRefund(agency, booking.id(), numbers).orThrow();
        service.confirmRefund(agency, booking.id(), ((BookingStatus.RefundQuoted) quoted.status()).quote().quoteId())
                .orThrow();
    }
}
