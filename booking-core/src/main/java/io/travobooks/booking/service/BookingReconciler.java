package io.travobooks.booking.service;

import io.travobooks.booking.BookingErrorCode;
import io.travobooks.booking.BookingState;
import io.travobooks.booking.BookingStatus;
import io.travobooks.booking.internal.BookingCommand;
import io.travobooks.booking.internal.BookingEffect.SupplierCall;
import io.travobooks.booking.internal.BookingMachine;
import io.travobooks.ledger.LedgerBatch;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.Rejection;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.booking.BookingRef;
import io.travobooks.spi.booking.StoredBooking;
import io.travobooks.spi.booking.SupplierRequest;
import io.travobooks.spi.lock.Lease;
import io.travobooks.spi.supplier.SupplierGateway;
import io.travobooks.spi.supplier.SupplierOrder;
import io.travobooks.spi.supplier.SupplierResult;
import io.travobooks.spi.travel.CouponStatus;
import io.travobooks.spi.travel.Document;
import io.travobooks.spi.travel.DocumentType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Settles what a booking command left open: an issue whose answer never came, EMD requests and voids answered
 * ambiguously, a refund or exchange the airline made but never confirmed, postings the ledger refused when the
 * supplier acted; and expires holds past their ticketing time limit. Run {@link #reconcileDue} and
 * {@link #expireDue} from a scheduler; {@link #reconcile} and {@link #repost} act on one booking.
 */
public final class BookingReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(BookingReconciler.class);
    private static final Set<String> EXPIRABLE = Set.of(BookingState.HELD.name(), BookingState.PRICED.name(),
            BookingState.PENDING_APPROVAL.name(), BookingState.ISSUE_FAILED.name());
    private static final Set<String> UNSETTLED = Set.of(BookingState.ISSUING.name(),
            BookingState.ISSUE_UNKNOWN.name());
    /**
     * The states the reconciler sweeps: an unsettled issue, and issued, voided or refund-quoted bookings with a
     * deadline (a posting that waits for the ledger, an exchange confirmation left unfinished, an answer whose
     * postings the ledger refused).
     */
    private static final Set<String> RECONCILED = Set.of(BookingState.ISSUING.name(),
            BookingState.ISSUE_UNKNOWN.name(), BookingState.ISSUED.name(), BookingState.VOIDED.name(),
            BookingState.REFUND_QUOTED.name());
    /** Back-office event: a posting the ledger refused earlier has been taken. */
    private static final String POSTED = "accounting.posted";

    private final BookingRuntime runtime;
    private final BookingTransitions transitions;
    private final SupplierCalls calls;

    BookingReconciler(BookingRuntime runtime, BookingTransitions transitions, SupplierCalls calls) {
        this.runtime = runtime;
        this.transitions = transitions;
        this.calls = calls;
    }

    /**
     * Settles an issue whose outcome is not known (ISSUING after a crash, ISSUE_UNKNOWN after an ambiguous
     * answer) by asking the supplier for the order that request id produced: tickets found complete the issue
     * (entries and event included); "never received" fails it, so that it may be issued again with a new request.
     * On an issued booking it settles EMD requests answered ambiguously, a void the airline made but never
     * confirmed and an exchange confirmation left unfinished; on a confirmed refund quote, a refund the airline made
     * but never confirmed; on a booking whose posting waits, it reposts. Any other booking is returned as it is.
     */
    public Outcome<Booking> reconcile(RequestContext context, String bookingId) {
        return runtime.locked(context, bookingId, lease -> {
            Outcome<Booking> outcome = reconcileHeld(context, bookingId, lease);
            return moveOnIfStillDue(context, bookingId, lease) ? runtime.find(context, bookingId)
                    .<Outcome<Booking>>map(booking -> outcome.isOk() ? Outcome.ok(booking) : outcome)
                    .orElse(outcome) : outcome;
        });
    }

    /**
     * Posts what waits on a booking whose supplier action the ledger refused to post when it was recorded (see
     * {@link Unposted}), dated today: the issue's entries and deposit capture, or the void's reversals. Done, the
     * booking carries nothing waiting and {@code accounting.posted} is published; refused again, the booking keeps
     * waiting, with the new reason, and the refusal is returned. A booking with nothing waiting is returned as it is.
     * {@link #reconcileDue} does this for every booking whose posting waits.
     */
    public Outcome<Booking> repost(RequestContext context, String bookingId) {
        return runtime.locked(context, bookingId, lease -> repostHeld(context, bookingId, lease));
    }

    /**
     * Reconciles up to {@code max} bookings that are due: issues whose outcome is unsettled, postings that wait for
     * the ledger, exchange confirmations left unfinished. Returns how many it settled.
     */
    public int reconcileDue(int max) {
        return sweep(RECONCILED, max, (context, ref) -> reconcile(context, ref.id()),
                booking -> !UNSETTLED.contains(booking.status().state().name()) && booking.unposted().isEmpty()
                        && booking.exchangeFollowOn().isEmpty());
    }

    /** Expires up to {@code max} holds past their ticketing time limit; returns how many expired. */
    public int expireDue(int max) {
        return sweep(EXPIRABLE, max, (context, ref) -> runtime.locked(context, ref.id(), lease ->
                        transitions.transition(context, ref.id(), lease,
                                        booking -> new BookingCommand.Expire(runtime.now()), RequestDetails.NONE)
                                .flatMap(step -> calls.call(context, lease, step))),
                booking -> booking.status().state() == BookingState.EXPIRED);
    }

    private int sweep(Set<String> states, int max, BiFunction<RequestContext, BookingRef, Outcome<Booking>> action,
                      Predicate<Booking> done) {
        List<BookingRef> due = runtime.inTransaction(uow -> runtime.store().due(uow, states, runtime.now(), max));
        int count = 0;
        for (BookingRef ref : due) {
            try {
                Outcome<Booking> outcome = action.apply(new RequestContext(ref.tenant(), BookingRuntime.SWEEPER), ref);
                if (outcome instanceof Outcome.Ok<Booking> ok && done.test(ok.value())) {
                    count++;
                }
            } catch (RuntimeException failure) {
                // One booking that cannot be handled now must not stop the others of the pass.
                LOG.error("sweeping booking {} of tenant {} failed", ref.id(), ref.tenant(), failure);
            }
        }
        return count;
    }

    private Outcome<Booking> repostHeld(RequestContext context, String bookingId, Lease lease) {
        return runtime.inTransactionUnlessRefused(uow -> runtime.loadLocked(uow, context.tenant(), bookingId)
                .flatMap(booking -> {
                    if (booking.unposted().isEmpty()) {
                        return Outcome.ok(Outcome.ok(booking));
                    }
                    Unposted waiting = booking.unposted().get();
                    Instant now = runtime.now();
                    LocalDate today = runtime.dateOf(now);
                    Optional<Rejection> notNow = BookingMachine.checkRepost(booking);
                    if (notNow.isPresent()) {
                        return new Outcome.Refused<>(notNow.get());
                    }
                    Outcome<LedgerBatch> batch = switch (waiting.event()) {
                        case ISSUE -> runtime.postings().issue(booking, booking.documents().stream()
                                .filter(document -> document.type() == DocumentType.TICKET).toList(), today);
                        case VOID -> runtime.postings().voidOf(uow, context, booking, booking.documents(), today);
                        case REFUND, EMD, EXCHANGE ->
                                throw new IllegalStateException("the machine refuses a repost of " + waiting.event());
                    };
                    return batch.flatMap(ready -> {
                        Optional<String> refused = runtime.postings().apply(uow, context, ready);
                        Booking next = booking.with(booking.status(), booking.documents()).withUnposted(refused.map(
                                reason -> new Unposted(waiting.event(), reason, waiting.since())));
                        // The new reason is kept even when refused again: the outer outcome carries that refusal.
                        return runtime.writeFenced(uow, next, lease, now).map(written -> {
                            if (refused.isPresent()) {
                                return Outcome.<Booking>refused(BookingErrorCode.BOOKING_POSTING_REFUSED,
                                        refused.get());
                            }
                            runtime.publish(uow, written, POSTED, now);
                            return Outcome.ok(written);
                        });
                    });
                })).flatMap(outcome -> outcome);
    }

    /**
     * Makes sure the sweep, which takes the earliest deadlines first, is never held up by one booking: a booking
     * of the reconciler's states still due after a pass is given its next try {@link BookingMachine#RECONCILE_AFTER}
     * on if it still waits for something (an unsettled issue, a posting, an exchange), and its usual deadline
     * otherwise (none for an issued booking). @return whether it wrote
     */
    private boolean moveOnIfStillDue(RequestContext context, String bookingId, Lease lease) {
        Instant now = runtime.now();
        return runtime.inTransaction(uow -> runtime.store().lock(uow, context.tenant(), bookingId)
                .filter(stored -> RECONCILED.contains(stored.state())
                        && stored.deadline().filter(deadline -> !deadline.isAfter(now)).isPresent())
                .map(stored -> {
                    Booking booking = BookingCodec.decode(stored, runtime.store().documents(uow, context.tenant(),
                            bookingId));
                    boolean waits = UNSETTLED.contains(stored.state()) || booking.unposted().isPresent()
                            || booking.exchangeFollowOn().isPresent();
                    Optional<Instant> next = waits ? Optional.of(now.plus(BookingMachine.RECONCILE_AFTER))
                            : runtime.deadline(booking, now);
                    return runtime.writeFenced(uow, stored.next(stored.state(), stored.pnr(), next, stored.data()),
                            lease).isOk();
                }).orElse(false));
    }

    private Outcome<Booking> reconcileHeld(RequestContext context, String bookingId, Lease lease) {
        Optional<Booking> found = runtime.find(context, bookingId);
        if (found.isEmpty()) {
            return BookingRuntime.notFound(bookingId);
        }
        Booking booking = found.get();
        if (booking.unposted().filter(waiting -> BookingMachine.recordedWhateverTheLedgerSays(
                waiting.event())).isPresent()) {
            return repostHeld(context, bookingId, lease);
        }
        if (booking.status() instanceof BookingStatus.Issued) {
            return reconcileEmds(context, booking, lease)
                    .flatMap(current -> reconcileVoid(context, current, lease))
                    .flatMap(current -> reconcileExchange(context, current, lease));
        }
        if (booking.status() instanceof BookingStatus.RefundQuoted quoted && quoted.confirming()) {
            return reconcileRefund(context, booking, quoted, lease);
        }
        Optional<String> requestId = switch (booking.status()) {
            case BookingStatus.Issuing issuing -> Optional.of(issuing.requestId());
            case BookingStatus.IssueUnknown unknown -> Optional.of(unknown.requestId());
            default -> Optional.empty();
        };
        if (requestId.isEmpty() || inFlight(context, booking)) {
            return Outcome.ok(booking);
        }
        BookingCommand answer = issueAnswer(requestId.get());
        if (answer instanceof BookingCommand.IssueAmbiguous && booking.status() instanceof BookingStatus.IssueUnknown) {
            return postpone(context, booking, lease); // still unknown: a later pass asks again
        }
        Outcome<Booking> settled = transitions.transition(context, bookingId, lease, current -> answer,
                RequestDetails.NONE).map(Step::booking);
        if (!settled.isOk()) {
            postpone(context, booking, lease); // cannot settle now (a posting refused): not every pass
        }
        return settled;
    }

    /** What the supplier says became of the issue request, asked by its id. */
    private BookingCommand issueAnswer(String requestId) {
        return switch (runtime.supplier().retrieveByRequest(requestId)) {
            case SupplierResult.Success<SupplierOrder> found -> found.value().issueRequestIds().contains(requestId)
                    && !found.value().documents().isEmpty()
                    ? calls.confirmed(requestId, found.value())
                    : new BookingCommand.IssueRejected(requestId, "the order has no documents for the request");
            case SupplierResult.Refused<SupplierOrder> no -> no.code().equals(SupplierGateway.NOT_FOUND)
                    ? new BookingCommand.IssueRejected(requestId, "the supplier never received the request")
                    : new BookingCommand.IssueAmbiguous(requestId, "retrieve refused: " + no.code(), runtime.now());
            case SupplierResult.Unknown<SupplierOrder> unknown -> new BookingCommand.IssueAmbiguous(requestId,
                    "retrieve: " + unknown.reason(), runtime.now());
        };
    }

    /**
     * Moves an unsettled booking's deadline {@link BookingMachine#RECONCILE_AFTER} ahead, so that the sweeper, which
     * takes the earliest deadlines first, does not spend every pass on the same bookings.
     */
    private Outcome<Booking> postpone(RequestContext context, Booking booking, Lease lease) {
        runtime.inTransaction(uow -> runtime.store().lock(uow, context.tenant(), booking.id()).map(stored ->
                runtime.writeFenced(uow, stored.next(stored.state(), stored.pnr(), Optional.of(runtime.now()
                        .plus(BookingMachine.RECONCILE_AFTER)), stored.data()), lease)));
        return runtime.find(context, booking.id()).<Outcome<Booking>>map(Outcome::ok)
                .orElseGet(() -> BookingRuntime.notFound(booking.id()));
    }

    /** An issued booking whose tickets the airline shows voided (a void whose answer never came) is voided. */
    private Outcome<Booking> reconcileVoid(RequestContext context, Booking booking, Lease lease) {
        if (!(runtime.supplier().retrieve(booking.pnr()) instanceof SupplierResult.Success<SupplierOrder> found)
                || found.value().status() != SupplierOrder.Status.VOIDED) {
            return Outcome.ok(booking);
        }
        return calls.answer(context, booking, lease, new BookingCommand.VoidConfirmed(runtime.now()));
    }

    /**
     * An exchange confirmation whose confirmer died or whose commit failed, once its grace has passed: the airline is
     * asked again (it answers a repeated confirmation with the order as it is) and the exchange recorded.
     */
    private Outcome<Booking> reconcileExchange(RequestContext context, Booking booking, Lease lease) {
        if (booking.exchangeFollowOn().isEmpty() || booking.exchangeQuote().isEmpty()) {
            return Outcome.ok(booking);
        }
        String quoteId = booking.exchangeQuote().get().quoteId();
        boolean inFlight = runtime.inTransaction(uow -> runtime.store().requests(uow, booking.tenant(), booking.id()))
                .stream().anyMatch(request -> request.requestId().equals(quoteId) && !unsettled(request)
                        && request.status() == SupplierRequest.Status.PENDING);
        return inFlight ? Outcome.ok(booking) : calls.confirmExchange(context, booking, lease);
    }

    /** A confirmed refund quote whose answer never came is settled from the documents the airline shows. */
    private Outcome<Booking> reconcileRefund(RequestContext context, Booking booking, BookingStatus.RefundQuoted quoted,
                                             Lease lease) {
        if (!(runtime.supplier().retrieve(booking.pnr()) instanceof SupplierResult.Success<SupplierOrder> found)) {
            return Outcome.ok(booking);
        }
        List<Document> quotedDocuments = found.value().documents().stream()
                .filter(document -> quoted.quote().documentNumbers().contains(document.number())).toList();
        if (quotedDocuments.size() != quoted.quote().documentNumbers().size()) {
            return Outcome.ok(booking); // the airline does not show them all: nothing to conclude from
        }
        String quoteId = quoted.quote().quoteId();
        if (quotedDocuments.stream().allMatch(d -> d.coupons().stream().allMatch(CouponStatus.REFUNDED::equals))) {
            return calls.answer(context, booking, lease, new BookingCommand.RefundConfirmed(quoteId, runtime.now()));
        }
        if (!runtime.now().isBefore(quoted.quote().expiresAt())
                && quotedDocuments.stream().allMatch(Document::allCouponsOpen)) {
            return calls.answer(context, booking, lease, new BookingCommand.RefundRefused(quoteId,
                    "the quote expired and the airline did not refund"));
        }
        return Outcome.ok(booking);
    }

    /** Settles EMD requests of an issued booking whose answer was ambiguous, by request id. */
    private Outcome<Booking> reconcileEmds(RequestContext context, Booking booking, Lease lease) {
        List<SupplierRequest> open = runtime.inTransaction(uow ->
                runtime.store().requests(uow, booking.tenant(), booking.id())).stream()
                .filter(request -> request.call().equals(SupplierCall.EMD.name()) && unsettled(request))
                .toList();
        Outcome<Booking> result = Outcome.ok(booking);
        for (SupplierRequest request : open) {
            Booking current = result instanceof Outcome.Ok<Booking> ok ? ok.value() : booking;
            switch (runtime.supplier().retrieveByRequest(request.requestId())) {
                case SupplierResult.Success<SupplierOrder> found -> {
                    List<Document> emds = calls.newDocuments(current, found.value(),
                            type -> type != DocumentType.TICKET);
                    result = emds.isEmpty() ? result : calls.answer(context, current, lease,
                            new BookingCommand.EmdIssued(request.requestId(), emds));
                }
                case SupplierResult.Refused<SupplierOrder> no -> {
                    if (no.code().equals(SupplierGateway.NOT_FOUND)) {
                        calls.settle(current, request.requestId(), SupplierRequest.Status.FAILED);
                    }
                }
                case SupplierResult.Unknown<SupplierOrder> ignored -> { } // the next pass asks again
            }
        }
        return result;
    }

    /**
     * A request whose answer never arrived: answered ambiguously, or still pending past the issuing grace (its
     * sender died, lost its lease or had its commit refused after the supplier acted).
     */
    private boolean unsettled(SupplierRequest request) {
        return request.status() == SupplierRequest.Status.UNKNOWN
                || request.status() == SupplierRequest.Status.PENDING
                && !runtime.now().isBefore(request.createdAt().plus(runtime.options().issuingGrace()));
    }

    /**
     * An issue request younger than the issuing grace (ISSUING), or answered ambiguously less than
     * {@link BookingMachine#RECONCILE_AFTER} ago (ISSUE_UNKNOWN), may still be on its way to the supplier: asking
     * now could find nothing and fail a booking the airline is about to ticket.
     */
    private boolean inFlight(RequestContext context, Booking booking) {
        if (!(booking.status() instanceof BookingStatus.Issuing)
                && !(booking.status() instanceof BookingStatus.IssueUnknown)) {
            return false;
        }
        Optional<Instant> deadline = runtime.inTransaction(uow ->
                runtime.store().find(uow, context.tenant(), booking.id()).flatMap(StoredBooking::deadline));
        return deadline.isPresent() && runtime.now().isBefore(deadline.get());
    }
}
