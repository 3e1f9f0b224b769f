package io.travobooks.testkit.booking;

import io.travobooks.booking.BookingState;
import io.travobooks.booking.BookingStatus;
import io.travobooks.booking.posting.PostingRuleTemplates;
import io.travobooks.booking.service.ApprovalPolicy;
import io.travobooks.booking.service.Booking;
import io.travobooks.booking.service.BookingService;
import io.travobooks.booking.service.BookingServiceOptions;
import io.travobooks.booking.service.BookingTerms;
import io.travobooks.ledger.PostResult;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.Money;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.booking.BookingStore;
import io.travobooks.spi.ledger.BalanceRow;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.spi.lock.LockManager;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.spi.supplier.ExchangeOffer;
import io.travobooks.spi.supplier.Fare;
import io.travobooks.spi.supplier.Passenger;
import io.travobooks.spi.supplier.SupplierOrder;
import io.travobooks.spi.supplier.SupplierResult;
import io.travobooks.spi.travel.Document;
import io.travobooks.spi.travel.DocumentType;
import io.travobooks.supplier.sim.SimulatedAirline;
import io.travobooks.supplier.sim.SimulatedFault;
import io.travobooks.supplier.sim.SimulationOptions;
import io.travobooks.testkit.ledger.LedgerFixture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import net.jqwik.api.statistics.Statistics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static io.travobooks.testkit.ledger.LedgerFixture.bdt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The booking saga against a model, as jqwik action chains: random holds, pricings, issues (some answered with a
 * timeout that issued, a lost request or a refusal), reconciles, voids, refunds, exchanges, expiries, time
 * passing, the period closed while bookings are held or issues unsettled, and issue entries reversed in the ledger
 * before a void, on real stores with the simulated airline. The model is written from docs/accounting.md, not from
 * the machine: which state each action leads to, and what each booking adds to the BSP payable (2100), the
 * receivable (1100) and refunds payable (2250). After every step: the real states equal the model's, nothing
 * leaves a terminal state, the ledger balances, the accounts hold what the model's histories post, and no issue
 * request produced tickets twice.
 *
 * <p>Why one class of this size: the actions and the model they are checked against are one state machine; apart,
 * each action's effect on the model would be read far from the action.
 */
public abstract class BookingSagaProperties {
    private static final ZoneId DHAKA = ZoneId.of("Asia/Dhaka");
    private static final List<String> IDS = List.of("A", "B", "C");
    private static final Passenger PASSENGER = new Passenger("RAHIM", "UDDIN");
    private static final Set<BookingState> UNTICKETED = EnumSet.of(BookingState.HELD, BookingState.PRICED,
            BookingState.ISSUE_FAILED);
    private static final AtomicInteger SEEDS = new AtomicInteger();

    protected abstract LedgerStore ledgerStore();

    protected abstract BookingStore bookingStore();

    protected abstract OutboxStore outboxStore();

    protected abstract LockManager locks();

    private World world;

    @AfterTry
    void closeWorld() {
        if (world != null) {
            world.fixture.close();
            world = null;
        }
    }

    /** What the model knows of one booking. */
    private static final class Expected {
        BookingState state = BookingState.HELD;
        Instant ticketingTimeLimit;
        Instant priceGuaranteeUntil;
        Instant issuedAt;
        /** The airline issued for the pending ambiguous request. */
        boolean airlineIssued;
        boolean exchanged;
        /** The airline issued but the ledger refused the issue's postings: they wait for the reconciler. */
        boolean unposted;
        /** Someone reversed the issue's entry in the ledger directly. */
        boolean issueReversed;
        /** The postings waited at some step. */
        boolean waited;
        /** Every state the booking was in after some step. */
        final Set<BookingState> visited = EnumSet.noneOf(BookingState.class);
    }

