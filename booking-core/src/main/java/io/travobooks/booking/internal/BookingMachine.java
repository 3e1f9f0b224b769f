package io.travobooks.booking.internal;

import io.travobooks.booking.BookingErrorCode;
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
import io.travobooks.booking.BookingStatus;
import io.travobooks.booking.PostingEvent;
import io.travobooks.booking.internal.BookingCommand.Approve;
import io.travobooks.booking.internal.BookingCommand.Cancel;
import io.travobooks.booking.internal.BookingCommand.ConfirmExchange;
import io.travobooks.booking.internal.BookingCommand.ConfirmRefund;
import io.travobooks.booking.internal.BookingCommand.DeclineRefund;
import io.travobooks.booking.internal.BookingCommand.EmdIssued;
import io.travobooks.booking.internal.BookingCommand.ExchangeConfirmed;
import io.travobooks.booking.internal.BookingCommand.ExchangeQuoteReceived;
import io.travobooks.booking.internal.BookingCommand.ExchangeRefused;
import io.travobooks.booking.internal.BookingCommand.Expire;
import io.travobooks.booking.internal.BookingCommand.Hold;
import io.travobooks.booking.internal.BookingCommand.HoldDeposit;
import io.travobooks.booking.internal.BookingCommand.IssueAmbiguous;
import io.travobooks.booking.internal.BookingCommand.IssueConfirmed;
import io.travobooks.booking.internal.BookingCommand.IssueRejected;
import io.travobooks.booking.internal.BookingCommand.Price;
import io.travobooks.booking.internal.BookingCommand.RefundConfirmed;
import io.travobooks.booking.internal.BookingCommand.RefundQuoteReceived;
import io.travobooks.booking.internal.BookingCommand.RefundRefused;
import io.travobooks.booking.internal.BookingCommand.RejectApproval;
import io.travobooks.booking.internal.BookingCommand.RequestEmd;
import io.travobooks.booking.internal.BookingCommand.RequestExchangeQuote;
import io.travobooks.booking.internal.BookingCommand.RequestIssue;
import io.travobooks.booking.internal.BookingCommand.RequestRefundQuote;
import io.travobooks.booking.internal.BookingCommand.RequestVoid;
import io.travobooks.booking.internal.BookingCommand.VoidConfirmed;
import io.travobooks.booking.internal.BookingEffect.CallSupplier;
import io.travobooks.booking.internal.BookingEffect.KeepExchangeQuote;
import io.travobooks.booking.internal.BookingEffect.MarkExchange;
import io.travobooks.booking.internal.BookingEffect.PostEntry;
import io.travobooks.booking.internal.BookingEffect.PublishEvent;
import io.travobooks.booking.internal.BookingEffect.RecordSupplierRequest;
import io.travobooks.booking.internal.BookingEffect.ReleaseDepositHold;
import io.travobooks.booking.internal.BookingEffect.StoreDocuments;
import io.travobooks.booking.internal.BookingEffect.SupplierCall;
import io.travobooks.booking.posting.FormOfPayment;
import io.travobooks.booking.service.Booking;
import io.travobooks.booking.service.Unposted;
import io.travobooks.spi.Rejection;
import io.travobooks.spi.supplier.ExchangeOffer;
import io.travobooks.spi.travel.CouponStatus;
import io.travobooks.spi.travel.Document;
import io.travobooks.spi.travel.DocumentType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The booking state machine as a pure function: {@link #decide} takes the current status and a command and
 * returns the next status with the effects to perform, or a rejection. It reads no clock, does no I/O and keeps
 * no state, so every path can be tested exhaustively; the service performs the effects.
 *
 * <p>Why one class of this size: every rule that decides whether a booking command is allowed belongs in one place,
 * and this is that place: the rules on the status (one short transition per command) and those on what the booking
 * carries beside it ({@link #decide(Booking, BookingCommand)}).
 */
public final class BookingMachine {
    /** How long after an ambiguous issue answer the reconciler first asks the supplier. */
    public static final Duration RECONCILE_AFTER = Duration.ofSeconds(30);
    /** How long after a hold's ticketing time limit the ledger itself releases a deposit still held. */
    private static final Duration DEPOSIT_BACKSTOP = Duration.ofDays(30);

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
            case HoldDeposit hold -> holdDeposit(current, hold);
            case RequestExchangeQuote request -> requestExchangeQuote(current, request);
            case ExchangeQuoteReceived received -> current instanceof Issued issued
                    ? accepted(issued, new KeepExchangeQuote(received.quote())) : illegal(current, command);
            case ConfirmExchange confirm -> confirmExchange(current, confirm);
            case ExchangeRefused ignored -> current instanceof Issued issued
                    ? accepted(issued, new MarkExchange(Optional.empty())) : illegal(current, command);
        };
    }

    /**
     * Decides a command on a whole booking: the rules on its status ({@link #decide(BookingStatus, BookingCommand)})
     * and those on what the booking carries beside it (its form of payment, deposit hold, exchange quote and
     * follow-on, a posting that waits for the ledger). The booking's id only words the rejections.
     */
    public static Decision decide(Booking booking, BookingCommand command) {
        Optional<Rejection> first = switch (command) {
            case RequestEmd emd -> emdRefusal(booking, emd);
            case RequestExchangeQuote ignored -> booking.exchangeFollowOn().isPresent()
                    ? Optional.of(exchangeInFlight(booking)) : Optional.empty();
            case ConfirmExchange confirm -> exchangeRefusal(booking, confirm);
            default -> Optional.empty();
        };
        if (first.isPresent()) {
            return new Decision.Rejected(first.get());
        }
        Decision decision = decide(booking.status(), command);
        if (!(decision instanceof Decision.Accepted accepted)) {
            return decision;
        }
        if (command instanceof HoldDeposit && (booking.terms().payment() != FormOfPayment.DEPOSIT
                || booking.depositHold().isPresent())) {
            return rejected(BookingErrorCode.BOOKING_INVALID_COMMAND, "booking " + booking.id()
                    + " is not paid by deposit, or holds one already");
        }
        Optional<Currency> otherCurrency = command instanceof Price price ? price.fareCurrency()
                .filter(currency -> !currency.equals(booking.terms().currency())) : Optional.empty();
        if (otherCurrency.isPresent()) {
            return rejected(BookingErrorCode.BOOKING_INVALID_COMMAND, "the airline now prices " + booking.id()
                    + " in " + otherCurrency.get() + ", the booking is in " + booking.terms().currency());
        }
        return accepted.effects().stream().anyMatch(CallSupplier.class::isInstance)
                ? blockedCall(booking, command).<Decision>map(Decision.Rejected::new).orElse(decision) : decision;
    }

    /**
     * A booking whose earlier posting waits for the ledger asks the supplier for nothing more, and neither does one
     * whose exchange is being confirmed (unless this is that confirmation again).
     */
    private static Optional<Rejection> blockedCall(Booking booking, BookingCommand command) {
        if (booking.unposted().isPresent()) {
            return Optional.of(postingPending(booking));
        }
        boolean sameConfirmation = command instanceof ConfirmExchange confirm
                && booking.exchangeFollowOn().equals(Optional.of(confirm.newBookingId()));
        return booking.exchangeFollowOn().isPresent() && !sameConfirmation
                ? Optional.of(exchangeInFlight(booking)) : Optional.empty();
    }

    /** One EMD request at a time per booking (the airline's answer names documents, not requests), in its currency. */
    private static Optional<Rejection> emdRefusal(Booking booking, RequestEmd emd) {
        if (emd.earlierRequestOpen()) {
            return Optional.of(new Rejection(BookingErrorCode.BOOKING_REQUEST_UNSETTLED, "an earlier EMD request of "
                    + booking.id() + " is not settled: reconcile the booking first"));
        }
        if (!emd.amount().currency().equals(booking.terms().currency())) {
            return Optional.of(new Rejection(BookingErrorCode.BOOKING_INVALID_COMMAND, "the EMD is in "
                    + emd.amount().currency() + ", the booking in " + booking.terms().currency()));
        }
        return Optional.empty();
    }

    /**
     * Why the kept quote cannot be confirmed on this booking, known before the airline reissues anything: no such
     * quote, another exchange being confirmed, another PNR, a quoted ticket that is not the booking's or no longer
     * open, a follow-on id taken, or a posting that waits.
     */
    private static Optional<Rejection> exchangeRefusal(Booking booking, ConfirmExchange confirm) {
        Optional<ExchangeOffer> kept = booking.exchangeQuote().filter(q -> q.quoteId().equals(confirm.quoteId()));
        if (kept.isEmpty()) {
            return Optional.of(new Rejection(BookingErrorCode.BOOKING_REQUEST_MISMATCH, "booking " + booking.id()
                    + " keeps no exchange quote " + confirm.quoteId()));
        }
        ExchangeOffer quote = kept.get();
        if (booking.exchangeFollowOn().filter(followOn -> !followOn.equals(confirm.newBookingId())).isPresent()) {
            return Optional.of(exchangeInFlight(booking));
        }
        if (!quote.pnr().equals(booking.pnr())) {
            return Optional.of(new Rejection(BookingErrorCode.BOOKING_REQUEST_MISMATCH, "quote " + quote.quoteId()
                    + " is for " + quote.pnr() + ", not " + booking.pnr()));
        }
        if (!(booking.status() instanceof Issued issued)) {
            return Optional.of(((Decision.Rejected) illegal(booking.status(), confirm)).rejection());
        }
        Optional<Rejection> notExchangeable = checkExchangeable(issued, quote.documentNumbers());
        if (notExchangeable.isPresent()) {
            // The booking changed since the quote (a ticket refunded, voided or exchanged): ask for a new one.
            return Optional.of(new Rejection(BookingErrorCode.BOOKING_REQUEST_MISMATCH, "quote " + quote.quoteId()
                    + " no longer fits the booking: " + notExchangeable.get().detail()));
        }
        if (confirm.newBookingIdTaken()) {
            return Optional.of(new Rejection(BookingErrorCode.BOOKING_INVALID_COMMAND,
                    "booking " + confirm.newBookingId() + " exists"));
        }
        return booking.unposted().isPresent() ? Optional.of(postingPending(booking)) : Optional.empty();
    }

    /**
     * Whether the posting that waits on the booking can be posted again now: an issue's or a void's, which are
     * recorded; a refund's, an EMD's or an exchange's answer is not recorded yet, and only the supplier's answer,
     * asked for again by the reconciler, can post it.
     */
    public static Optional<Rejection> checkRepost(Booking booking) {
        return booking.unposted().filter(waiting -> !recordedWhateverTheLedgerSays(waiting.event()))
                .map(waiting -> new Rejection(
                BookingErrorCode.BOOKING_POSTING_PENDING, "the " + waiting.event() + " answer of " + booking.id()
                + " waits to be recorded: reconcile the booking"));
    }

    /**
     * The events whose supplier action is recorded even when the ledger refuses their postings, which then wait to
     * be posted again: an issue's tickets and a void must never be lost. Any other answer is recorded only with its
     * postings.
     */
    public static boolean recordedWhateverTheLedgerSays(PostingEvent event) {
        return event == PostingEvent.ISSUE || event == PostingEvent.VOID;
    }

    /** The numbers of the tickets whose coupons are all open: what an exchange reissues. */
    public static Set<String> openTickets(List<Document> documents) {
        return documents.stream().filter(d -> d.type() == DocumentType.TICKET && d.allCouponsOpen())
                .map(Document::number).collect(Collectors.toSet());
    }

    private static Rejection exchangeInFlight(Booking booking) {
        return new Rejection(BookingErrorCode.BOOKING_REQUEST_UNSETTLED, "booking " + booking.id() + " has an "
                + "exchange being confirmed as booking " + booking.exchangeFollowOn().orElseThrow()
                + ": reconcile it first");
    }

    private static Rejection postingPending(Booking booking) {
        Unposted unposted = booking.unposted().orElseThrow();
        return new Rejection(BookingErrorCode.BOOKING_POSTING_PENDING, "booking " + booking.id() + " waits for its "
                + unposted.event() + " postings (" + unposted.reason() + "): repost it first");
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
        Optional<Priced> pricedBefore = switch (current) {
            case Held held -> Optional.of(new Priced(held.ticketingTimeLimit(), held.ticketingTimeLimit()));
            case Priced priced -> Optional.of(priced);
            case IssueFailed failed -> Optional.of(failed.priced()); // the guarantee may have passed since
            default -> Optional.empty();
        };
        if (pricedBefore.isEmpty()) {
            return illegal(current, price);
        }
        Priced before = pricedBefore.get();
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
        Optional<Priced> issuable = switch (current) {
            case Priced p -> Optional.of(p);
            // The airline said it did not issue: a new request is safe.
            case IssueFailed failed -> Optional.of(failed.priced());
            default -> Optional.empty();
        };
        if (issuable.isEmpty()) {
            return illegal(current, request);
        }
        Priced priced = issuable.get();
        if (priced.usedRequestIds().contains(request.requestId())) {
            return rejected(BookingErrorCode.BOOKING_REQUEST_MISMATCH,
                    "a new issue attempt needs a new request id, not " + request.requestId());
        }
        Optional<Decision> expired = checkIssuable(priced, request.now());
        if (expired.isPresent()) {
            return expired.get();
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
        return checkIssuable(pending.priced(), approve.now())
                .orElseGet(() -> startIssuing(pending.priced(), pending.requestId()));
    }

    /** A rejection when the hold or the price guarantee has passed; empty when the booking may be issued. */
    private static Optional<Decision> checkIssuable(Priced priced, Instant now) {
        if (!now.isBefore(priced.ticketingTimeLimit())) {
            return Optional.of(timeLimitPassed(priced.ticketingTimeLimit()));
        }
        if (!now.isBefore(priced.priceGuaranteeUntil())) {
            return Optional.of(rejected(BookingErrorCode.BOOKING_PRICE_EXPIRED,
                    "the price was guaranteed until " + priced.priceGuaranteeUntil() + ": price again"));
        }
        return Optional.empty();
    }

    /** Records the request as pending (and commits), then calls the supplier. */
    private static Decision startIssuing(Priced priced, String requestId) {
        return accepted(new Issuing(priced.using(requestId), requestId),
                new RecordSupplierRequest(requestId, SupplierCall.ISSUE),
                new CallSupplier(SupplierCall.ISSUE, requestId));
    }

    private static Decision issueConfirmed(BookingStatus current, IssueConfirmed confirmed) {
        Optional<String> awaited = awaitedIssueRequest(current);
        if (awaited.isEmpty()) {
            return illegal(current, confirmed);
        }
        if (!awaited.get().equals(confirmed.requestId())) {
            return requestMismatch(awaited.get(), confirmed.requestId());
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
        // No effect: the status's time says when the reconciler asks (see RECONCILE_AFTER).
        return accepted(new IssueUnknown(issuing.priced(), issuing.requestId(), ambiguous.now()));
    }

    private static Decision issueRejected(BookingStatus current, IssueRejected rejected) {
        Optional<String> awaited = awaitedIssueRequest(current);
        if (awaited.isEmpty()) {
            return illegal(current, rejected);
        }
        if (!awaited.get().equals(rejected.requestId())) {
            return requestMismatch(awaited.get(), rejected.requestId());
        }
        Priced priced = current instanceof Issuing issuing ? issuing.priced() : ((IssueUnknown) current).priced();
        return accepted(new IssueFailed(priced, awaited.get(), rejected.reason()),
                new PublishEvent("booking.issue_failed"));
    }

    /** The request id an issuing or issue-unknown booking waits on; empty in every other state. */
    private static Optional<String> awaitedIssueRequest(BookingStatus current) {
        return switch (current) {
            case Issuing issuing -> Optional.of(issuing.requestId());
            case IssueUnknown unknown -> Optional.of(unknown.requestId());
            default -> Optional.empty();
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
        return checkAllOpen(issued.documents()).orElseGet(() ->
                accepted(issued, new CallSupplier(SupplierCall.VOID, numbers(issued.documents()))));
    }

    /** A supplier's void answer is refused too when a coupon is no longer open: no airline voids such a ticket. */
    private static Decision voidConfirmed(BookingStatus current, BookingCommand command) {
        if (!(current instanceof Issued issued)) {
            return illegal(current, command);
        }
        Optional<Decision> notOpen = checkAllOpen(issued.documents());
        if (notOpen.isPresent()) {
            return notOpen.get();
        }
        List<Document> voided = issued.documents().stream().map(d -> d.withAllCoupons(CouponStatus.VOID)).toList();
        return accepted(new Voided(voided), new StoreDocuments(voided),
                new PostEntry(PostingEvent.VOID, issued.documents()), new PublishEvent("booking.voided"));
    }

    private static Decision requestRefundQuote(BookingStatus current, RequestRefundQuote request) {
        if (!(current instanceof Issued issued)) {
            return illegal(current, request);
        }
        return checkRefundable(issued, request.documentNumbers()).orElseGet(() ->
                accepted(issued, new CallSupplier(SupplierCall.REFUND_QUOTE,
                        String.join(",", request.documentNumbers().stream().sorted().toList()))));
    }

    private static Decision refundQuoteReceived(BookingStatus current, RefundQuoteReceived received) {
        if (!(current instanceof Issued issued)) {
            return illegal(current, received);
        }
        return checkRefundable(issued, received.quote().documentNumbers())
                .orElseGet(() -> accepted(new RefundQuoted(issued, received.quote(), false)));
    }

    /** A rejection naming the first document with a coupon that is not open; empty when all are open. */
    private static Optional<Decision> checkAllOpen(List<Document> documents) {
        return documents.stream().filter(document -> !document.allCouponsOpen()).findFirst()
                .map(document -> rejected(BookingErrorCode.BOOKING_COUPON_NOT_OPEN,
                        "document " + document.number() + " has coupons " + document.coupons()));
    }

    /** A rejection when a document is not the booking's or is no longer open; empty when all may be refunded. */
    private static Optional<Decision> checkRefundable(Issued issued, Set<String> documentNumbers) {
        Set<String> held = issued.documents().stream().map(Document::number).collect(Collectors.toSet());
        for (String number : documentNumbers) {
            if (!held.contains(number)) {
                return Optional.of(rejected(BookingErrorCode.BOOKING_INVALID_COMMAND, "document " + number
                        + " does not belong to the booking"));
            }
        }
        for (Document document : issued.documents()) {
            if (documentNumbers.contains(document.number()) && !document.allCouponsOpen()) {
                return Optional.of(rejected(BookingErrorCode.BOOKING_COUPON_NOT_OPEN, "document "
                        + document.number() + " has coupons " + document.coupons()));
            }
        }
        if (documentNumbers.isEmpty()) {
            return Optional.of(rejected(BookingErrorCode.BOOKING_INVALID_COMMAND,
                    "a refund names at least one document"));
        }
        return Optional.empty();
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

    /**
     * A full refund ends the booking; a partial one (some passengers or documents) leaves it issued with the
     * refunded documents' coupons marked refunded.
     */
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

    /**
     * The supplier reissued. Exchanging every open ticket ends the booking EXCHANGED (the open coupons of all its
     * documents exchanged); exchanging some of them keeps it issued with those tickets' coupons exchanged. The new
     * documents post on the follow-on booking that holds them (see the service's exchange posting).
     */
    private static Decision exchangeConfirmed(BookingStatus current, ExchangeConfirmed confirmed) {
        if (!(current instanceof Issued issued)) {
            return illegal(current, confirmed);
        }
        Optional<Rejection> notExchangeable = checkExchangeable(issued, confirmed.exchanged());
        if (notExchangeable.isPresent()) {
            return new Decision.Rejected(notExchangeable.get());
        }
        if (confirmed.newDocuments().isEmpty()) {
            return rejected(BookingErrorCode.BOOKING_INVALID_COMMAND, "an exchange names its new documents");
        }
        if (confirmed.exchanged().containsAll(openTickets(issued.documents()))) {
            List<Document> exchanged = issued.documents().stream().map(BookingMachine::exchangeOpenCoupons).toList();
            return accepted(new Exchanged(exchanged, confirmed.newDocuments()), new StoreDocuments(exchanged),
                    new PostEntry(PostingEvent.EXCHANGE, confirmed.newDocuments()),
                    new MarkExchange(Optional.empty()), new PublishEvent("booking.exchanged"));
        }
        List<Document> changed = issued.documents().stream()
                .filter(document -> confirmed.exchanged().contains(document.number()))
                .map(BookingMachine::exchangeOpenCoupons).toList();
        List<Document> documents = issued.documents().stream().map(document -> changed.stream()
                .filter(exchanged -> exchanged.number().equals(document.number())).findFirst().orElse(document))
                .toList();
        return accepted(new Issued(documents, issued.issuedAt()), new StoreDocuments(changed),
                new PostEntry(PostingEvent.EXCHANGE, confirmed.newDocuments()), new MarkExchange(Optional.empty()),
                new PublishEvent("booking.exchanged"));
    }

    /**
     * Only the booking's own tickets, every coupon open, are exchanged: a refunded, voided, flown or exchanged
     * ticket is not, whatever became of the booking's other documents.
     */
    private static Optional<Rejection> checkExchangeable(Issued issued, Set<String> tickets) {
        if (tickets.isEmpty()) {
            return Optional.of(new Rejection(BookingErrorCode.BOOKING_INVALID_COMMAND,
                    "an exchange names at least one open ticket of the booking"));
        }
        for (String number : tickets.stream().sorted().toList()) {
            Optional<Document> ticket = issued.documents().stream()
                    .filter(document -> document.number().equals(number) && document.type() == DocumentType.TICKET)
                    .findFirst();
            if (ticket.isEmpty()) {
                return Optional.of(new Rejection(BookingErrorCode.BOOKING_INVALID_COMMAND, "ticket " + number
                        + " is not a ticket of the booking"));
            }
            if (!ticket.get().allCouponsOpen()) {
                return Optional.of(new Rejection(BookingErrorCode.BOOKING_COUPON_NOT_OPEN, "ticket " + number
                        + " cannot be exchanged: its coupons are " + ticket.get().coupons()));
            }
        }
        return Optional.empty();
    }

    /** The supplier is asked to quote the chosen tickets, which must be open tickets of the booking. */
    private static Decision requestExchangeQuote(BookingStatus current, RequestExchangeQuote request) {
        if (!(current instanceof Issued issued)) {
            return illegal(current, request);
        }
        return checkExchangeable(issued, request.tickets()).<Decision>map(Decision.Rejected::new).orElseGet(() ->
                accepted(issued, new CallSupplier(SupplierCall.EXCHANGE_QUOTE, request.newOfferId(),
                        request.tickets())));
    }

    /** The confirmation is recorded as pending with its follow-on booking before the airline is asked. */
    private static Decision confirmExchange(BookingStatus current, ConfirmExchange confirm) {
        if (!(current instanceof Issued issued)) {
            return illegal(current, confirm);
        }
        return accepted(issued, new RecordSupplierRequest(confirm.quoteId(), SupplierCall.EXCHANGE_CONFIRM),
                new MarkExchange(Optional.of(confirm.newBookingId())),
                new CallSupplier(SupplierCall.EXCHANGE_CONFIRM, confirm.quoteId()));
    }

    // ---------------------------------------------------------------- deposits

    /**
     * A deposit is held on a booking not yet ticketed. The booking's expiry or cancellation releases it; the
     * ledger's own expiry is only a backstop, far enough out that an issue reconciled late still finds it to capture.
     */
    private static Decision holdDeposit(BookingStatus current, HoldDeposit hold) {
        Optional<Instant> limit = switch (current) {
            case Held held -> Optional.of(held.ticketingTimeLimit());
            case Priced priced -> Optional.of(priced.ticketingTimeLimit());
            default -> Optional.empty();
        };
        if (limit.isEmpty()) {
            return rejected(BookingErrorCode.BOOKING_ILLEGAL_TRANSITION,
                    "a deposit is held on a booking not yet ticketed, this one is " + current.state());
        }
        return accepted(current, new BookingEffect.ReserveDeposit(hold.holdId(), limit.get().plus(DEPOSIT_BACKSTOP)),
                new PublishEvent("booking.deposit_held"));
    }

    // ---------------------------------------------------------------- ending a hold

    private static Decision expire(BookingStatus current, Expire expire) {
        Optional<Instant> timeLimit = switch (current) {
            case Held held -> Optional.of(held.ticketingTimeLimit());
            case Priced priced -> Optional.of(priced.ticketingTimeLimit());
            case PendingApproval pending -> Optional.of(pending.priced().ticketingTimeLimit());
            case IssueFailed failed -> Optional.of(failed.priced().ticketingTimeLimit());
            default -> Optional.empty();
        };
        if (timeLimit.isEmpty()) {
            return illegal(current, expire);
        }
        Instant limit = timeLimit.get();
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
