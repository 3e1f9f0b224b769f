package io.travobooks.booking.internal;

import io.travobooks.booking.BookingStatus;
import io.travobooks.booking.BookingErrorCode;
import io.travobooks.booking.BookingState;
import io.travobooks.booking.VoidWindow;
import io.travobooks.booking.RefundQuote;
import io.travobooks.booking.internal.BookingEffect.CallSupplier;
import io.travobooks.booking.internal.BookingEffect.PostEntry;
import io.travobooks.booking.PostingEvent;
import io.travobooks.booking.internal.BookingEffect.RecordSupplierRequest;
import io.travobooks.booking.internal.BookingEffect.SupplierCall;
import io.travobooks.spi.Money;
import io.travobooks.spi.travel.Document;
import io.travobooks.spi.travel.DocumentType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random command sequences from a draft, on a clock that only moves forward: after every step the booking's
 * history obeys the rules that keep money and tickets right, whatever the order of requests and supplier answers.
 */
class BookingMachineProperties {
    private static final Instant START = Instant.parse("2026-03-10T03:00:00Z");
    private static final Document TICKET = Document.issued("1762000000001", DocumentType.TICKET, 2);
    private static final Document BAG = Document.issued("1762000000002", DocumentType.EMD_ASSOCIATED, 1);
    private static final List<Set<String>> SCOPES = List.of(Set.of(TICKET.number()), Set.of(BAG.number()),
            Set.of(TICKET.number(), BAG.number()));
    private static final List<String> REQUEST_IDS = List.of("r1", "r2", "r3");

    /** One step: which command, a small number that picks its arguments, and how far the clock moves first. */
    record Step(int kind, int pick, int minutesLater) {
    }