    /** The system under test and its model, side by side. */
    private final class World {
        final LedgerFixture fixture = new LedgerFixture(ledgerStore());
        final SimulatedAirline airline = new SimulatedAirline(SimulationOptions.emiratesDhaka(SEEDS.incrementAndGet()),
                fixture.clock);
        final BookingService service = new BookingService(bookingStore(), outboxStore(), fixture.ledger, locks(),
                airline, tenant -> PostingRuleTemplates.travelAgency(), ApprovalPolicy.NEVER, fixture.clock,
                BookingServiceOptions.defaults(DHAKA));
        final Map<String, Expected> model = new LinkedHashMap<>();
        final BookingTerms terms = BookingTerms.bspAgent(bdt("2800"), bdt("1000"), bdt("150"))
                .withRefundFee(bdt("500"), bdt("75")).withReissueFee(bdt("800"), bdt("120"));
        int keys;
        int followOns;
        LocalDate closedThrough;

        World() {
            world = this;
        }

        Instant now() {
            return fixture.clock.instant();
        }

        Booking real(String id) {
            return service.find(fixture.context, id).orElseThrow();
        }

        String key() {
            return "key-" + ++keys;
        }

        LocalDate today() {
            return LocalDate.ofInstant(now(), DHAKA);
        }

        /** The ledger refuses anything dated today: what an issue, void, refund or exchange would post. */
        boolean todayClosed() {
            return closedThrough != null && !today().isAfter(closedThrough);
        }

        @Override
        public String toString() {
            return "World" + model.keySet();
        }
    }

    // ---------------------------------------------------------------- actions

    private static Transformer<World> step(String description, Consumer<World> change) {
        return Transformer.mutate(description, world -> {
            change.accept(world);
            checkInvariants(world);
        });
    }

    private static final Arbitrary<String> BOOKING = Arbitraries.of(IDS);

