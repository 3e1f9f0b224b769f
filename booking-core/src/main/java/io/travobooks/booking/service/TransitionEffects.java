package io.travobooks.booking.service;

import io.travobooks.booking.BookingErrorCode;
import io.travobooks.booking.BookingStatus;
import io.travobooks.booking.internal.BookingCommand;
import io.travobooks.booking.internal.BookingEffect.CallSupplier;
import io.travobooks.booking.internal.BookingEffect.SupplierCall;
import io.travobooks.booking.internal.BookingEffect;
import io.travobooks.ledger.JournalEntry;
import io.travobooks.ledger.LedgerBatch;
import io.travobooks.ledger.LedgerErrorCode;
import io.travobooks.ledger.PostResult;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.Rejection;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.booking.SupplierRequest;
import io.travobooks.spi.supplier.ExchangeOffer;
import io.travobooks.spi.supplier.Passenger;
import io.travobooks.spi.supplier.SupplierOrder;
import io.travobooks.spi.travel.Document;
import io.travobooks.spi.travel.DocumentType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The stored effects of a transition, each run in the transition's transaction and answering a refusal as data:
 * documents, supplier requests, the deposit hold, the ledger's check before the supplier acts, and the follow-on
 * booking of an exchange.
 */
final class TransitionEffects {
    private final BookingRuntime runtime;

    TransitionEffects(BookingRuntime runtime) {
        this.runtime = runtime;
    }

    /** Inserts new documents and updates the coupons of ones the booking holds; keeps {@code documents} current. */
    void storeDocuments(UnitOfWork uow, Booking booking, List<Document> documents, List<Document> changed) {
        List<Document> inserted = new ArrayList<>();
        List<Document> updated = new ArrayList<>();
        for (Document document : changed) {
            int index = indexOf(documents, document.number());
            if (index < 0) {
                inserted.add(document);
                documents.add(document);
            } else {
                updated.add(document);
                documents.set(index, document);
            }
        }
        runtime.store().insertDocuments(uow, booking.tenant(), booking.id(), inserted);
        runtime.store().updateDocuments(uow, booking.tenant(), booking.id(), updated);
        documents.sort(Comparator.comparing(Document::number));
    }

    private static int indexOf(List<Document> documents, String number) {
        for (int i = 0; i < documents.size(); i++) {
            if (documents.get(i).number().equals(number)) {
                return i;
            }
        }
        return -1;
    }

    Optional<Rejection> recordRequest(UnitOfWork uow, Booking booking, BookingEffect.RecordSupplierRequest record,
                                      RequestDetails details, Instant now) {
        SupplierRequest request = new SupplierRequest(booking.tenant(), record.requestId(), booking.id(),
                record.call().name(), details.idempotencyKey(), details.amount(), SupplierRequest.Status.PENDING, now);
        boolean recorded = runtime.store().recordRequest(uow, request);
        // An exchange confirmation is named by the airline's quote id: confirming it again is safe, the airline
        // answers a repeated confirmation with the order as it is.
        if (recorded || record.call() == SupplierCall.EXCHANGE_CONFIRM
                || reserved(uow, booking, record.requestId(), record.call())) {
            return Optional.empty();
        }
        return Optional.of(new Rejection(BookingErrorCode.BOOKING_KEY_REUSED, "request " + record.requestId()
                + " or its idempotency key is recorded already"));
    }

    /** True when the booking reserved this request (with its caller's key) while it waited for approval. */
    private boolean reserved(UnitOfWork uow, Booking booking, String requestId, SupplierCall call) {
        return runtime.store().requests(uow, booking.tenant(), booking.id()).stream().anyMatch(request ->
                request.requestId().equals(requestId) && request.call().equals(call.name())
                        && request.status() == SupplierRequest.Status.PENDING);
    }

    /**
     * An issue that waits for an approver keeps its request id and its caller's key, recorded now as pending (not
     * sent): a repeated request finds it, and the approval sends it under that id.
     */
    Optional<Rejection> reserveApprovalRequest(UnitOfWork uow, Booking booking, BookingStatus next,
                                               RequestDetails details, Instant now) {
        if (next instanceof BookingStatus.PendingApproval pending && details.idempotencyKey().isPresent()
                && !runtime.store().recordRequest(uow, new SupplierRequest(booking.tenant(), pending.requestId(),
                booking.id(), SupplierCall.ISSUE.name(), details.idempotencyKey(), Optional.empty(),
                SupplierRequest.Status.PENDING, now))) {
            return Optional.of(new Rejection(BookingErrorCode.BOOKING_KEY_REUSED, "the idempotency key is recorded"));
        }
        return Optional.empty();
    }

