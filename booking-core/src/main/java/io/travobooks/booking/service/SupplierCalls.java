package io.travobooks.booking.service;

import io.travobooks.booking.BookingErrorCode;
import io.travobooks.booking.BookingState;
import io.travobooks.booking.PostingEvent;
import io.travobooks.booking.RefundQuote;
import io.travobooks.booking.internal.BookingCommand;
import io.travobooks.booking.internal.BookingEffect.CallSupplier;
import io.travobooks.spi.Money;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.Rejection;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.booking.SupplierRequest;
import io.travobooks.spi.lock.Lease;
import io.travobooks.spi.supplier.ExchangeOffer;
import io.travobooks.spi.supplier.SupplierGateway;
import io.travobooks.spi.supplier.SupplierOrder;
import io.travobooks.spi.supplier.SupplierResult;
import io.travobooks.spi.travel.Document;
import io.travobooks.spi.travel.DocumentType;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Makes the supplier calls a committed transition asked for, outside any transaction, and records each answer as
 * the next transition. A refusal of the ledger after the supplier acted is flagged on the booking, never lost.
 */
final class SupplierCalls {
    /** Refusals of an answer that mean the ledger could not take its postings. */
    private static final Set<BookingErrorCode> POSTING_REFUSALS = EnumSet.of(BookingErrorCode.BOOKING_POSTING_REFUSED,
            BookingErrorCode.BOOKING_NO_POSTING_RULE, BookingErrorCode.BOOKING_POSTING_RULE_UNBALANCED);

    private final BookingRuntime runtime;
    private final BookingTransitions transitions;

    SupplierCalls(BookingRuntime runtime, BookingTransitions transitions) {
        this.runtime = runtime;
        this.transitions = transitions;
    }

    Outcome<Booking> call(RequestContext context, Lease lease, Step step) {
        return call(context, lease, step, "");
    }

    /** {@code reason} goes with an EMD request (the airline's reason for issuance, for example XBAG). */
    Outcome<Booking> call(RequestContext context, Lease lease, Step step, String reason) {
        Outcome<Booking> result = Outcome.ok(step.booking());
        for (CallSupplier call : step.calls()) {
            Booking booking = step.booking();
            SupplierGateway supplier = runtime.supplier();
            result = switch (call.call()) {
                case ISSUE -> answer(context, booking, lease, issueAnswer(booking, call.reference())).map(after -> {
                    if (after.status().state() == BookingState.ISSUED) {
                        runtime.observer().reached(IssuanceObserver.Step.ISSUE_COMMITTED, after.id());
                    }
                    return after;
                });
                case VOID -> SupplierAnswers.outcome(supplier.voidDocuments(booking.pnr())).flatMap(voided ->
                        answer(context, booking, lease, new BookingCommand.VoidConfirmed(runtime.now())));
                case REFUND_QUOTE -> SupplierAnswers.outcome(supplier.refundQuote(booking.pnr(),
                        Set.of(call.reference().split(",")))).flatMap(offer -> answer(context, booking, lease,
                        new BookingCommand.RefundQuoteReceived(new RefundQuote(offer.quoteId(),
                                offer.documentNumbers(), offer.refundable(), offer.penalty(), offer.expiresAt()))));
                case REFUND_CONFIRM -> refundConfirm(context, booking, lease, call.reference());
                case EMD -> emd(context, booking, lease, call.reference(), reason);
                case EXCHANGE_QUOTE -> SupplierAnswers.outcome(supplier.exchangeQuote(booking.pnr(),
                        call.documents(), call.reference())).flatMap(quote ->
                        answer(context, booking, lease, new BookingCommand.ExchangeQuoteReceived(quote)));
                case EXCHANGE_CONFIRM -> confirmExchange(context, booking, lease);
                case CANCEL_HOLD -> {
                    supplier.cancel(booking.pnr()); // best effort: an unreleased hold lapses at its time limit
                    yield Outcome.ok(booking);
                }
            };
        }
        return result;
    }

