package io.travobooks.testkit.booking;

import io.travobooks.booking.posting.PostingRuleTemplates;
import io.travobooks.booking.service.ApprovalPolicy;
import io.travobooks.booking.service.Booking;
import io.travobooks.booking.service.BookingService;
import io.travobooks.booking.service.BookingServiceOptions;
import io.travobooks.booking.service.BookingTerms;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.ErrorCode;
import io.travobooks.spi.Money;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.booking.BookingStore;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.spi.ledger.Side;
import io.travobooks.spi.ledger.StoredEntry;
import io.travobooks.spi.lock.LockManager;
import io.travobooks.spi.outbox.OutboxEvent;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.spi.supplier.Passenger;
import io.travobooks.spi.supplier.SupplierOrder;
import io.travobooks.spi.supplier.SupplierResult;
import io.travobooks.spi.travel.DocumentType;
import io.travobooks.supplier.sim.SimulatedAirline;
import io.travobooks.supplier.sim.SimulationOptions;
import io.travobooks.testkit.ledger.LedgerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.travobooks.testkit.ledger.LedgerFixture.bdt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the booking contract suites share: the booking service on the stores and lock manager an implementation
 * gives, against the simulated airline, with a fresh tenant and a hand-moved clock per test, and the terms of the
 * worked example (base 40,000 + YQ 8,000 + taxes 6,000 BDT, commission 2,800, a 1,000 fee with 150 VAT per ticket).
 */
public abstract class BookingContractBase {
    protected static final ZoneId DHAKA = ZoneId.of("Asia/Dhaka");
    private static final AtomicInteger SEEDS = new AtomicInteger();

    protected abstract LedgerStore ledgerStore();

    protected abstract BookingStore bookingStore();

    protected abstract OutboxStore outboxStore();

    protected abstract LockManager locks();

    protected LedgerFixture fixture;
    protected SimulatedAirline airline;
    protected BookingService service;
    protected RequestContext context;

    @BeforeEach
    void openService() {
        fixture = new LedgerFixture(ledgerStore());
        context = fixture.context;
        airline = new SimulatedAirline(SimulationOptions.emiratesDhaka(SEEDS.incrementAndGet()), fixture.clock);
        service = service(BookingServiceOptions.defaults(DHAKA));
    }

    protected BookingService service(BookingServiceOptions options) {
        return new BookingService(bookingStore(), outboxStore(), fixture.ledger, locks(), airline,
                tenant -> PostingRuleTemplates.travelAgency(), ApprovalPolicy.NEVER, fixture.clock, options);
    }

    @AfterEach
    void closeLedger() {
        fixture.close();
    }

    protected static BookingTerms terms() {
        return BookingTerms.bspAgent(bdt("2800"), bdt("1000"), bdt("150")).withRefundFee(bdt("500"), bdt("75"));
    }

    protected String offer() {
        return airline.search("DAC", "DXB", LocalDate.of(2026, 4, 2)).getFirst().offerId();
    }

    protected Booking priced(String id, Passenger... passengers) {
        service.hold(context, id, offer(), List.of(passengers), terms()).orThrow();
        return service.price(context, id).orThrow();
    }

    protected static final Passenger RAHIM = new Passenger("RAHIM", "UDDIN");
    protected static final Passenger KARIM = new Passenger("KARIM", "UDDIN");

    protected Money balance(String account) {
        return fixture.ledger.balance(context, AccountId.of(account), LedgerFixture.BDT)
                .map(b -> b.posted()).orElse(bdt("0"));
    }

    /** The outbox events of one booking of this test's tenant, oldest first. */
    protected List<OutboxEvent> eventsOf(String bookingId) {
        return bookingStore().transactions().inTransaction(uow -> outboxStore().read(uow, 0, Integer.MAX_VALUE))
                .stream().map(OutboxStore.Stored::event)
                .filter(event -> event.tenant().equals(context.tenant()))
                .filter(event -> bookingId.equals(event.data().get("bookingId")))
                .toList();
    }

    protected static ErrorCode code(Outcome<?> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Refused.class);
        return ((Outcome.Refused<?>) outcome).rejection().code();
    }

    protected SupplierOrder order(Booking booking) {
        return ((SupplierResult.Success<SupplierOrder>) airline.retrieve(booking.pnr())).value();
    }

    protected Money pending(String account) {
        return fixture.ledger.balance(context, AccountId.of(account), LedgerFixture.BDT)
                .map(b -> b.pending()).orElse(bdt("0"));
    }

    /**
     * The lines of a stored entry as "account Dr|Cr amount", summed per account and side (taxes post per code on
     * lines of their own), to compare with a row of the worked example's table (docs/accounting.md).
     */
    protected List<String> lines(String entryId) {
        StoredEntry entry = fixture.ledger.entry(context, EntryId.of(entryId))
                .orElseThrow(() -> new AssertionError("no entry " + entryId));
        Map<String, Long> sums = new LinkedHashMap<>();
        entry.lines().forEach(line -> sums.merge(line.account().value() + (line.side() == Side.DEBIT ? " Dr " : " Cr "),
                line.amount().minor(), Long::sum));
        return sums.entrySet().stream().map(sum -> sum.getKey() + new Money(sum.getValue(), LedgerFixture.BDT)
                .toDecimal().stripTrailingZeros().toPlainString()).toList();
    }

    protected String ticketOf(String bookingId) {
        return service.find(context, bookingId).orElseThrow().documents().stream()
                .filter(d -> d.type() == DocumentType.TICKET && d.allCouponsOpen()).findFirst().orElseThrow()
                .number();
    }
}