    /** Marks the recorded request a supplier answer (or an approver's refusal) is about with that answer. */
    void settleAnsweredRequest(UnitOfWork uow, Booking booking, BookingCommand command) {
        record Settled(String requestId, SupplierRequest.Status status) {
        }
        Optional<Settled> settled = switch (command) {
            case BookingCommand.IssueConfirmed confirmed ->
                    Optional.of(new Settled(confirmed.requestId(), SupplierRequest.Status.SUCCEEDED));
            case BookingCommand.IssueRejected rejected ->
                    Optional.of(new Settled(rejected.requestId(), SupplierRequest.Status.FAILED));
            case BookingCommand.IssueAmbiguous ambiguous ->
                    Optional.of(new Settled(ambiguous.requestId(), SupplierRequest.Status.UNKNOWN));
            case BookingCommand.RefundConfirmed confirmed ->
                    Optional.of(new Settled(confirmed.quoteId(), SupplierRequest.Status.SUCCEEDED));
            case BookingCommand.EmdIssued emd ->
                    Optional.of(new Settled(emd.requestId(), SupplierRequest.Status.SUCCEEDED));
            case BookingCommand.RefundRefused refusedRefund ->
                    Optional.of(new Settled(refusedRefund.quoteId(), SupplierRequest.Status.FAILED));
            case BookingCommand.ExchangeConfirmed ignored -> booking.exchangeQuote().map(quote ->
                    new Settled(quote.quoteId(), SupplierRequest.Status.SUCCEEDED));
            case BookingCommand.ExchangeRefused refusedExchange ->
                    Optional.of(new Settled(refusedExchange.quoteId(), SupplierRequest.Status.FAILED));
            case BookingCommand.RejectApproval ignored -> booking.status() instanceof BookingStatus.PendingApproval
                    pending ? Optional.of(new Settled(pending.requestId(), SupplierRequest.Status.FAILED))
                    : Optional.empty();
            default -> Optional.empty();
        };
        settled.ifPresent(answer -> runtime.store().settleRequest(uow, booking.tenant(), answer.requestId(),
                answer.status()));
    }

    /**
     * Releases the booking's deposit hold, if it has one. A hold the ledger's own sweeper released already needs no
     * release. (An issue captures it with its entries: see BookingPostings.)
     */
    Optional<Rejection> releaseDepositHold(UnitOfWork uow, RequestContext context, Booking booking) {
        if (booking.depositHold().isEmpty()) {
            return Optional.empty();
        }
        String hold = booking.depositHold().get();
        PostResult result = runtime.ledger().resolveWithin(uow, context, EntryId.of(hold + ".released"),
                EntryId.of(hold), false);
        boolean releasedAlready = result instanceof PostResult.Rejected rejected
                && rejected.code() == LedgerErrorCode.LEDGER_PENDING_ALREADY_RESOLVED;
        return result.isSuccess() || releasedAlready ? Optional.empty()
                : Optional.of(new Rejection(BookingErrorCode.BOOKING_POSTING_REFUSED, "releasing deposit hold " + hold
                + ": " + result));
    }

    /** Holds the customer total of all passengers as a pending entry from the bank to customer deposits. */
    Optional<Rejection> reserveDeposit(UnitOfWork uow, RequestContext context, Booking booking,
                                       BookingEffect.ReserveDeposit reserve, LocalDate today) {
        return switch (BookingEntries.deposit(booking, reserve.holdId(), runtime.rules().apply(context.tenant()),
                today)) {
            case Outcome.Refused<JournalEntry> unbuildable -> Optional.of(unbuildable.rejection());
            case Outcome.Ok<JournalEntry> entry -> {
                PostResult reserved = runtime.ledger().reserveWithin(uow, context, entry.value(),
                        Optional.of(reserve.expiresAt()));
                yield reserved.isSuccess() ? Optional.empty() : Optional.of(new Rejection(
                        BookingErrorCode.BOOKING_POSTING_REFUSED, "deposit hold " + reserve.holdId() + ": "
                        + reserved));
            }
        };
    }