    private Outcome<Booking> refundConfirm(RequestContext context, Booking booking, Lease lease, String quoteId) {
        return switch (runtime.supplier().refundConfirm(booking.pnr(), quoteId)) {
            case SupplierResult.Success<SupplierOrder> ignored -> answer(context, booking, lease,
                    new BookingCommand.RefundConfirmed(quoteId, runtime.now()));
            // The booking is issued again (a new quote may be asked for), and the caller learns why.
            case SupplierResult.Refused<SupplierOrder> no -> answer(context, booking, lease,
                    new BookingCommand.RefundRefused(quoteId, no.code() + ": " + no.message()))
                    .flatMap(issuedAgain -> new Outcome.Refused<>(SupplierAnswers.refusal(no)));
            case SupplierResult.Unknown<SupplierOrder> unknown -> SupplierAnswers.unclear(unknown,
                    "; reconcile the booking to learn whether the refund was made");
        };
    }

    /**
     * Asks the airline to confirm the booking's kept exchange quote (a confirmation sent again answers the order as
     * it is) and records the exchange, answering the follow-on booking; a refusal ends the confirmation, an unclear
     * answer leaves it to the reconciler.
     */
    Outcome<Booking> confirmExchange(RequestContext context, Booking booking, Lease lease) {
        ExchangeOffer quote = booking.exchangeQuote().orElseThrow();
        String quoteId = quote.quoteId();
        return switch (runtime.supplier().exchangeConfirm(booking.pnr(), quoteId)) {
            case SupplierResult.Success<SupplierOrder> exchanged -> {
                List<Document> newTickets = newDocuments(booking, exchanged.value(),
                        type -> type == DocumentType.TICKET);
                Outcome<Step> step = transitions.transition(context, booking.id(), lease,
                        current -> new BookingCommand.ExchangeConfirmed(quote.documentNumbers(), newTickets,
                                runtime.now()),
                        RequestDetails.reissued(exchanged.value()));
                yield flaggingPostingRefusals(context, booking.id(), lease, PostingEvent.EXCHANGE,
                        step.map(committed -> committed.followOn().orElse(committed.booking())));
            }
            case SupplierResult.Refused<SupplierOrder> no -> answer(context, booking, lease,
                    new BookingCommand.ExchangeRefused(quoteId))
                    .flatMap(ended -> new Outcome.Refused<>(SupplierAnswers.refusal(no)));
            case SupplierResult.Unknown<SupplierOrder> unknown -> SupplierAnswers.unclear(unknown,
                    "; reconcile the booking to learn whether the airline exchanged");
        };
    }

    /** Sends the recorded EMD request; an ambiguous answer leaves it UNKNOWN for the reconciler. */
    private Outcome<Booking> emd(RequestContext context, Booking booking, Lease lease, String requestId,
                                 String reason) {
        Money amount = runtime.inTransaction(uow -> runtime.store().requests(uow, booking.tenant(), booking.id()))
                .stream().filter(request -> request.requestId().equals(requestId)).findFirst()
                .flatMap(SupplierRequest::amount).orElseThrow();
        SupplierResult<SupplierOrder> result = runtime.supplier().issueEmd(booking.pnr(), requestId, amount, reason);
        return switch (result) {
            case SupplierResult.Success<SupplierOrder> issued ->
                    answer(context, booking, lease, new BookingCommand.EmdIssued(requestId,
                            newDocuments(booking, issued.value(), type -> type != DocumentType.TICKET)));
            case SupplierResult.Refused<SupplierOrder> no -> {
                settle(booking, requestId, SupplierRequest.Status.FAILED);
                yield new Outcome.Refused<>(SupplierAnswers.refusal(no));
            }
            case SupplierResult.Unknown<SupplierOrder> unknown -> {
                settle(booking, requestId, SupplierRequest.Status.UNKNOWN);
                yield SupplierAnswers.unclear(unknown, "; reconcile the booking to learn whether the EMD was issued");
            }
        };
    }

    void settle(Booking booking, String requestId, SupplierRequest.Status status) {
        runtime.inTransaction(uow -> {
            runtime.store().settleRequest(uow, booking.tenant(), requestId, status);
            return null;
        });
    }

