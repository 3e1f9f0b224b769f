package io.travobooks.examples;

import io.travobooks.booking.BookingStatus;
import io.travobooks.booking.posting.PostingRuleTemplates;
import io.travobooks.booking.service.ApprovalPolicy;
import io.travobooks.booking.service.Booking;
import io.travobooks.booking.service.BookingService;
import io.travobooks.booking.service.BookingServiceOptions;
import io.travobooks.booking.service.BookingTerms;
import io.travobooks.embedded.EmbeddedLockManager;
import io.travobooks.ledger.ChartTemplates;
import io.travobooks.ledger.Ledger;
import io.travobooks.ledger.LedgerOptions;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.Money;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.spi.supplier.Passenger;
import io.travobooks.spi.travel.Document;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;
import io.travobooks.supplier.sim.SimulatedAirline;
import io.travobooks.supplier.sim.SimulationOptions;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Set;

/**
 * A booking flow on the embedded default (H2 under {@code ./data}, in-JVM locks) against the simulated airline:
 * hold, price and issue a Dhaka-Dubai ticket, void it the same day; issue another and refund it. Each step commits
 * the booking's state with its journal entry and its outbox event; the balances printed are docs/accounting.md's figures.
 * Every run books new bookings (ids carry the run's time), so it can run again.
 */
public final class BookingQuickstart {
    private static final ZoneId DHAKA = ZoneId.of("Asia/Dhaka");
    private static final Currency BDT = Currency.getInstance("BDT");
    private static final List<String> ACCOUNTS = List.of("1100", "2100", "2250", "2300", "4100", "4300", "4310");

    private final BookingService service;
    private final Ledger ledger;
    private final SimulatedAirline airline;
    private final RequestContext agency;
    private final PrintStream out;

    private BookingQuickstart(BookingService service, Ledger ledger, SimulatedAirline airline,
                              RequestContext agency, PrintStream out) {
        this.service = service;
        this.ledger = ledger;
        this.airline = airline;
        this.agency = agency;
        this.out = out;
    }

    public static void main(String[] args) {
        Path dataDirectory = Path.of(args.length > 0 ? args[0] : "data");
        try (JdbcStorage storage = JdbcStorage.open(StorageConfig.h2File(dataDirectory))) {
            run(storage, System.out);
        }
    }

    static void run(JdbcStorage storage, PrintStream out) {
        Clock clock = Clock.systemUTC();
        try (Ledger ledger = new Ledger(storage.ledgerStore(), LedgerOptions.defaults()
                .withBackgroundEvery(Duration.ZERO))) {
            RequestContext agency = RequestContext.of("dhaka-air-desk", "booking-quickstart");
            if (ledger.createTenant(agency.tenant(), BDT).isOk()) {
                ledger.chart().openAll(agency, ChartTemplates.travelAgency()).orThrow();
            }
            SimulatedAirline airline = new SimulatedAirline(SimulationOptions.emiratesDhaka(clock.millis()), clock);
            BookingService service = new BookingService(storage.bookingStore(), storage.outboxStore(), ledger,
                    new EmbeddedLockManager(), airline, tenant -> PostingRuleTemplates.travelAgency(),
                    ApprovalPolicy.NEVER, clock, BookingServiceOptions.defaults(DHAKA));
            String run = Long.toString(clock.millis() / 1000, 36).toUpperCase();
            new BookingQuickstart(service, ledger, airline, agency, out).walkThrough(run, storage.outboxStore(),
                    storage);
        }
    }

    private void walkThrough(String run, OutboxStore outbox, JdbcStorage storage) {
        BookingTerms terms = BookingTerms.bspAgent(Money.of("2800", "BDT"), Money.of("1000", "BDT"),
                        Money.of("150", "BDT"))
                .withRefundFee(Money.of("500", "BDT"), Money.of("75", "BDT"));
        List<Passenger> passenger = List.of(new Passenger("RAHIM", "UDDIN"));
        String offer = airline.search("DAC", "DXB", LocalDate.now(DHAKA).plusDays(30)).getFirst().offerId();
        List<Money> before = balances();

        out.println("== Hold, price, issue, void (the same day, inside the BSP void window) ==");
        String first = "BK-" + run + "-A";
        show("hold", service.hold(agency, first, offer, passenger, terms));
        show("price", service.price(agency, first));
        show("issue", service.issue(agency, first, "issue-" + first));
        show("issue again, same idempotency key (nothing is sent twice)", service.issue(agency, first,
                "issue-" + first));
        show("void", service.voidTickets(agency, first));

        out.println();
        out.println("== Hold, price, issue, then a refund (quote, then confirm) ==");
        String second = "BK-" + run + "-B";
        service.hold(agency, second, offer, passenger, terms).orThrow();
        service.price(agency, second).orThrow();
        Booking issued = show("issue", service.issue(agency, second, "issue-" + second));
        Booking quoted = show("refund quote", service.quoteRefund(agency, second,
                Set.of(issued.documents().getFirst().number())));
        String quoteId = ((BookingStatus.RefundQuoted) quoted.status()).quote().quoteId();
        show("refund confirm", service.confirmRefund(agency, second, quoteId));

        out.println();
        out.println("== What this run added to the ledger (docs/accounting.md: the void nets to zero; the refund leaves "
                + "BSP 4,650, commission 350, refunds payable 48,425, fees 1,000 + 500, VAT 225) ==");
        List<Money> after = balances();
        for (int i = 0; i < ACCOUNTS.size(); i++) {
            out.println("  " + ACCOUNTS.get(i) + "  " + after.get(i).minus(before.get(i)));
        }
        out.println();
        out.println("== Outbox events of this run (the relay carries them to the queue) ==");
        storage.bookingStore().transactions().inTransaction(uow -> outbox.read(uow, 0, Integer.MAX_VALUE)).stream()
                .map(OutboxStore.Stored::event)
                .filter(event -> String.valueOf(event.data().get("bookingId")).contains(run))
                .forEach(event -> out.println("  " + event.type() + "  " + event.data().get("bookingId")
                        + "  " + event.data().get("documents")));
    }

    private Booking show(String step, Outcome<Booking> outcome) {
        Booking booking = outcome.orThrow();
        out.printf("  %-58s %-14s PNR %s  %s%n", step, booking.status().state(), booking.pnr(),
                booking.documents().stream().map(BookingQuickstart::describe).toList());
        return booking;
    }

    private static String describe(Document document) {
        return document.number() + " " + document.coupons();
    }

    private List<Money> balances() {
        return ACCOUNTS.stream().map(account -> ledger.balance(agency, AccountId.of(account), BDT)
                .map(balance -> balance.posted()).orElse(new Money(0, BDT))).toList();
    }
}
