package io.travobooks.booking.service;

import io.travobooks.booking.BookingErrorCode;
import io.travobooks.booking.BookingStatus;
import io.travobooks.booking.PostingEvent;
import io.travobooks.booking.internal.BookingCommand;
import io.travobooks.booking.internal.BookingEffect;
import io.travobooks.booking.internal.BookingEffect.CallSupplier;
import io.travobooks.booking.internal.BookingEffect.PostEntry;
import io.travobooks.booking.internal.BookingEffect.SupplierCall;
import io.travobooks.booking.internal.BookingMachine;
import io.travobooks.booking.internal.Decision;
import io.travobooks.ledger.LedgerBatch;
import io.travobooks.spi.Money;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.Rejection;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.booking.SupplierRequest;
import io.travobooks.spi.lock.Lease;
import io.travobooks.spi.supplier.SupplierOrder;
import io.travobooks.spi.travel.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one transition path of every booking command: load and lock the booking, let {@link BookingMachine} decide,
 * and commit the decision in one transaction (its stored effects, the postings, the new version under the lease's
 * fencing token, the outbox events). A refusal anywhere rolls the whole transaction back. Supplier calls the
 * decision asks for are returned, to be made after the commit.
 */
final class BookingTransitions {
    /** Back-office event: the ledger refused what a supplier action implies. */
    static final String POSTING_REFUSED = "accounting.posting_refused";

    private final BookingRuntime runtime;
    private final TransitionEffects effects;

    BookingTransitions(BookingRuntime runtime) {
        this.runtime = runtime;
        this.effects = new TransitionEffects(runtime);
    }

    /** What the transaction found: a transition it committed, or a request whose key was used before. */
    private sealed interface Committed {
    }

    private record Written(Step step) implements Committed {
    }

    private record KeyUsedBefore(SupplierRequest earlier) implements Committed {
    }

    /** Decides {@code command} on the booking as it is now and commits the decision. */
    Outcome<Step> transition(RequestContext context, String bookingId, Lease lease,
                             Function<Booking, BookingCommand> command, RequestDetails details) {
        Outcome<Committed> committed = runtime.inTransactionUnlessRefused(uow ->
                runtime.loadLocked(uow, context.tenant(), bookingId).flatMap(current -> {
                    Optional<SupplierRequest> earlier = details.idempotencyKey().flatMap(key ->
                            runtime.store().requestByKey(uow, context.tenant(), key));
                    if (earlier.isPresent()) {
                        return Outcome.ok(new KeyUsedBefore(earlier.get()));
                    }
                    BookingCommand applied = command.apply(current);
                    return switch (BookingMachine.decide(current, applied)) {
                        case Decision.Rejected rejected -> new Outcome.Refused<>(rejected.rejection());
                        case Decision.Accepted accepted -> commit(uow, context, current, applied, accepted, lease,
                                details).map(Written::new);
                    };
                }));
        return committed.flatMap(result -> switch (result) {
            case Written written -> Outcome.ok(written.step());
            case KeyUsedBefore repeat -> replay(context, bookingId, repeat.earlier(), details.call()).map(Step::of);
        });
    }

    /** The booking as the earlier request with the same key left it; refused when the key was for something else. */
    private Outcome<Booking> replay(RequestContext context, String bookingId, SupplierRequest earlier,
                                    Optional<SupplierCall> call) {
        if (!earlier.bookingId().equals(bookingId) || call.isEmpty() || !earlier.call().equals(call.get().name())) {
            return Outcome.refused(BookingErrorCode.BOOKING_KEY_REUSED, "the key was used for a "
                    + earlier.call() + " of booking " + earlier.bookingId());
        }
        return runtime.find(context, bookingId).<Outcome<Booking>>map(Outcome::ok)
                .orElseGet(() -> BookingRuntime.notFound(bookingId));
    }

    private Outcome<Step> commit(UnitOfWork uow, RequestContext context, Booking current, BookingCommand command,
                                 Decision.Accepted accepted, Lease lease, RequestDetails details) {
        Instant now = runtime.now();
        LocalDate today = runtime.dateOf(now);
        List<Document> documents = new ArrayList<>(current.documents());
        List<CallSupplier> calls = new ArrayList<>();
        List<String> events = new ArrayList<>();
        List<PostEntry> toPost = new ArrayList<>();
        for (BookingEffect effect : accepted.effects()) {
            Optional<Rejection> refused = Optional.empty();
            switch (effect) {
                case BookingEffect.StoreDocuments store ->
                        effects.storeDocuments(uow, current, documents, store.documents());
                case BookingEffect.RecordSupplierRequest record ->
                        refused = effects.recordRequest(uow, current, record, details, now);
                case BookingEffect.ReleaseDepositHold ignored ->
                        refused = effects.releaseDepositHold(uow, context, current);
                case BookingEffect.ReserveDeposit reserve ->
                        refused = effects.reserveDeposit(uow, context, current, reserve, today);
                case CallSupplier call -> calls.add(call);
                case PostEntry post -> toPost.add(post);
                case BookingEffect.PublishEvent publish -> events.add(publish.type());
                // What the booking keeps beside its status: set on its next version (see nextVersion).
                case BookingEffect.KeepExchangeQuote ignored -> { }
                case BookingEffect.MarkExchange ignored -> { }
            }
            if (refused.isPresent()) {
                return new Outcome.Refused<>(refused.get());
            }
        }
        effects.settleAnsweredRequest(uow, current, command);
        Optional<Rejection> reserved = effects.reserveApprovalRequest(uow, current, accepted.next(), details, now);
        if (reserved.isPresent()) {
            return new Outcome.Refused<>(reserved.get());
        }
        Outcome<Booking> next = Outcome.ok(nextVersion(current, command, accepted, documents, details));
        if (next instanceof Outcome.Ok<Booking> ok && !calls.isEmpty()) {
            next = effects.checkBeforeCalls(uow, context, current, ok.value(), calls, details, today);
        }
        Optional<Booking> followOn = Optional.empty();
        for (PostEntry post : toPost) {
            if (!(next instanceof Outcome.Ok<Booking> ok)) {
                break;
            }
            if (post.event() == PostingEvent.EXCHANGE) {
                Outcome<Booking> opened = effects.openFollowOn(uow, context, current, post.documents(),
                        details.reissue().orElseThrow(), today);
                followOn = opened instanceof Outcome.Ok<Booking> openedOk ? Optional.of(openedOk.value())
                        : Optional.empty();
                next = opened.map(ignored -> ok.value());
            } else {
                next = post(uow, context, current, ok.value(), post, command, today, now);
            }
        }
        Optional<Booking> opened = followOn;
        return next.flatMap(booking -> runtime.writeFenced(uow, booking, lease, now)).map(written -> {
            for (String type : events) {
                runtime.publish(uow, written, type, now);
            }
            opened.ifPresent(booking -> runtime.publish(uow, booking, "booking.reissued", now));
            if (written.unposted().isPresent() && current.unposted().isEmpty()) {
                runtime.publish(uow, written, POSTING_REFUSED, now, Map.of("reason", written.unposted().get()
                        .reason()));
            }
            if (command instanceof BookingCommand.IssueConfirmed) {
                runtime.observer().reached(IssuanceObserver.Step.ISSUE_WRITTEN, current.id());
            }
            return new Step(written, calls, opened);
        });
    }