    /** Holds a booking not made yet. */
    private static final class Hold implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return BOOKING.map(id -> step("hold " + id, w -> {
                if (w.model.containsKey(id)) {
                    return;
                }
                String offer = w.airline.search("DAC", "DXB", LocalDate.of(2026, 5, 1)).getFirst().offerId();
                w.service.hold(w.fixture.context, id, offer, List.of(PASSENGER), w.terms).orThrow();
                Expected expected = new Expected();
                expected.ticketingTimeLimit = w.now().plus(Duration.ofHours(24));
                w.model.put(id, expected);
            }));
        }
    }

    private static final class Price implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return BOOKING.map(id -> step("price " + id, w -> {
                Expected expected = w.model.get(id);
                if (expected == null) {
                    return;
                }
                Outcome<Booking> outcome = w.service.price(w.fixture.context, id);
                if (UNTICKETED.contains(expected.state) && w.now().isBefore(expected.ticketingTimeLimit)) {
                    assertThat(outcome.isOk()).as("price " + id + " in " + expected.state).isTrue();
                    expected.state = BookingState.PRICED;
                    expected.priceGuaranteeUntil = w.now().plus(Duration.ofHours(2));
                } else {
                    assertThat(outcome.isOk()).as("price " + id + " in " + expected.state).isFalse();
                }
            }));
        }
    }

    /** Issues with one of the airline's answers: a clean one, a timeout that issued, a lost request, a refusal. */
    private static final class Issue implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            Arbitrary<SimulatedFault> faults = Arbitraries.frequencyOf(
                    Tuple.of(2, Arbitraries.just(null)),
                    Tuple.of(1, Arbitraries.of(SimulatedFault.class)));
            return Combinators.combine(BOOKING, faults).as((id, fault) ->
                    step("issue " + id + (fault == null ? "" : " answered " + fault), w -> {
                        Expected expected = w.model.get(id);
                        if (expected == null) {
                            return;
                        }
                        boolean issuable = (expected.state == BookingState.PRICED
                                || expected.state == BookingState.ISSUE_FAILED)
                                && w.now().isBefore(expected.ticketingTimeLimit)
                                && w.now().isBefore(expected.priceGuaranteeUntil);
                        boolean closed = w.todayClosed();
                        if (issuable && !closed && fault != null) {
                            w.airline.failNext(fault);
                        }
                        Outcome<Booking> outcome = w.service.issue(w.fixture.context, id, w.key());
                        if (!issuable || closed) {
                            assertThat(outcome.isOk()).as("issue " + id + " in " + expected.state).isFalse();
                            return;
                        }
                        assertThat(outcome.isOk()).as("issue " + id).isTrue();
                        expected.state = fault == null ? BookingState.ISSUED : switch (fault) {
                            case TIMEOUT, LOST -> BookingState.ISSUE_UNKNOWN;
                            case REFUSE -> BookingState.ISSUE_FAILED;
                        };
                        expected.airlineIssued = fault == SimulatedFault.TIMEOUT;
                        expected.issuedAt = expected.state == BookingState.ISSUED || expected.airlineIssued
                                ? w.now() : null; // the airline's issue time, which void windows count from
                    }));
        }
    }

    /** A reconciler pass after the ambiguous answers are due. */
    private static final class Reconcile implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.just(step("reconcile", w -> {
                w.fixture.clock.advance(Duration.ofMinutes(1));
                w.service.reconciler().reconcileDue(100);
                for (Expected expected : w.model.values()) {
                    if (expected.unposted && !w.todayClosed()) {
                        expected.unposted = false; // reposted, dated today
                    }
                    if (expected.state == BookingState.ISSUE_UNKNOWN) {
                        expected.state = expected.airlineIssued ? BookingState.ISSUED : BookingState.ISSUE_FAILED;
                        expected.unposted = expected.airlineIssued && w.todayClosed();
                        expected.waited |= expected.unposted;
                    }
                }
            }));
        }
    }

    private static final class VoidTickets implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return BOOKING.map(id -> step("void " + id, w -> {
                Expected expected = w.model.get(id);
                if (expected == null) {
                    return;
                }
                Outcome<Booking> outcome = w.service.voidTickets(w.fixture.context, id);
                boolean sameDay = expected.issuedAt != null && LocalDate.ofInstant(expected.issuedAt, DHAKA)
                        .equals(LocalDate.ofInstant(w.now(), DHAKA));
                if (expected.state == BookingState.ISSUED && sameDay && !expected.unposted && !expected.issueReversed
                        && !w.todayClosed()) {
                    assertThat(outcome.isOk()).as("void " + id).isTrue();
                    expected.state = BookingState.VOIDED;
                } else {
                    assertThat(outcome.isOk()).as("void " + id + " in " + expected.state).isFalse();
                }
            }));
        }
    }

    private static final class Refund implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return BOOKING.map(id -> step("refund " + id, w -> {
                Expected expected = w.model.get(id);
                if (expected == null) {
                    return;
                }
                if (expected.state != BookingState.ISSUED) {
                    assertThat(w.service.quoteRefund(w.fixture.context, id, Set.of("1760000000000")).isOk())
                            .as("refund " + id + " in " + expected.state).isFalse();
                    return;
                }
                if (expected.unposted || w.todayClosed()) {
                    return; // refused before the airline is asked: the integrity suite covers it
                }
                String ticket = w.real(id).documents().getFirst().number();
                Booking quoted = w.service.quoteRefund(w.fixture.context, id, Set.of(ticket)).orThrow();
                w.service.confirmRefund(w.fixture.context, id,
                        ((BookingStatus.RefundQuoted) quoted.status()).quote().quoteId()).orThrow();
                expected.state = BookingState.REFUNDED;
            }));
        }
    }

    /** Exchanges onto a follow-on booking, which the model counts but no later action touches. */
    private static final class Exchange implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return BOOKING.map(id -> step("exchange " + id, w -> {
                Expected expected = w.model.get(id);
                if (expected == null) {
                    return;
                }
                if (expected.unposted || w.todayClosed()) {
                    return; // refused before the airline is asked: the integrity suite covers it
                }
                String offer = w.airline.offerAt("DAC", "DXB", LocalDate.of(2026, 5, 3),
                        new Fare(bdt("42000"), bdt("8000"), bdt("6000"))).offerId();
                Outcome<ExchangeOffer> quote = w.service.quoteExchange(w.fixture.context, id, offer);
                if (expected.state != BookingState.ISSUED) {
                    assertThat(quote.isOk()).as("exchange " + id + " in " + expected.state).isFalse();
                    return;
                }
                Booking followOn = w.service.confirmExchange(w.fixture.context, id, quote.orThrow().quoteId(),
                        id + "X" + ++w.followOns).orThrow();
                assertThat(followOn.status().state()).isEqualTo(BookingState.ISSUED);
                expected.state = BookingState.EXCHANGED;
                expected.exchanged = true;
            }));
        }
    }

    /**
     * Closes the accounting period through yesterday or, less often, through today, whatever the bookings are doing
     * (held ones included); a period never reopens.
     */
    private static final class ClosePeriod implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.of(1, 1, 1, 0).map(daysBack -> step("close the period " + daysBack + " day(s) back",
                    w -> {
                        LocalDate through = w.today().minusDays(daysBack);
                        if (w.closedThrough != null && through.isBefore(w.closedThrough)) {
                            return;
                        }
                        w.fixture.ledger.periods().closeThrough(w.fixture.context, through).orThrow();
                        w.closedThrough = through;
                    }));
        }
    }

    /** Someone reverses an issued booking's issue entry through the ledger, outside the booking service. */
    private static final class ReverseIssueInLedger implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return BOOKING.map(id -> step("reverse the issue of " + id + " in the ledger", w -> {
                Expected expected = w.model.get(id);
                if (expected == null || expected.state != BookingState.ISSUED || expected.unposted
                        || expected.issueReversed) {
                    return;
                }
                String ticket = w.real(id).documents().getFirst().number();
                PostResult reversed = w.fixture.ledger.reverse(w.fixture.context, EntryId.of("manual-" + id),
                        EntryId.of(id + ".IS." + ticket + ".0"), w.today(), "reversed by hand");
                assertThat(reversed.isSuccess()).as("reversal of " + id).isEqualTo(!w.todayClosed());
                expected.issueReversed = reversed.isSuccess();
            }));
        }
    }

    private static final class Expire implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.just(step("expire", w -> {
                w.service.reconciler().expireDue(100);
                for (Expected expected : w.model.values()) {
                    if (UNTICKETED.contains(expected.state) && !w.now().isBefore(expected.ticketingTimeLimit)) {
                        expected.state = BookingState.EXPIRED;
                    }
                }
            }));
        }
    }

    /**
     * Time passes: two times in three 5 to 90 minutes, less than a price guarantee, so that issues follow pricings
     * and voids follow issues on the same day; otherwise 1 to 30 hours, enough to pass price guarantees, midnights
     * and, sometimes, ticketing time limits. Whole minutes land on deadlines exactly, where "now" counts as passed.
     */
    private static final class Wait implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            Arbitrary<Duration> minutes = Arbitraries.integers().between(5, 90).map(Duration::ofMinutes);
            Arbitrary<Duration> hours = Arbitraries.integers().between(1, 30).map(Duration::ofHours);
            return Arbitraries.frequencyOf(Tuple.of(2, minutes), Tuple.of(1, hours))
                    .map(duration -> step("wait " + duration.toMinutes() + " min",
                            w -> w.fixture.clock.advance(duration)));
        }
    }

    // ---------------------------------------------------------------- invariants

    private static void checkInvariants(World w) {
        long payable = 0;
        long receivable = 0;
        long refundsPayable = 0;
        for (Map.Entry<String, Expected> entry : w.model.entrySet()) {
            Expected expected = entry.getValue();
            Booking real = w.real(entry.getKey());
            assertThat(real.status().state()).as("booking " + entry.getKey()).isEqualTo(expected.state);
            expected.visited.add(expected.state);
            // docs/accounting.md per ticket: an issue puts 51,200 on the BSP payable (2100) and 55,150 on the customer
            // receivable (1100); a void nets to zero; a refund takes 46,550 off the payable and owes the customer
            // 48,425; an exchange adds 4,860 and 5,920.
            // An issue whose postings wait, or whose entry was reversed by hand, adds nothing of its own.
            boolean issuePosted = !expected.unposted && !expected.issueReversed;
            switch (expected.state) {
                case ISSUED, REFUND_QUOTED, REFUNDED, EXCHANGED -> {
                    payable += issuePosted ? 5_120_000 : 0;
                    receivable += issuePosted ? 5_515_000 : 0;
                }
                default -> { }
            }
            switch (expected.state) {
                case REFUNDED -> {
                    payable -= 4_655_000;
                    refundsPayable += 4_842_500;
                }
                case EXCHANGED -> {
                    payable += 486_000;
                    receivable += 592_000;
                }
                default -> { }
            }
            assertThat(real.unposted().isPresent()).as("postings of " + entry.getKey() + " wait")
                    .isEqualTo(expected.unposted);
            SupplierOrder order = ((SupplierResult.Success<SupplierOrder>) w.airline.retrieve(real.pnr())).value();
            assertThat(order.issueRequestIds()).as("issue requests the airline processed for " + entry.getKey())
                    .hasSizeLessThanOrEqualTo(1);
            long tickets = order.documents().stream().filter(d -> d.type() == DocumentType.TICKET).count();
            assertThat(tickets).as("tickets of " + entry.getKey()).isLessThanOrEqualTo(expected.exchanged ? 2 : 1);
            if (expected.state == BookingState.ISSUED) {
                assertThat(real.documents()).map(Document::number)
                        .containsExactlyElementsOf(order.documents().stream().map(Document::number).toList());
            }
        }
        assertThat(balance(w, "2100")).as("BSP payable").isEqualTo(new Money(payable, LedgerFixture.BDT));
        assertThat(balance(w, "1100")).as("receivable").isEqualTo(new Money(receivable, LedgerFixture.BDT));
        assertThat(balance(w, "2250")).as("refunds payable").isEqualTo(new Money(refundsPayable, LedgerFixture.BDT));
        List<BalanceRow> rows = w.fixture.snapshot().balances();
        long debits = rows.stream().mapToLong(BalanceRow::postedDebit).sum();
        long credits = rows.stream().mapToLong(BalanceRow::postedCredit).sum();
        assertThat(debits).as("the ledger balances").isEqualTo(credits);
    }

    private static Money balance(World w, String account) {
        return w.fixture.ledger.balance(w.fixture.context, AccountId.of(account), LedgerFixture.BDT)
                .map(b -> b.posted()).orElse(new Money(0, LedgerFixture.BDT));
    }

    // ---------------------------------------------------------------- the property

    @Provide
    Arbitrary<ActionChain<World>> histories() {
        return ActionChain.<World>startWith(World::new)
                .withAction(2, new Hold())
                .withAction(3, new Price())
                .withAction(4, new Issue())
                .withAction(2, new Reconcile())
                .withAction(3, new VoidTickets())
                .withAction(2, new Refund())
                .withAction(2, new Exchange())
                .withAction(1, new Expire())
                .withAction(2, new Wait())
                .withAction(1, new ClosePeriod())
                .withAction(2, new ReverseIssueInLedger())
                .withMaxTransformations(60);
    }

    @Property(tries = 150)
    void bookingHistoriesKeepTheModelsStatesAndMoney(@ForAll("histories") ActionChain<World> chain) {
        chain.run();
        // The histories must pass through the states a booking can be in, or the invariants were checked on little.
        for (Expected expected : world.model.values()) {
            expected.visited.forEach(state -> Statistics.label("visited").collect(state));
            Statistics.label("ledger").collect(expected.waited ? "postings waited"
                    : expected.issueReversed ? "issue reversed by hand" : "neither");
        }
        Statistics.label("visited").coverage(coverage -> {
            for (BookingState state : List.of(BookingState.ISSUED, BookingState.ISSUE_FAILED, BookingState.VOIDED,
                    BookingState.REFUNDED, BookingState.EXCHANGED, BookingState.EXPIRED)) {
                coverage.check(state).count(count -> count > 0);
            }
        });
    }
}