    /**
     * Before the supplier acts, everything its success would post is put to the ledger (periods, accounts, limits,
     * a reversal already made): a refusal now changes nothing anywhere, one after the supplier acted could not be
     * undone. Answers {@code next} when the ledger would take it all.
     */
    Outcome<Booking> checkBeforeCalls(UnitOfWork uow, RequestContext context, Booking current, Booking next,
                                      List<CallSupplier> calls, RequestDetails details, LocalDate today) {
        BookingPostings postings = runtime.postings();
        for (CallSupplier call : calls) {
            Optional<Outcome<LedgerBatch>> sample = switch (call.call()) {
                case ISSUE -> Optional.of(postings.issue(next, BookingPostings.sampleTickets(next), today));
                case VOID -> Optional.of(postings.voidOf(uow, context, current, current.documents(), today));
                case REFUND_CONFIRM -> Optional.of(postings.refundOf(current, today));
                case EMD -> Optional.of(postings.emd(next, List.of(BookingPostings.SAMPLE_EMD),
                        details.amount().orElseThrow(), today));
                case EXCHANGE_CONFIRM -> Optional.of(postings.exchange(current, current,
                        current.exchangeQuote().orElseThrow(), BookingPostings.sampleTickets(current), today));
                case REFUND_QUOTE, CANCEL_HOLD, EXCHANGE_QUOTE -> Optional.empty();
            };
            if (sample.isEmpty()) {
                continue;
            }
            String what = call.call() == SupplierCall.EXCHANGE_CONFIRM ? "the exchange"
                    : "the " + call.call() + " postings";
            Optional<Rejection> refused = switch (sample.get()) {
                case Outcome.Refused<LedgerBatch> unbuildable -> Optional.of(unbuildable.rejection());
                case Outcome.Ok<LedgerBatch> batch -> postings.wouldRefuse(uow, context, batch.value(), what);
            };
            if (refused.isPresent()) {
                return new Outcome.Refused<>(refused.get());
            }
        }
        return Outcome.ok(next);
    }

    /**
     * Opens the follow-on booking of an exchange the airline made (ISSUED, same PNR and terms, the passengers of the
     * exchanged tickets, the new
     * tickets at the order's fare, a percentage commission worked out on it) and posts the exchange on it from the
     * kept quote's amounts.
     */
    Outcome<Booking> openFollowOn(UnitOfWork uow, RequestContext context, Booking original,
                                  List<Document> newTickets, SupplierOrder order, LocalDate today) {
        if (original.exchangeFollowOn().isEmpty() || original.exchangeQuote().isEmpty()) {
            // A newer lock holder ended the confirmation while the airline answered.
            return Outcome.refused(BookingErrorCode.BOOKING_LEASE_LOST, "booking " + original.id()
                    + " is no longer being exchanged: reconcile it");
        }
        String followOnId = original.exchangeFollowOn().get();
        ExchangeOffer quote = original.exchangeQuote().get();
        Instant now = runtime.now();
        Booking followOn = new Booking(original.tenant(), followOnId, 1, original.pnr(), original.airlinePrefix(),
                passengersOf(original, quote.documentNumbers()), order.offer().farePerPassenger(),
                original.terms().commissionOn(order.offer().farePerPassenger().base()),
                new BookingStatus.Issued(newTickets, order.issuedAt().orElse(now)), newTickets, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        if (!runtime.store().insert(uow, BookingCodec.encode(followOn, Optional.empty()))) {
            return BookingRuntime.exists(followOnId);
        }
        runtime.store().insertDocuments(uow, original.tenant(), followOnId, newTickets);
        return runtime.postings().exchange(followOn, original, quote, newTickets, today).flatMap(batch -> {
            Optional<String> refused = runtime.postings().apply(uow, context, batch);
            return refused.isEmpty() ? Outcome.ok(followOn)
                    : Outcome.refused(BookingErrorCode.BOOKING_POSTING_REFUSED, "the exchange postings: "
                    + refused.get());
        });
    }

    /**
     * The passengers whose tickets an exchange reissues, by a rule of thumb: a document names no passenger, and
     * airlines number one ticket per passenger in passenger order, so the booking's i-th ticket by number is taken
     * for its i-th passenger's. When its tickets do not pair with its passengers one to one (conjunction tickets),
     * the follow-on booking keeps them all.
     */
    static List<Passenger> passengersOf(Booking original, Set<String> exchanged) {
        List<String> tickets = original.documents().stream()
                .filter(document -> document.type() == DocumentType.TICKET).map(Document::number).sorted().toList();
        if (tickets.size() != original.passengers().size()) {
            return original.passengers();
        }
        return IntStream.range(0, tickets.size()).filter(i -> exchanged.contains(tickets.get(i)))
                .mapToObj(original.passengers()::get).toList();
    }
}