    /** The booking's next version: the decided status and documents, and what the effects keep beside them. */
    private Booking nextVersion(Booking current, BookingCommand command, Decision.Accepted accepted,
                                         List<Document> documents, RequestDetails details) {
        Booking next = current.with(accepted.next(), documents);
        for (BookingEffect effect : accepted.effects()) {
            next = switch (effect) {
                case BookingEffect.ReserveDeposit reserve -> next.withDepositHold(reserve.holdId());
                case BookingEffect.KeepExchangeQuote keep -> next.withExchangeQuote(keep.quote());
                case BookingEffect.MarkExchange mark -> next.withExchangeFollowOn(mark.followOnId());
                default -> next;
            };
        }
        if (current.unposted().map(Unposted::event).equals(answeredEvent(command))) {
            next = next.withUnposted(Optional.empty()); // the flagged answer is recorded now
        }
        if (details.fare().isPresent()) {
            next = next.withFare(details.fare().get()); // the machine checked its currency
        }
        return next;
    }

    /**
     * Posts an event the supplier's answer completes, as one batch. The ledger refusing an issue or a void, which
     * the supplier has made, leaves the booking recorded with the posting waiting ({@link Unposted}): the tickets
     * are never lost. Any other refusal refuses the transition.
     */
    private Outcome<Booking> post(UnitOfWork uow, RequestContext context, Booking before, Booking after,
                                  PostEntry post, BookingCommand command, LocalDate today, Instant now) {
        return batchFor(uow, context, before, after, post, command, today).flatMap(batch -> {
            Optional<String> refused = runtime.postings().apply(uow, context, batch);
            if (refused.isEmpty()) {
                return Outcome.ok(after);
            }
            if (!BookingMachine.recordedWhateverTheLedgerSays(post.event())) {
                return Outcome.refused(BookingErrorCode.BOOKING_POSTING_REFUSED,
                        "the " + post.event() + " postings: " + refused.get());
            }
            return Outcome.ok(after.withUnposted(Optional.of(new Unposted(post.event(), refused.get(), now))));
        });
    }

    /** The postings of an event the supplier's answer completes, as one batch. */
    private Outcome<LedgerBatch> batchFor(UnitOfWork uow, RequestContext context, Booking before, Booking after,
                                          PostEntry post, BookingCommand command, LocalDate today) {
        BookingPostings postings = runtime.postings();
        return switch (post.event()) {
            case ISSUE -> postings.issue(after, post.documents(), today);
            case VOID -> postings.voidOf(uow, context, before, post.documents(), today);
            case REFUND -> postings.refund(before, ((BookingStatus.RefundQuoted) before.status()).quote(), today,
                    after.version());
            case EMD -> {
                String requestId = ((BookingCommand.EmdIssued) command).requestId();
                Money amount = runtime.store().requests(uow, before.tenant(), before.id()).stream()
                        .filter(request -> request.requestId().equals(requestId))
                        .findFirst().flatMap(SupplierRequest::amount)
                        .orElseThrow(() -> new IllegalStateException("EMD request " + requestId + " has no amount"));
                yield postings.emd(after, post.documents(), amount, today);
            }
            // The follow-on booking that holds the new documents posts the exchange: see openFollowOn.
            case EXCHANGE -> Outcome.ok(new LedgerBatch());
        };
    }

    /** The posting event a supplier's answer records, for the answers whose refusal is flagged. */
    static Optional<PostingEvent> answeredEvent(BookingCommand command) {
        return switch (command) {
            case BookingCommand.RefundConfirmed ignored -> Optional.of(PostingEvent.REFUND);
            case BookingCommand.RefundRefused ignored -> Optional.of(PostingEvent.REFUND);
            case BookingCommand.EmdIssued ignored -> Optional.of(PostingEvent.EMD);
            case BookingCommand.ExchangeConfirmed ignored -> Optional.of(PostingEvent.EXCHANGE);
            case BookingCommand.ExchangeRefused ignored -> Optional.of(PostingEvent.EXCHANGE);
            default -> Optional.empty();
        };
    }
}