    /** The order's open documents of the given types that no booking of the tenant holds yet. */
    List<Document> newDocuments(Booking booking, SupplierOrder order, Predicate<DocumentType> types) {
        List<Document> candidates = order.documents().stream()
                .filter(d -> types.test(d.type()) && d.allCouponsOpen()).toList();
        // Another booking of the tenant may hold some (a follow-on booking shares its PNR with the original).
        Set<String> stored = runtime.inTransaction(uow -> runtime.store().storedDocuments(uow, booking.tenant(),
                candidates.stream().map(Document::number).toList()));
        return candidates.stream().filter(d -> !stored.contains(d.number())).toList();
    }

    private BookingCommand issueAnswer(Booking booking, String requestId) {
        runtime.observer().reached(IssuanceObserver.Step.REQUEST_RECORDED, booking.id());
        SupplierResult<SupplierOrder> answer = runtime.supplier().issue(booking.pnr(), requestId);
        runtime.observer().reached(IssuanceObserver.Step.SUPPLIER_ANSWERED, booking.id());
        return switch (answer) {
            case SupplierResult.Success<SupplierOrder> issued -> confirmed(requestId, issued.value());
            case SupplierResult.Refused<SupplierOrder> no ->
                    new BookingCommand.IssueRejected(requestId, no.code() + ": " + no.message());
            case SupplierResult.Unknown<SupplierOrder> unknown ->
                    new BookingCommand.IssueAmbiguous(requestId, unknown.reason(), runtime.now());
        };
    }

    BookingCommand.IssueConfirmed confirmed(String requestId, SupplierOrder order) {
        return new BookingCommand.IssueConfirmed(requestId, order.documents(),
                order.issuedAt().orElseGet(runtime.clock()::instant));
    }

    /**
     * Records a supplier's answer as the next transition. The supplier has acted, so a ledger refusal now is flagged
     * (see {@link #flagPostingRefused}) rather than only returned.
     */
    Outcome<Booking> answer(RequestContext context, Booking booking, Lease lease, BookingCommand answer) {
        Outcome<Booking> outcome = transitions.transition(context, booking.id(), lease, current -> answer,
                RequestDetails.NONE).map(Step::booking);
        return BookingTransitions.answeredEvent(answer).map(event -> flaggingPostingRefusals(context, booking.id(),
                lease, event, outcome)).orElse(outcome);
    }

    private Outcome<Booking> flaggingPostingRefusals(RequestContext context, String bookingId, Lease lease,
                                                     PostingEvent event, Outcome<Booking> outcome) {
        if (outcome instanceof Outcome.Refused<Booking> refused
                && refused.rejection().code() instanceof BookingErrorCode code && POSTING_REFUSALS.contains(code)) {
            flagPostingRefused(context, bookingId, lease, event, refused.rejection());
        }
        return outcome;
    }

    /**
     * A refund, EMD or exchange the supplier made whose postings the ledger refused (the transition rolled back):
     * the booking keeps {@link Unposted} for it, so the supplier is asked for nothing more and the reconciler, which
     * learns the answer from the supplier again, records it once the ledger takes it (which clears the mark).
     * {@code accounting.posting_refused} announces it the first time. Never silent, never lost.
     */
    private void flagPostingRefused(RequestContext context, String bookingId, Lease lease, PostingEvent event,
                                    Rejection refusal) {
        Instant now = runtime.now();
        runtime.inTransaction(uow -> runtime.load(uow, context.tenant(), bookingId, true).map(booking -> {
            boolean first = booking.unposted().isEmpty();
            Booking flagged = booking.with(booking.status(), booking.documents()).withUnposted(Optional.of(
                    new Unposted(event, refusal.detail(), booking.unposted().map(Unposted::since).orElse(now))));
            boolean written = runtime.writeFenced(uow, flagged, lease, now).isOk();
            if (written && first) {
                runtime.publish(uow, flagged, BookingTransitions.POSTING_REFUSED, now,
                        Map.of("reason", refusal.detail()));
            }
            return written;
        }));
    }
}