    /**
     * Commands that move a booking forward come often and those that end it (cancel, expire, exchange) rarely, and
     * the clock mostly moves by minutes, so that random histories reach issue, void, refund and exchange.
     */
    @Provide
    Arbitrary<Step> steps() {
        Arbitrary<Integer> kind = Arbitraries.frequency(
                Tuple.of(6, 0), Tuple.of(6, 1), Tuple.of(8, 2), Tuple.of(4, 3), Tuple.of(2, 4), Tuple.of(8, 5),
                Tuple.of(4, 6), Tuple.of(2, 7), Tuple.of(4, 8), Tuple.of(4, 9), Tuple.of(6, 10), Tuple.of(8, 11),
                Tuple.of(8, 12), Tuple.of(2, 13), Tuple.of(8, 14), Tuple.of(2, 15), Tuple.of(2, 16), Tuple.of(1, 17),
                Tuple.of(2, 18), Tuple.of(1, 19), Tuple.of(1, 20), Tuple.of(1, 21));
        Arbitrary<Integer> minutes = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.integers().between(0, 15)),
                Tuple.of(1, Arbitraries.integers().between(16, 1_440)));
        return Combinators.combine(kind, Arbitraries.integers().between(0, 5), minutes).as(Step::new);
    }

    /** The command a step stands for at {@code now}; ids and quotes come from small pools to provoke mismatches. */
    private static BookingCommand command(Step step, Instant now) {
        String requestId = REQUEST_IDS.get(step.pick() % REQUEST_IDS.size());
        // Mostly the same quote id, and mostly the whole booking, so that some histories refund in full.
        String quoteId = step.pick() < 5 ? "q0" : "q1";
        Set<String> scope = SCOPES.get(Math.min(step.pick(), SCOPES.size() - 1));
        Duration ahead = Duration.ofHours(1 + step.pick() * 4L);
        return switch (step.kind()) {
            case 0 -> new BookingCommand.Hold(now.plus(ahead), now);
            case 1 -> new BookingCommand.Price(now.plus(ahead), now);
            case 2 -> new BookingCommand.RequestIssue(requestId, step.pick() == 5, now);
            case 3 -> new BookingCommand.Approve("checker", now);
            case 4 -> new BookingCommand.RejectApproval("checker", "no");
            case 5 -> new BookingCommand.IssueConfirmed(requestId, List.of(TICKET, BAG), now);
            case 6 -> new BookingCommand.IssueAmbiguous(requestId, "timeout", now);
            case 7 -> new BookingCommand.IssueRejected(requestId, "sold out");
            case 8 -> new BookingCommand.RequestVoid(step.pick() < 3 ? VoidWindow.sameDay(ZoneId.of("Asia/Dhaka"))
                    : VoidWindow.none(), now);
            case 9 -> new BookingCommand.VoidConfirmed(now);
            case 10 -> new BookingCommand.RequestRefundQuote(scope);
            case 11 -> new BookingCommand.RefundQuoteReceived(new RefundQuote(quoteId, scope,
                    Money.of("100", "BDT"), Money.of("10", "BDT"), now.plus(ahead)));
            case 12 -> new BookingCommand.ConfirmRefund(quoteId, now);
            case 13 -> new BookingCommand.DeclineRefund(quoteId);
            case 14 -> new BookingCommand.RefundConfirmed(quoteId, now);
            case 15 -> new BookingCommand.ExchangeConfirmed(Set.of(TICKET.number()),
                    List.of(Document.issued("1762000000009", DocumentType.TICKET, 2)), now);
            case 16 -> new BookingCommand.Expire(now);
            case 17 -> new BookingCommand.Cancel("changed plans");
            case 19 -> new BookingCommand.RequestEmd(requestId, Money.of("10", "BDT"), false);
            case 21 -> new BookingCommand.RefundRefused(quoteId, "QUOTE_EXPIRED");
            case 20 -> new BookingCommand.EmdIssued(requestId,
                    List.of(Document.issued("176200000001" + step.pick(), DocumentType.EMD_ASSOCIATED, 1)));
            default -> new BookingCommand.IssueConfirmed("r" + step.pick(), List.of(TICKET), now);
        };
    }

    @Property(tries = 10000)
    void theHistoryOfEveryBookingKeepsTicketsAndMoneyRight(@ForAll @Size(min = 10, max = 60) List<@From("steps") Step> steps) {
        BookingStatus status = new BookingStatus.Draft();
        Instant now = START;
        List<PostEntry> entries = new ArrayList<>();
        Set<String> sentIssueRequests = new HashSet<>();
        String lastSentIssueRequest = null;
        for (Step step : steps) {
            now = now.plus(Duration.ofMinutes(step.minutesLater()));
            BookingCommand command = command(step, now);
            Decision decision = BookingMachine.decide(status, command);
            if (status.state().isTerminal()) {
                assertThat(decision).as("nothing leaves a terminal state").isInstanceOfSatisfying(
                        Decision.Rejected.class, rejected -> assertThat(rejected.rejection().code())
                                .isEqualTo(BookingErrorCode.BOOKING_ILLEGAL_TRANSITION));
            }
            if (!(decision instanceof Decision.Accepted accepted)) {
                continue;
            }
            List<BookingEffect> effects = accepted.effects();
            for (int i = 0; i < effects.size(); i++) {
                if (effects.get(i) instanceof CallSupplier call && call.call() == SupplierCall.ISSUE) {
                    assertThat(i).as("recorded before the call").isPositive();
                    assertThat(effects.get(i - 1)).isEqualTo(new RecordSupplierRequest(call.reference(), SupplierCall.ISSUE));
                    assertThat(sentIssueRequests.add(call.reference())).as("an issue request is never sent twice")
                            .isTrue();
                    lastSentIssueRequest = call.reference();
                }
                if (effects.get(i) instanceof PostEntry entry) {
                    entries.add(entry);
                }
            }
            if (accepted.next().state() == BookingState.ISSUED && status.state() != BookingState.ISSUED
                    && status.state() != BookingState.REFUND_QUOTED) {
                assertThat(command).as("only a confirmation issues").isInstanceOf(BookingCommand.IssueConfirmed.class);
                assertThat(((BookingCommand.IssueConfirmed) command).requestId())
                        .as("of the request sent last").isEqualTo(lastSentIssueRequest);
            }
            status = accepted.next();
            assertEntriesConsistent(entries);
        }
        // The histories must reach every end a booking can have, or the invariants above were checked on little.
        Statistics.label("final state").collect(status.state());
        Statistics.label("final state").coverage(coverage -> {
            for (BookingState state : List.of(BookingState.ISSUED, BookingState.VOIDED, BookingState.REFUND_QUOTED,
                    BookingState.REFUNDED, BookingState.EXCHANGED, BookingState.EXPIRED, BookingState.CANCELLED)) {
                coverage.check(state).count(count -> count > 0);
            }
        });
    }

    /**
     * One issue entry at most; EMDs post once each, after it; a void reverses exactly what was sold, once, and
     * nothing else follows it; refunds cover sold documents at most once; the ticket is exchanged once at most.
     */
    private static void assertEntriesConsistent(List<PostEntry> entries) {
        List<PostEntry> issues = entries.stream().filter(e -> e.event() == PostingEvent.ISSUE).toList();
        List<PostEntry> voids = entries.stream().filter(e -> e.event() == PostingEvent.VOID).toList();
        List<PostEntry> refunds = entries.stream().filter(e -> e.event() == PostingEvent.REFUND).toList();
        List<PostEntry> exchanges = entries.stream().filter(e -> e.event() == PostingEvent.EXCHANGE).toList();
        assertThat(issues).hasSizeLessThanOrEqualTo(1);
        if (issues.isEmpty()) {
            assertThat(entries).as("nothing is posted before the issue").isEmpty();
            return;
        }
        assertThat(entries.getFirst()).isEqualTo(issues.getFirst());
        List<Document> sold = new ArrayList<>(issues.getFirst().documents());
        entries.stream().filter(e -> e.event() == PostingEvent.EMD).forEach(e -> sold.addAll(e.documents()));
        assertThat(sold.stream().map(Document::number).distinct().count()).as("an EMD posts once")
                .isEqualTo(sold.size());
        assertThat(voids).hasSizeLessThanOrEqualTo(1);
        voids.forEach(entry -> assertThat(entry.documents()).containsExactlyInAnyOrderElementsOf(sold));
        // A void takes back everything sold; refunds and exchanges each take some tickets, never the same ones
        // (an exchanged or refunded ticket has no open coupon left), and this model sells one ticket.
        assertThat(voids.size() + (refunds.isEmpty() && exchanges.isEmpty() ? 0 : 1))
                .as("a voided booking is neither refunded nor exchanged").isLessThanOrEqualTo(1);
        assertThat(exchanges).as("the one ticket is exchanged once at most").hasSizeLessThanOrEqualTo(1);
        Set<String> issued = new HashSet<>(sold.stream().map(Document::number).toList());
        Set<String> refunded = new HashSet<>();
        for (PostEntry refund : refunds) {
            for (Document document : refund.documents()) {
                assertThat(issued).contains(document.number());
                assertThat(refunded.add(document.number())).as("refunded once").isTrue();
            }
        }
    }
}
