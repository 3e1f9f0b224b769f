package io.travobooks.booking;

import io.travobooks.booking.BookingCommand.Approve;
import io.travobooks.booking.BookingCommand.Cancel;
import io.travobooks.booking.BookingCommand.ConfirmRefund;
import io.travobooks.booking.BookingCommand.DeclineRefund;
import io.travobooks.booking.BookingCommand.EmdIssued;
import io.travobooks.booking.BookingCommand.ExchangeConfirmed;
import io.travobooks.booking.BookingCommand.Expire;
import io.travobooks.booking.BookingCommand.Hold;
import io.travobooks.booking.BookingCommand.IssueAmbiguous;
import io.travobooks.booking.BookingCommand.IssueConfirmed;
import io.travobooks.booking.BookingCommand.IssueRejected;
import io.travobooks.booking.BookingCommand.Price;
import io.travobooks.booking.BookingCommand.RefundConfirmed;
import io.travobooks.booking.BookingCommand.RefundQuoteReceived;
import io.travobooks.booking.BookingCommand.RefundRefused;
import io.travobooks.booking.BookingCommand.RejectApproval;
import io.travobooks.booking.BookingCommand.RequestEmd;
import io.travobooks.booking.BookingCommand.RequestIssue;
import io.travobooks.booking.BookingCommand.RequestRefundQuote;
import io.travobooks.booking.BookingCommand.RequestVoid;
import io.travobooks.booking.BookingCommand.VoidConfirmed;
import io.travobooks.booking.BookingEffect.CallSupplier;
import io.travobooks.booking.BookingEffect.PostEntry;
import io.travobooks.booking.BookingEffect.PostingEvent;
import io.travobooks.booking.BookingEffect.PublishEvent;
import io.travobooks.booking.BookingEffect.RecordSupplierRequest;
import io.travobooks.booking.BookingEffect.ReleaseDepositHold;
import io.travobooks.booking.BookingEffect.ScheduleReconcile;
import io.travobooks.booking.BookingEffect.StoreDocuments;
import io.travobooks.booking.BookingEffect.SupplierCall;
import io.travobooks.booking.BookingStatus.Cancelled;
import io.travobooks.booking.BookingStatus.Draft;
import io.travobooks.booking.BookingStatus.Exchanged;
import io.travobooks.booking.BookingStatus.Expired;
import io.travobooks.booking.BookingStatus.Held;
import io.travobooks.booking.BookingStatus.IssueFailed;
import io.travobooks.booking.BookingStatus.IssueUnknown;
import io.travobooks.booking.BookingStatus.Issued;
import io.travobooks.booking.BookingStatus.Issuing;
import io.travobooks.booking.BookingStatus.PendingApproval;
import io.travobooks.booking.BookingStatus.Priced;
import io.travobooks.booking.BookingStatus.RefundQuoted;
import io.travobooks.booking.BookingStatus.Refunded;
import io.travobooks.booking.BookingStatus.Voided;
import io.travobooks.spi.Rejection;
import io.travobooks.spi.travel.CouponStatus;
import io.travobooks.spi.travel.Document;
import io.travobooks.spi.travel.DocumentType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The booking state machine as a pure function: {@link #decide} takes the current status and a command and
 * returns the next status with the effects to perform, or a rejection. It reads no clock, does no I/O and keeps
 * no state, so every path can be tested exhaustively; the orchestrator performs the effects.
 *
 * <p>Why one class of this size: every rule that decides whether a booking command is allowed belongs in one place,
 * and this is that place; it is one transition per command, each short.
 */
public final class BookingMachine {
    /** How long after an ambiguous issue answer the reconciler first asks the supplier. */
    public static final Duration RECONCILE_AFTER = Duration.ofSeconds(30);

    private BookingMachine() {
    }

    public static Decision decide(BookingStatus current, BookingCommand command) {
        if (current.state().isTerminal()) {
            return illegal(current, command);
        }
        return switch (command) {
            case Hold hold -> hold(current, hold);
            case Price price -> price(current, price);
            case RequestIssue request -> requestIssue(current, request);
            case Approve approve -> approve(current, approve);
            case RejectApproval reject -> current instanceof PendingApproval pending
                    ? accepted(pending.priced()) : illegal(current, command);
            case IssueConfirmed confirmed -> issueConfirmed(current, confirmed);
            case IssueAmbiguous ambiguous -> issueAmbiguous(current, ambiguous);
            case IssueRejected rejected -> issueRejected(current, rejected);
            case RequestVoid request -> requestVoid(current, request);
            case VoidConfirmed ignored -> voidConfirmed(current, command);
            case RequestRefundQuote request -> requestRefundQuote(current, request);
            case RefundQuoteReceived received -> refundQuoteReceived(current, received);
            case ConfirmRefund confirm -> confirmRefund(current, confirm);
            case DeclineRefund decline -> declineRefund(current, decline);
            case RefundConfirmed confirmed -> refundConfirmed(current, confirmed);
            case RefundRefused refusedRefund -> refundRefused(current, refusedRefund);
            case ExchangeConfirmed confirmed -> exchangeConfirmed(current, confirmed);
            case RequestEmd request -> requestEmd(current, request);
            case EmdIssued emd -> emdIssued(current, emd);
            case Expire expire -> expire(current, expire);
            case Cancel cancel -> cancel(current, cancel);
        };
    }

    // ---------------------------------------------------------------- holding and pricing

    private static Decision hold(BookingStatus current, Hold hold) {
        if (!(current instanceof Draft)) {
            return illegal(current, hold);
        }
        if (!hold.ticketingTimeLimit().isAfter(hold.now())) {
            return rejected(BookingErrorCode.BOOKING_INVALID_COMMAND, "the ticketing time limit "
                    + hold.ticketingTimeLimit() + " is not after " + hold.now());
        }
        return accepted(new Held(hold.ticketingTimeLimit()));
    }

    private static Decision price(BookingStatus current, Price price) {
        Priced before = switch (current) {
            case Held held -> new Priced(held.ticketingTimeLimit(), held.ticketingTimeLimit());
            case Priced priced -> priced;
            case IssueFailed failed -> failed.priced(); // the guarantee may have passed since
            default -> null;
        };
        if (before == null) {
            return illegal(current, price);
        }
        Instant limit = before.ticketingTimeLimit();
        if (!price.now().isBefore(limit)) {
            return timeLimitPassed(limit);
        }
        if (!price.priceGuaranteeUntil().isAfter(price.now())) {
            return rejected(BookingErrorCode.BOOKING_INVALID_COMMAND, "the price guarantee "
                    + price.priceGuaranteeUntil() + " is not after " + price.now());
        }
        return accepted(new Priced(limit, price.priceGuaranteeUntil(), before.usedRequestIds()));
    }

    // ---------------------------------------------------------------- issuing

    private static Decision requestIssue(BookingStatus current, RequestIssue request) {
        Priced priced = switch (current) {
            case Priced p -> p;
            case IssueFailed failed -> failed.priced(); // the airline said it did not issue: a new request is safe
            default -> null;
        };
        if (priced == null) {
            return illegal(current, request);
        }
        if (priced.usedRequestIds().contains(request.requestId())) {
            return rejected(BookingErrorCode.BOOKING_REQUEST_MISMATCH,
                    "a new issue attempt needs a new request id, not " + request.requestId());
        }
        Decision expired = checkIssuable(priced, request.now());
        if (expired != null) {
            return expired;
        }
        if (request.approvalRequired()) {
            return accepted(new PendingApproval(priced, request.requestId()));
        }
        return startIssuing(priced, request.requestId());
    }

    private static Decision approve(BookingStatus current, Approve approve) {
        if (!(current instanceof PendingApproval pending)) {
            return illegal(current, approve);
        }
        Decision expired = checkIssuable(pending.priced(), approve.now());
        return expired != null ? expired : startIssuing(pending.priced(), pending.requestId());
    }

    /** A rejection when the hold or the price guarantee has passed; null when the booking may be issued. */
    private static Decision checkIssuable(Priced priced, Instant now) {
        if (!now.isBefore(priced.ticketingTimeLimit())) {
            return timeLimitPassed(priced.ticketingTimeLimit());
        }
        if (!now.isBefore(priced.priceGuaranteeUntil())) {
            return rejected(BookingErrorCode.BOOKING_PRICE_EXPIRED,
                    "the price was guaranteed until " + priced.priceGuaranteeUntil() + ": price again");
        }
        return null;
    }

    /** The seed's steps 5 and 6: record the request as pending (and commit), then call the supplier. */
    private static Decision startIssuing(Priced priced, String requestId) {
        return accepted(new Issuing(priced.using(requestId), requestId),
                new RecordSupplierRequest(requestId, SupplierCall.ISSUE),
                new CallSupplier(SupplierCall.ISSUE, requestId));
    }

    private static Decision issueConfirmed(BookingStatus current, IssueConfirmed confirmed) {
        String awaited = awaitedIssueRequest(current);
        if (awaited == null) {
            return illegal(current, confirmed);
        }
        if (!awaited.equals(confirmed.requestId())) {
            return requestMismatch(awaited, confirmed.requestId());
        }
        if (confirmed.documents().isEmpty()) {
            return rejected(BookingErrorCode.BOOKING_INVALID_COMMAND, "an issue confirmation names no document");
        }
        return accepted(new Issued(confirmed.documents(), confirmed.issuedAt()),
                new StoreDocuments(confirmed.documents()),
                new PostEntry(PostingEvent.ISSUE, confirmed.documents()),
                new PublishEvent("booking.issued"));
    }

    private static Decision issueAmbiguous(BookingStatus current, IssueAmbiguous ambiguous) {
        if (!(current instanceof Issuing issuing)) {
            return illegal(current, ambiguous);
        }
        if (!issuing.requestId().equals(ambiguous.requestId())) {
            return requestMismatch(issuing.requestId(), ambiguous.requestId());
        }
        return accepted(new IssueUnknown(issuing.priced(), issuing.requestId(), ambiguous.now()),
                new ScheduleReconcile(issuing.requestId(), ambiguous.now().plus(RECONCILE_AFTER)));
    }

    private static Decision issueRejected(BookingStatus current, IssueRejected rejected) {
        String awaited = awaitedIssueRequest(current);
        if (awaited == null) {
            return illegal(current, rejected);
        }
        if (!awaited.equals(rejected.requestId())) {
            return requestMismatch(awaited, rejected.requestId());
        }
        Priced priced = current instanceof Issuing issuing ? issuing.priced() : ((IssueUnknown) current).priced();
        return accepted(new IssueFailed(priced, awaited, rejected.reason()), new PublishEvent("booking.issue_failed"));
    }

    /** The request id an issuing or issue-unknown booking waits on; null in every other state. */
    private static String awaitedIssueRequest(BookingStatus current) {
        return switch (current) {
            case Issuing issuing -> issuing.requestId();
            case IssueUnknown unknown -> unknown.requestId();
            default -> null;
        };
    }

    // ---------------------------------------------------------------- after issue

    private static Decision requestVoid(BookingStatus current, RequestVoid request) {
        if (!(current instanceof Issued issued)) {
            return illegal(current, request);
        }
        if (!request.window().isOpen(issued.issuedAt(), request.now())) {
            return rejected(BookingErrorCode.BOOKING_VOID_WINDOW_CLOSED,
                    "issued " + issued.issuedAt() + ", the void window is closed at " + request.now());
        }
        Decision notOpen = checkAllOpen(issued.documents());
        return notOpen != null ? notOpen
                : accepted(issued, new CallSupplier(SupplierCall.VOID, numbers(issued.documents())));
    }

    /** A supplier's void answer is refused too when a coupon is no longer open: no airline voids such a ticket. */
    private static Decision voidConfirmed(BookingStatus current, BookingCommand command) {
        if (!(current instanceof Issued issued)) {
            return illegal(current, command);
        }
        Decision notOpen = checkAllOpen(issued.documents());
        if (notOpen != null) {
            return notOpen;
        }
        List<Document> voided = issued.documents().stream().map(d -> d.withAllCoupons(CouponStatus.VOID)).toList();
        return accepted(new Voided(voided), new StoreDocuments(voided),
                new PostEntry(PostingEvent.VOID, issued.documents()), new PublishEvent("booking.voided"));
    }

    private static Decision requestRefundQuote(BookingStatus current, RequestRefundQuote request) {
        if (!(current instanceof Issued issued)) {
            return illegal(current, request);
        }
        Decision unknown = checkRefundable(issued, request.documentNumbers());
        return unknown != null ? unknown
                : accepted(issued, new CallSupplier(SupplierCall.REFUND_QUOTE,
                        String.join(",", request.documentNumbers().stream().sorted().toList())));
    }

    private static Decision refundQuoteReceived(BookingStatus current, RefundQuoteReceived received) {
        if (!(current instanceof Issued issued)) {
            return illegal(current, received);
        }
        Decision unknown = checkRefundable(issued, received.quote().documentNumbers());
        return unknown != null ? unknown : accepted(new RefundQuoted(issued, received.quote(), false));
    }

    /** A rejection naming the first document with a coupon that is not open; null when all are open. */
    private static Decision checkAllOpen(List<Document> documents) {
        for (Document document : documents) {
            if (!document.allCouponsOpen()) {
                return rejected(BookingErrorCode.BOOKING_COUPON_NOT_OPEN,
                        "document " + document.number() + " has coupons " + document.coupons());
            }
        }
        return null;
    }

    /** A rejection when a document is not the booking's or is no longer open; null when all may be refunded. */
    private static Decision checkRefundable(Issued issued, Set<String> documentNumbers) {
        Set<String> held = issued.documents().stream().map(Document::number).collect(Collectors.toSet());
        for (String number : documentNumbers) {
            if (!held.contains(number)) {
                return rejected(BookingErrorCode.BOOKING_INVALID_COMMAND, "document " + number
                        + " does not belong to the booking");
            }
        }
        for (Document document : issued.documents()) {
            if (documentNumbers.contains(document.number()) && !document.allCouponsOpen()) {
                return rejected(BookingErrorCode.BOOKING_COUPON_NOT_OPEN, "document " + document.number()
                        + " has coupons " + document.coupons());
            }
        }
        if (documentNumbers.isEmpty()) {
            return rejected(BookingErrorCode.BOOKING_INVALID_COMMAND, "a refund names at least one document");
        }
        return null;
    }

    /** Sends the confirmation once; from then on the quote can no longer be declined, only confirmed by the supplier. */
    private static Decision confirmRefund(BookingStatus current, ConfirmRefund confirm) {
        if (!(current instanceof RefundQuoted quoted) || !quoted.quote().quoteId().equals(confirm.quoteId())) {
            return mismatchOrIllegal(current, confirm);
        }
        if (quoted.confirming()) {
            return rejected(BookingErrorCode.BOOKING_ILLEGAL_TRANSITION,
                    "quote " + confirm.quoteId() + " was confirmed already: wait for the supplier or reconcile");
        }
        if (!confirm.now().isBefore(quoted.quote().expiresAt())) {
            return rejected(BookingErrorCode.BOOKING_QUOTE_EXPIRED,
                    "quote " + confirm.quoteId() + " expired at " + quoted.quote().expiresAt());
        }
        return accepted(new RefundQuoted(quoted.issued(), quoted.quote(), true),
                new RecordSupplierRequest(confirm.quoteId(), SupplierCall.REFUND_CONFIRM),
                new CallSupplier(SupplierCall.REFUND_CONFIRM, confirm.quoteId()));
    }

    private static Decision declineRefund(BookingStatus current, DeclineRefund decline) {
        if (!(current instanceof RefundQuoted quoted) || !quoted.quote().quoteId().equals(decline.quoteId())) {
            return mismatchOrIllegal(current, decline);
        }
        if (quoted.confirming()) {
            return rejected(BookingErrorCode.BOOKING_ILLEGAL_TRANSITION,
                    "quote " + decline.quoteId() + " was confirmed: the supplier may be refunding it");
        }
        return accepted(quoted.issued());
    }

    /**
     * A full refund ends the booking; a partial one (some passengers or documents) leaves it issued with the
     * refunded documents' coupons marked refunded.
     */
    /** Only a confirmation that went out can be refused; the booking is issued as before it. */
    private static Decision refundRefused(BookingStatus current, RefundRefused refusedRefund) {
        if (!(current instanceof RefundQuoted quoted) || !quoted.quote().quoteId().equals(refusedRefund.quoteId())) {
            return mismatchOrIllegal(current, refusedRefund);
        }
        if (!quoted.confirming()) {
            return rejected(BookingErrorCode.BOOKING_ILLEGAL_TRANSITION,
                    "quote " + refusedRefund.quoteId() + " was never confirmed: decline it");
        }
        return accepted(quoted.issued());
    }

    private static Decision refundConfirmed(BookingStatus current, RefundConfirmed confirmed) {
        if (!(current instanceof RefundQuoted quoted) || !quoted.quote().quoteId().equals(confirmed.quoteId())) {
            return mismatchOrIllegal(current, confirmed);
        }
        if (!quoted.confirming()) {
            return rejected(BookingErrorCode.BOOKING_ILLEGAL_TRANSITION,
                    "quote " + confirmed.quoteId() + " was never confirmed");
        }
        Set<String> scope = quoted.quote().documentNumbers();
        List<Document> after = new ArrayList<>();
        List<Document> refunded = new ArrayList<>();
        for (Document document : quoted.issued().documents()) {
            if (scope.contains(document.number())) {
                refunded.add(document);
                after.add(document.withAllCoupons(CouponStatus.REFUNDED));
            } else {
                after.add(document);
            }
        }
        boolean everything = after.stream().allMatch(d -> d.coupons().stream()
                .allMatch(status -> status == CouponStatus.REFUNDED));
        BookingStatus next = everything ? new Refunded(after) : new Issued(after, quoted.issued().issuedAt());
        return accepted(next, new StoreDocuments(after), new PostEntry(PostingEvent.REFUND, refunded),
                new PublishEvent(everything ? "booking.refunded" : "booking.partially_refunded"));
    }

    /** An EMD is sold on an issued booking: the request is recorded, then sent. */
    private static Decision requestEmd(BookingStatus current, RequestEmd request) {
        if (!(current instanceof Issued issued)) {
            return illegal(current, request);
        }
        return accepted(issued, new RecordSupplierRequest(request.requestId(), SupplierCall.EMD),
                new CallSupplier(SupplierCall.EMD, request.requestId()));
    }

    /** The EMDs join the booking's documents, and post as their own event. */
    private static Decision emdIssued(BookingStatus current, EmdIssued emd) {
        if (!(current instanceof Issued issued)) {
            return illegal(current, emd);
        }
        Set<String> held = issued.documents().stream().map(Document::number).collect(Collectors.toSet());
        if (emd.documents().isEmpty() || emd.documents().stream().anyMatch(d -> d.type() == DocumentType.TICKET
                || held.contains(d.number()))) {
            return rejected(BookingErrorCode.BOOKING_INVALID_COMMAND, "an EMD answer names new EMDs only");
        }
        List<Document> documents = new ArrayList<>(issued.documents());
        documents.addAll(emd.documents());
        return accepted(new Issued(documents, issued.issuedAt()), new StoreDocuments(emd.documents()),
                new PostEntry(PostingEvent.EMD, emd.documents()), new PublishEvent("booking.emd_issued"));
    }

    private static Decision exchangeConfirmed(BookingStatus current, ExchangeConfirmed confirmed) {
        if (!(current instanceof Issued issued)) {
            return illegal(current, confirmed);
        }
        for (Document document : issued.documents()) {
            if (document.coupons().contains(CouponStatus.REFUNDED)) {
                return rejected(BookingErrorCode.BOOKING_COUPON_NOT_OPEN, "document " + document.number()
                        + " is partly refunded: refund the rest, or exchange on a booking of its own");
            }
        }
        if (confirmed.newDocuments().isEmpty()) {
            return rejected(BookingErrorCode.BOOKING_INVALID_COMMAND, "an exchange names its new documents");
        }
        List<Document> exchanged = issued.documents().stream().map(BookingMachine::exchangeOpenCoupons).toList();
        return accepted(new Exchanged(exchanged, confirmed.newDocuments()),
                new StoreDocuments(exchanged), new StoreDocuments(confirmed.newDocuments()),
                new PostEntry(PostingEvent.EXCHANGE, confirmed.newDocuments()), new PublishEvent("booking.exchanged"));
    }

    // ---------------------------------------------------------------- ending a hold

    private static Decision expire(BookingStatus current, Expire expire) {
        Instant limit = switch (current) {
            case Held held -> held.ticketingTimeLimit();
            case Priced priced -> priced.ticketingTimeLimit();
            case PendingApproval pending -> pending.priced().ticketingTimeLimit();
            case IssueFailed failed -> failed.priced().ticketingTimeLimit();
            default -> null;
        };
        if (limit == null) {
            return illegal(current, expire);
        }
        if (expire.now().isBefore(limit)) {
            return rejected(BookingErrorCode.BOOKING_TIME_LIMIT_NOT_PASSED, "the hold lasts until " + limit);
        }
        return accepted(new Expired(), new ReleaseDepositHold(), new PublishEvent("booking.expired"));
    }

    private static Decision cancel(BookingStatus current, Cancel cancel) {
        return switch (current) {
            case Draft ignored -> accepted(new Cancelled(cancel.reason()), new PublishEvent("booking.cancelled"));
            case Held ignored -> cancelHold(cancel);
            case Priced ignored -> cancelHold(cancel);
            case PendingApproval ignored -> cancelHold(cancel);
            case IssueFailed ignored -> cancelHold(cancel);
            default -> illegal(current, cancel);
        };
    }

    private static Decision cancelHold(Cancel cancel) {
        return accepted(new Cancelled(cancel.reason()), new CallSupplier(SupplierCall.CANCEL_HOLD, "hold"),
                new ReleaseDepositHold(), new PublishEvent("booking.cancelled"));
    }

    // ---------------------------------------------------------------- answers

    private static Decision accepted(BookingStatus next, BookingEffect... effects) {
        return new Decision.Accepted(next, List.of(effects));
    }

    private static Decision rejected(BookingErrorCode code, String detail) {
        return new Decision.Rejected(new Rejection(code, detail));
    }

    private static Decision illegal(BookingStatus current, BookingCommand command) {
        return rejected(BookingErrorCode.BOOKING_ILLEGAL_TRANSITION,
                command.getClass().getSimpleName() + " does not apply to a " + current.state() + " booking");
    }

    /** A refund command for another quote than the booking holds, or in a state without a quote. */
    private static Decision mismatchOrIllegal(BookingStatus current, BookingCommand command) {
        return current instanceof RefundQuoted quoted
                ? requestMismatch(quoted.quote().quoteId(), command.toString())
                : illegal(current, command);
    }

    private static Decision requestMismatch(String awaited, String got) {
        return rejected(BookingErrorCode.BOOKING_REQUEST_MISMATCH, "the booking waits for " + awaited + ", got " + got);
    }

    private static Decision timeLimitPassed(Instant limit) {
        return rejected(BookingErrorCode.BOOKING_TIME_LIMIT_PASSED, "the ticketing time limit " + limit + " has passed");
    }

    /** Open coupons are exchanged; flown or checked-in ones keep their status. */
    private static Document exchangeOpenCoupons(Document document) {
        return new Document(document.number(), document.type(), document.coupons().stream()
                .map(status -> status == CouponStatus.OPEN ? CouponStatus.EXCHANGED : status).toList());
    }

    private static String numbers(List<Document> documents) {
        return documents.stream().map(Document::number).collect(Collectors.joining(","));
    }
}
