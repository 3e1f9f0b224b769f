package io.travobooks.booking.service;

import io.travobooks.booking.BookingCommand;
import io.travobooks.booking.BookingEffect;
import io.travobooks.booking.BookingErrorCode;
import io.travobooks.booking.BookingMachine;
import io.travobooks.booking.BookingState;
import io.travobooks.booking.BookingStatus;
import io.travobooks.booking.Decision;
import io.travobooks.booking.RefundQuote;
import io.travobooks.booking.posting.FormOfPayment;
import io.travobooks.booking.posting.PostingEventType;
import io.travobooks.booking.posting.PostingKey;
import io.travobooks.booking.posting.PostingRules;
import io.travobooks.ledger.JournalEntry;
import io.travobooks.ledger.Ledger;
import io.travobooks.ledger.LedgerBatch;
import io.travobooks.ledger.LedgerErrorCode;
import io.travobooks.ledger.PostResult;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.Money;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.Rejection;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.booking.BookingRef;
import io.travobooks.spi.booking.BookingStore;
import io.travobooks.spi.booking.StoredBooking;
import io.travobooks.spi.booking.SupplierRequest;
import io.travobooks.spi.lock.Lease;
import io.travobooks.spi.lock.LockManager;
import io.travobooks.spi.outbox.OutboxEvent;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.spi.supplier.ExchangeOffer;
import io.travobooks.spi.supplier.Fare;
import io.travobooks.spi.supplier.Passenger;
import io.travobooks.spi.supplier.RefundOffer;
import io.travobooks.spi.supplier.SupplierGateway;
import io.travobooks.spi.supplier.SupplierOrder;
import io.travobooks.spi.supplier.SupplierResult;
import io.travobooks.spi.travel.CouponStatus;
import io.travobooks.spi.travel.Document;
import io.travobooks.spi.travel.DocumentType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs bookings against a supplier: the {@link BookingMachine} decides, this class does what it decided. Every
 * command on a booking holds the booking's lock (whose fencing token the store checks on every write), and every
 * transition commits in one transaction: the new status, the documents, the journal entries and the outbox event.
 * Supplier calls happen between transactions, never inside one.
 *
 * <p>Issuance: lock; an idempotency key already used returns the booking as that request left
 * it; the issue request is recorded as pending and committed (the booking is ISSUING); the supplier is called;
 * then tickets, entries, ISSUED and {@code booking.issued} commit together. An ambiguous answer leaves the booking
 * ISSUE_UNKNOWN and the request is never sent again: {@link #reconcile} asks the supplier by request id. A process
 * that dies anywhere in between leaves a booking that {@link #reconcileDue} settles the same way.
 *
 * <p>Why one class of this size, for now: it holds the commands, the reconciler, exchanges and the fenced commit
 * step, grouped in sections by job. Splitting it along those sections (a thin facade, a public reconciler, exchanges
 * on their own, an internal transition step) is the next planned refactoring; the ledger side already lives in
 * {@link BookingPostings}.
 */
public final class BookingService {
    private static final Logger LOG = LoggerFactory.getLogger(BookingService.class);
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
    private static final int MAX_BOOKING_ID = 24;
    private static final int MAX_DEPOSIT_ID = 16;
    private static final String SWEEPER = "booking-sweeper";
    private static final String EXCHANGE_CONFIRM = "EXCHANGE_CONFIRM";
    /** Back-office events: the ledger refused what a supplier action implies, or took it later. */
    private static final String POSTING_REFUSED = "accounting.posting_refused";
    private static final String POSTED = "accounting.posted";

    private final BookingStore store;
    private final OutboxStore outbox;
    private final Ledger ledger;
    private final LockManager locks;
    private final SupplierGateway supplier;
    private final Function<TenantId, PostingRules> rules;
    private final ApprovalPolicy approval;
    private final Clock clock;
    private final BookingServiceOptions options;
    private final IssuanceObserver observer;
    private final BookingPostings postings;

    public BookingService(BookingStore store, OutboxStore outbox, Ledger ledger, LockManager locks,
                          SupplierGateway supplier, Function<TenantId, PostingRules> rules, ApprovalPolicy approval,
                          Clock clock, BookingServiceOptions options) {
        this(store, outbox, ledger, locks, supplier, rules, approval, clock, options, IssuanceObserver.NONE);
    }

    private BookingService(BookingStore store, OutboxStore outbox, Ledger ledger, LockManager locks,
                           SupplierGateway supplier, Function<TenantId, PostingRules> rules, ApprovalPolicy approval,
                           Clock clock, BookingServiceOptions options, IssuanceObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.store = Objects.requireNonNull(store, "store");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.locks = Objects.requireNonNull(locks, "locks");
        this.supplier = Objects.requireNonNull(supplier, "supplier");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.approval = Objects.requireNonNull(approval, "approval");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        this.postings = new BookingPostings(ledger, rules);
        Duration inFlight = options.lease().plus(supplier.callTimeout());
        if (options.issuingGrace().compareTo(inFlight) <= 0) {
            // Else the reconciler could judge a request still on its way to the airline, fail it, and issue twice.
            throw new IllegalArgumentException("the issuing grace (" + options.issuingGrace() + ") must outlast the"
                    + " lease plus the supplier's call timeout (" + options.lease() + " + " + supplier.callTimeout()
                    + ")");
        }
    }

    /** The same service, telling {@code issuanceObserver} about every issuance step. */
    public BookingService observedBy(IssuanceObserver issuanceObserver) {
        return new BookingService(store, outbox, ledger, locks, supplier, rules, approval, clock, options,
                issuanceObserver);
    }

    // ---------------------------------------------------------------- queries

    public Optional<Booking> find(RequestContext context, String bookingId) {
        return inTransaction(uow -> load(uow, context.tenant(), bookingId, false));
    }

    // ---------------------------------------------------------------- commands

    /**
     * Holds {@code offerId} for the passengers at the supplier and stores the booking HELD until the supplier's
     * ticketing time limit. The booking id is the caller's (1 to {@value #MAX_BOOKING_ID} characters).
     */
    public Outcome<Booking> hold(RequestContext context, String bookingId, String offerId,
                                 List<Passenger> passengers, BookingTerms terms) {
        Optional<Rejection> invalid = checkBookingId(bookingId);
        if (invalid.isPresent()) {
            return new Outcome.Refused<>(invalid.get());
        }
        if (passengers.isEmpty()) {
            return refused(BookingErrorCode.BOOKING_INVALID_COMMAND, "a booking has at least one passenger");
        }
        if (find(context, bookingId).isPresent()) {
            return refused(BookingErrorCode.BOOKING_INVALID_COMMAND, "booking " + bookingId + " exists");
        }
        PostingKey issueKey = new PostingKey(PostingEventType.ISSUE, terms.channel(), terms.payment(), terms.model());
        if (rules.apply(context.tenant()).find(issueKey).isEmpty()) {
            // Refused before the supplier holds anything: such a booking could be ticketed but never posted.
            return refused(BookingErrorCode.BOOKING_NO_POSTING_RULE, "no posting rule issues " + issueKey);
        }
        SupplierOrder order;
        switch (supplier.hold(offerId, passengers)) {
            case SupplierResult.Success<SupplierOrder> success -> order = success.value();
            case SupplierResult.Refused<SupplierOrder> no -> {
                return refused(BookingErrorCode.BOOKING_SUPPLIER_REFUSED, no.code() + ": " + no.message());
            }
            case SupplierResult.Unknown<SupplierOrder> unknown -> {
                return refused(BookingErrorCode.BOOKING_SUPPLIER_UNAVAILABLE, unknown.reason());
            }
        }
        if (!order.offer().farePerPassenger().base().currency().equals(terms.currency())) {
            supplier.cancel(order.pnr());
            return refused(BookingErrorCode.BOOKING_INVALID_COMMAND, "the terms are in " + terms.currency()
                    + ", the fare in " + order.offer().farePerPassenger().base().currency());
        }
        Booking draft = new Booking(context.tenant(), bookingId, 1, order.pnr(), order.offer().airlinePrefix(),
                passengers, order.offer().farePerPassenger(), terms, new BookingStatus.Draft(), List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        Instant now = clock.instant();
        Decision decision = BookingMachine.decide(draft.status(),
                new BookingCommand.Hold(order.ticketingTimeLimit(), now));
        if (!(decision instanceof Decision.Accepted accepted)) {
            supplier.cancel(order.pnr());
            return new Outcome.Refused<>(((Decision.Rejected) decision).rejection());
        }
        Booking held = new Booking(draft.tenant(), draft.id(), 1, draft.pnr(), draft.airlinePrefix(),
                draft.passengers(), draft.farePerPassenger(), terms, accepted.next(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        boolean inserted = inTransaction(uow -> {
            if (!store.insert(uow, BookingCodec.encode(held, deadline(held, now)))) {
                return false;
            }
            publish(uow, held, "booking.held", now);
            return true;
        });
        if (!inserted) {
            supplier.cancel(order.pnr());
            return refused(BookingErrorCode.BOOKING_INVALID_COMMAND, "booking " + bookingId + " exists");
        }
        return Outcome.ok(held);
    }

    /**
     * Prices the held booking at the supplier; the booking is PRICED until the supplier's guarantee passes, at the
     * fare the supplier quotes now (it may have changed since the hold), which the issue then posts.
     */
    public Outcome<Booking> price(RequestContext context, String bookingId) {
        return locked(context, bookingId, lease -> {
            Optional<Booking> booking = find(context, bookingId);
            if (booking.isEmpty()) {
                return notFound(bookingId);
            }
            return switch (supplier.price(booking.get().pnr())) {
                case SupplierResult.Success<SupplierOrder> priced -> transition(context, bookingId, lease,
                        current -> new BookingCommand.Price(priced.value().priceGuaranteeUntil(), clock.instant()),
                        RequestDetails.repriced(priced.value().offer().farePerPassenger())).map(Step::booking);
                case SupplierResult.Refused<SupplierOrder> no ->
                        refused(BookingErrorCode.BOOKING_SUPPLIER_REFUSED, no.code() + ": " + no.message());
                case SupplierResult.Unknown<SupplierOrder> unknown ->
                        refused(BookingErrorCode.BOOKING_SUPPLIER_UNAVAILABLE, unknown.reason());
            };
        });
    }

    /**
     * Issues the priced booking. {@code idempotencyKey} identifies the caller's request: repeating it returns the
     * booking as that request left it (ISSUED with the same tickets, or still being settled), and never sends a
     * second issue request; a key used for another booking is refused.
     */
    public Outcome<Booking> issue(RequestContext context, String bookingId, String idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (idempotencyKey.isBlank() || idempotencyKey.length() > 128) {
            return refused(BookingErrorCode.BOOKING_INVALID_COMMAND, "an idempotency key has 1 to 128 characters");
        }
        return locked(context, bookingId, lease -> {
            observer.reached(IssuanceObserver.Step.LOCKED, bookingId);
            String requestId = newRequestId();
            return transition(context, bookingId, lease, booking -> new BookingCommand.RequestIssue(requestId,
                            approval.requiresApproval(context, booking), clock.instant()),
                    RequestDetails.keyed(BookingEffect.SupplierCall.ISSUE, idempotencyKey, Optional.empty()))
                    .flatMap(step -> callSupplier(context, lease, step));
        });
    }

    /** The booking as the earlier request with the same key left it; refused when the key was for something else. */
    private Outcome<Booking> replay(RequestContext context, String bookingId, SupplierRequest earlier,
                                    Optional<BookingEffect.SupplierCall> call) {
        if (!earlier.bookingId().equals(bookingId) || call.isEmpty() || !earlier.call().equals(call.get().name())) {
            return refused(BookingErrorCode.BOOKING_KEY_REUSED, "the key was used for a "
                    + earlier.call() + " of booking " + earlier.bookingId());
        }
        return find(context, bookingId).<Outcome<Booking>>map(Outcome::ok).orElseGet(() -> notFound(bookingId));
    }

    /** An approver lets a booking waiting for approval be issued. */
    public Outcome<Booking> approve(RequestContext context, String bookingId) {
        return locked(context, bookingId, lease -> transition(context, bookingId, lease,
                booking -> new BookingCommand.Approve(context.actor(), clock.instant()), RequestDetails.NONE)
                .flatMap(step -> callSupplier(context, lease, step)));
    }

    /** An approver refuses the issue waiting for approval; the booking is priced again. */
    public Outcome<Booking> rejectApproval(RequestContext context, String bookingId, String reason) {
        return locked(context, bookingId, lease -> transition(context, bookingId, lease,
                booking -> new BookingCommand.RejectApproval(context.actor(), reason), RequestDetails.NONE)
                .map(Step::booking));
    }

    /** Voids every document of the booking at the supplier, inside the void window; posts the exact reversal. */
    public Outcome<Booking> voidTickets(RequestContext context, String bookingId) {
        return locked(context, bookingId, lease -> transition(context, bookingId, lease,
                booking -> new BookingCommand.RequestVoid(options.voidWindow(), clock.instant()), RequestDetails.NONE)
                .flatMap(step -> callSupplier(context, lease, step)));
    }

    /** Asks the supplier what refunding these documents (all of them: a full refund) would return. */
    public Outcome<Booking> quoteRefund(RequestContext context, String bookingId, Set<String> documentNumbers) {
        return locked(context, bookingId, lease -> transition(context, bookingId, lease,
                booking -> new BookingCommand.RequestRefundQuote(documentNumbers), RequestDetails.NONE)
                .flatMap(step -> callSupplier(context, lease, step)));
    }

    /** Confirms the quote the booking holds; the supplier refunds, and the refund entries post. */
    public Outcome<Booking> confirmRefund(RequestContext context, String bookingId, String quoteId) {
        return locked(context, bookingId, lease -> transition(context, bookingId, lease,
                booking -> new BookingCommand.ConfirmRefund(quoteId, clock.instant()), RequestDetails.NONE)
                .flatMap(step -> callSupplier(context, lease, step)));
    }

    public Outcome<Booking> declineRefund(RequestContext context, String bookingId, String quoteId) {
        return locked(context, bookingId, lease -> transition(context, bookingId, lease,
                booking -> new BookingCommand.DeclineRefund(quoteId), RequestDetails.NONE).map(Step::booking));
    }

    /** Cancels a booking not yet ticketed and releases the supplier's hold. */
    public Outcome<Booking> cancel(RequestContext context, String bookingId, String reason) {
        return locked(context, bookingId, lease -> transition(context, bookingId, lease,
                booking -> new BookingCommand.Cancel(reason), RequestDetails.NONE)
                .flatMap(step -> callSupplier(context, lease, step)));
    }

    /**
     * Sells an EMD of {@code amount} per passenger (an extra bag: reason XBAG) on the issued booking; posts the EMD
     * event. {@code idempotencyKey} works as for {@link #issue}.
     */
    public Outcome<Booking> issueEmd(RequestContext context, String bookingId, Money amount, String reason,
                                     String idempotencyKey) {
        Objects.requireNonNull(reason, "reason");
        if (idempotencyKey.isBlank() || idempotencyKey.length() > 128 || !amount.isPositive()) {
            return refused(BookingErrorCode.BOOKING_INVALID_COMMAND,
                    "an EMD needs a positive amount and an idempotency key of 1 to 128 characters");
        }
        return locked(context, bookingId, lease -> {
            // One EMD request at a time per booking: the airline's answer names documents, not requests.
            boolean earlierOpen = inTransaction(uow -> store.requests(uow, context.tenant(), bookingId)).stream()
                    .anyMatch(request -> request.call().equals(BookingEffect.SupplierCall.EMD.name())
                            && (request.status() == SupplierRequest.Status.PENDING
                            || request.status() == SupplierRequest.Status.UNKNOWN)
                            && !request.idempotencyKey().equals(Optional.of(idempotencyKey)));
            if (earlierOpen) {
                return refused(BookingErrorCode.BOOKING_REQUEST_UNSETTLED, "an earlier EMD request of " + bookingId
                        + " is not settled: reconcile the booking first");
            }
            String requestId = newRequestId();
            return transition(context, bookingId, lease, booking -> {
                        if (!amount.currency().equals(booking.terms().currency())) {
                            throw new Refusal(new Rejection(BookingErrorCode.BOOKING_INVALID_COMMAND, "the EMD is in "
                                    + amount.currency() + ", the booking in " + booking.terms().currency()));
                        }
                        return new BookingCommand.RequestEmd(requestId);
                    },
                    RequestDetails.keyed(BookingEffect.SupplierCall.EMD, idempotencyKey, Optional.of(amount)))
                    .flatMap(step -> callSupplier(context, lease, step, reason));
        });
    }

    /**
     * Asks the supplier what exchanging the booking's open tickets for the itinerary of {@code newOfferId} costs,
     * and keeps the quote with the booking: {@link #confirmExchange} confirms it by id and posts its amounts.
     */
    public Outcome<ExchangeOffer> quoteExchange(RequestContext context, String bookingId, String newOfferId) {
        Outcome<Booking> quoted = locked(context, bookingId, lease -> {
            Optional<Booking> booking = find(context, bookingId);
            if (booking.isEmpty()) {
                return notFound(bookingId);
            }
            if (!(booking.get().status() instanceof BookingStatus.Issued issued)) {
                return refused(BookingErrorCode.BOOKING_ILLEGAL_TRANSITION, "only an issued booking is exchanged, "
                        + bookingId + " is " + booking.get().status().state());
            }
            if (booking.get().exchangeFollowOn().isPresent()) {
                return new Outcome.Refused<>(exchangeInFlight(booking.get()));
            }
            Set<String> tickets = issued.documents().stream()
                    .filter(d -> d.type() == DocumentType.TICKET && d.allCouponsOpen()).map(Document::number)
                    .collect(java.util.stream.Collectors.toSet());
            return switch (supplier.exchangeQuote(booking.get().pnr(), tickets, newOfferId)) {
                case SupplierResult.Success<ExchangeOffer> quote -> keepQuote(context, bookingId, lease,
                        quote.value());
                case SupplierResult.Refused<ExchangeOffer> no ->
                        refused(BookingErrorCode.BOOKING_SUPPLIER_REFUSED, no.code() + ": " + no.message());
                case SupplierResult.Unknown<ExchangeOffer> unknown ->
                        refused(BookingErrorCode.BOOKING_SUPPLIER_UNAVAILABLE, unknown.reason());
            };
        });
        return quoted.map(booking -> booking.exchangeQuote().orElseThrow());
    }

    private Outcome<Booking> keepQuote(RequestContext context, String bookingId, Lease lease, ExchangeOffer quote) {
        return inTransaction(uow -> {
            Booking booking = load(uow, context.tenant(), bookingId, true).orElseThrow();
            Booking next = booking.withExchangeQuote(quote);
            if (!store.update(uow, BookingCodec.encode(next, deadline(next, clock.instant())),
                    lease.fencingToken())) {
                return Outcome.<Booking>refused(BookingErrorCode.BOOKING_LEASE_LOST, "booking " + bookingId
                        + " was written by a newer lock holder");
            }
            return Outcome.ok(next);
        });
    }

    /**
     * Confirms the exchange quote the booking keeps ({@code quoteId}, from {@link #quoteExchange}): the supplier
     * reissues, this booking becomes EXCHANGED and the new tickets go to the follow-on booking {@code newBookingId}
     * (ISSUED, same PNR, passengers and terms), which this returns; the exchange posts on it (additional
     * collection, commission on the fare difference, reissue fee with VAT) from the kept quote's amounts. An
     * ambiguous answer changes nothing here: confirming the same quote again is safe, the supplier answers a
     * repeated confirmation with the order as it is.
     */
    public Outcome<Booking> confirmExchange(RequestContext context, String bookingId, String quoteId,
                                            String newBookingId) {
        Optional<Rejection> invalid = checkBookingId(newBookingId);
        if (invalid.isPresent()) {
            return new Outcome.Refused<>(invalid.get());
        }
        return locked(context, bookingId, lease -> {
            Optional<Booking> found = find(context, bookingId);
            if (found.isEmpty()) {
                return notFound(bookingId);
            }
            Booking booking = found.get();
            Optional<ExchangeOffer> kept = booking.exchangeQuote().filter(q -> q.quoteId().equals(quoteId));
            if (kept.isEmpty()) {
                return refused(BookingErrorCode.BOOKING_REQUEST_MISMATCH, "booking " + bookingId
                        + " keeps no exchange quote " + quoteId);
            }
            ExchangeOffer quote = kept.get();
            if (booking.exchangeFollowOn().filter(followOn -> !followOn.equals(newBookingId)).isPresent()) {
                return new Outcome.Refused<>(exchangeInFlight(booking));
            }
            Optional<Rejection> unfit = exchangeUnfit(booking, quote, newBookingId);
            if (unfit.isPresent()) {
                return new Outcome.Refused<>(unfit.get());
            }
            Outcome<Booking> recorded = recordExchangeRequest(context, booking, quote, newBookingId, lease);
            if (!recorded.isOk()) {
                return recorded;
            }
            return confirmKeptExchange(context, recorded.orThrow(), lease);
        });
    }

    /**
     * Records the confirmation as pending and the follow-on booking it is for, committed before the airline is
     * asked: should this process die, or the exchange's commit fail, after the airline reissued, the reconciler
     * finds both and settles the exchange.
     */
    private Outcome<Booking> recordExchangeRequest(RequestContext context, Booking booking, ExchangeOffer quote,
                                                   String newBookingId, Lease lease) {
        return inTransaction(uow -> {
            Instant now = clock.instant();
            store.recordRequest(uow, new SupplierRequest(context.tenant(), quote.quoteId(), booking.id(),
                    EXCHANGE_CONFIRM, Optional.empty(), Optional.empty(), SupplierRequest.Status.PENDING, now));
            Booking current = load(uow, context.tenant(), booking.id(), true).orElseThrow();
            if (current.exchangeFollowOn().isPresent()) {
                return Outcome.ok(current);
            }
            Booking next = current.with(current.status(), current.documents())
                    .withExchangeFollowOn(Optional.of(newBookingId));
            if (!store.update(uow, BookingCodec.encode(next, deadline(next, now)), lease.fencingToken())) {
                return Outcome.<Booking>refused(BookingErrorCode.BOOKING_LEASE_LOST, "booking " + booking.id()
                        + " was written by a newer lock holder");
            }
            return Outcome.ok(next);
        });
    }

    /**
     * Asks the airline to confirm the kept quote (a confirmation sent again answers the order as it is) and records
     * the exchange; a refusal ends the confirmation, an unclear answer leaves it to the reconciler.
     */
    private Outcome<Booking> confirmKeptExchange(RequestContext context, Booking booking, Lease lease) {
        ExchangeOffer quote = booking.exchangeQuote().orElseThrow();
        String followOn = booking.exchangeFollowOn().orElseThrow();
        return switch (supplier.exchangeConfirm(booking.pnr(), quote.quoteId())) {
            case SupplierResult.Success<SupplierOrder> exchanged -> flaggingPostingRefusals(context, booking.id(),
                    lease, BookingEffect.PostingEvent.EXCHANGE,
                    commitExchange(context, booking.id(), lease, quote, followOn, exchanged.value()));
            case SupplierResult.Refused<SupplierOrder> no -> endExchangeConfirmation(context, booking.id(), quote, lease)
                    ? refused(BookingErrorCode.BOOKING_SUPPLIER_REFUSED, no.code() + ": " + no.message())
                    : refused(BookingErrorCode.BOOKING_LEASE_LOST, "booking " + booking.id()
                    + " was written by a newer lock holder");
            case SupplierResult.Unknown<SupplierOrder> unknown ->
                    refused(BookingErrorCode.BOOKING_SUPPLIER_UNAVAILABLE, unknown.reason()
                            + "; reconcile the booking to learn whether the airline exchanged");
        };
    }

    /** The airline refused the confirmation: it is over. @return false when a newer lock holder wrote the booking */
    private boolean endExchangeConfirmation(RequestContext context, String bookingId, ExchangeOffer quote,
                                            Lease lease) {
        return inTransaction(uow -> {
            store.settleRequest(uow, context.tenant(), quote.quoteId(), SupplierRequest.Status.FAILED);
            Booking current = load(uow, context.tenant(), bookingId, true).orElseThrow();
            Booking next = current.with(current.status(), current.documents()).withExchangeFollowOn(Optional.empty())
                    .withUnposted(Optional.empty());
            return store.update(uow, BookingCodec.encode(next, deadline(next, clock.instant())),
                    lease.fencingToken());
        });
    }

    /**
     * Why the quote cannot be confirmed on this booking, checked before the airline reissues anything: another
     * PNR, other documents than the booking's open tickets, a booking the machine would not exchange (a partly
     * refunded one), a follow-on id taken, or an exchange the tenant's rules cannot post.
     */
    private Optional<Rejection> exchangeUnfit(Booking booking, ExchangeOffer quote, String newBookingId) {
        if (!quote.pnr().equals(booking.pnr())) {
            return Optional.of(new Rejection(BookingErrorCode.BOOKING_REQUEST_MISMATCH, "quote " + quote.quoteId()
                    + " is for " + quote.pnr() + ", not " + booking.pnr()));
        }
        Set<String> openTickets = booking.documents().stream()
                .filter(d -> d.type() == DocumentType.TICKET && d.allCouponsOpen()).map(Document::number)
                .collect(java.util.stream.Collectors.toSet());
        if (!quote.documentNumbers().equals(openTickets)) {
            return Optional.of(new Rejection(BookingErrorCode.BOOKING_REQUEST_MISMATCH, "quote " + quote.quoteId()
                    + " covers " + quote.documentNumbers() + ", the booking's open tickets are " + openTickets));
        }
        if (BookingMachine.decide(booking.status(), new BookingCommand.ExchangeConfirmed(
                BookingPostings.sampleTickets(booking), clock.instant())) instanceof Decision.Rejected rejected) {
            return Optional.of(rejected.rejection());
        }
        if (find(new RequestContext(booking.tenant(), SWEEPER), newBookingId).isPresent()) {
            return Optional.of(new Rejection(BookingErrorCode.BOOKING_INVALID_COMMAND,
                    "booking " + newBookingId + " exists"));
        }
        if (booking.unposted().isPresent()) {
            return Optional.of(postingPending(booking));
        }
        try {
            LedgerBatch sample = LedgerBatch.of(BookingPostings.built(BookingEntries.exchange(booking, booking, quote,
                    BookingPostings.sampleTickets(booking), rules.apply(booking.tenant()), today())));
            return inTransaction(uow -> postings.wouldRefuse(uow, new RequestContext(booking.tenant(), SWEEPER),
                    sample, "the exchange"));
        } catch (BookingPostings.Unbuildable unbuildable) {
            return Optional.of(unbuildable.rejection());
        }
    }

    /** Ends the booking as EXCHANGED and opens the follow-on booking with the new tickets, in one transaction. */
    private Outcome<Booking> commitExchange(RequestContext context, String bookingId, Lease lease,
                                            ExchangeOffer quote, String newBookingId, SupplierOrder order) {
        try {
            return Outcome.ok(inTransaction(uow -> {
                Booking current = load(uow, context.tenant(), bookingId, true).orElseThrow();
                List<Document> newTickets = newDocuments(current, order, type -> type == DocumentType.TICKET);
                Decision decision = BookingMachine.decide(current.status(),
                        new BookingCommand.ExchangeConfirmed(newTickets, clock.instant()));
                if (decision instanceof Decision.Rejected rejected) {
                    throw new Refusal(rejected.rejection());
                }
                BookingStatus.Exchanged ended = (BookingStatus.Exchanged) ((Decision.Accepted) decision).next();
                Instant now = clock.instant();
                Booking exchanged = current.with(ended, ended.documents()).withExchangeFollowOn(Optional.empty())
                        .withUnposted(Optional.empty());
                Booking followOn = new Booking(current.tenant(), newBookingId, 1, current.pnr(),
                        current.airlinePrefix(), current.passengers(), order.offer().farePerPassenger(),
                        current.terms(), new BookingStatus.Issued(newTickets, order.issuedAt().orElse(now)),
                        newTickets, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
                store.updateDocuments(uow, current.tenant(), bookingId, ended.documents());
                if (!store.insert(uow, BookingCodec.encode(followOn, Optional.empty()))) {
                    throw new Refusal(new Rejection(BookingErrorCode.BOOKING_INVALID_COMMAND,
                            "booking " + newBookingId + " exists"));
                }
                store.insertDocuments(uow, current.tenant(), newBookingId, newTickets);
                for (JournalEntry entry : entriesOrRefuse(BookingEntries.exchange(followOn, current, quote,
                        newTickets, rules.apply(current.tenant()), LocalDate.ofInstant(now, options.agencyZone())))) {
                    PostResult result = ledger.postWithin(uow, context, entry);
                    if (!result.isSuccess()) {
                        throw new Refusal(new Rejection(BookingErrorCode.BOOKING_POSTING_REFUSED,
                                "entry " + entry.id() + " for the exchange: " + result));
                    }
                }
                store.settleRequest(uow, current.tenant(), quote.quoteId(), SupplierRequest.Status.SUCCEEDED);
                if (!store.update(uow, BookingCodec.encode(exchanged, Optional.empty()), lease.fencingToken())) {
                    throw new Refusal(new Rejection(BookingErrorCode.BOOKING_LEASE_LOST, "booking " + bookingId
                            + " was written by a newer lock holder"));
                }
                publish(uow, exchanged, "booking.exchanged", now);
                publish(uow, followOn, "booking.reissued", now);
                return followOn;
            }));
        } catch (Refusal refusal) {
            return new Outcome.Refused<>(refusal.rejection);
        }
    }

    /**
     * Holds the customer's deposit for a booking paid by deposit and not yet ticketed: a pending ledger entry
     * (Bank to customer deposits, the customer total of all passengers) recorded with the booking. The issue
     * captures it in its own transaction; expiry or cancellation releases it. {@code depositId} (1 to
     * {@value #MAX_DEPOSIT_ID} characters) names the hold: holding it again answers the booking as it is.
     */
    public Outcome<Booking> holdDeposit(RequestContext context, String bookingId, String depositId) {
        Objects.requireNonNull(depositId, "depositId");
        if (depositId.isEmpty() || depositId.length() > MAX_DEPOSIT_ID || checkBookingId(depositId).isPresent()) {
            return refused(BookingErrorCode.BOOKING_INVALID_COMMAND, "a deposit id has 1 to " + MAX_DEPOSIT_ID
                    + " letters, digits, '.', '_' or '-'");
        }
        return locked(context, bookingId, lease -> {
            try {
                return Outcome.ok(inTransaction(uow -> {
                    Booking booking = load(uow, context.tenant(), bookingId, true).orElseThrow(() -> new Refusal(
                            new Rejection(BookingErrorCode.BOOKING_NOT_FOUND, "no booking " + bookingId)));
                    String hold = bookingId + ".DH." + depositId;
                    if (booking.depositHold().equals(Optional.of(hold))) {
                        return booking;
                    }
                    Instant limit = switch (booking.status()) {
                        case BookingStatus.Held held -> held.ticketingTimeLimit();
                        case BookingStatus.Priced priced -> priced.ticketingTimeLimit();
                        default -> throw new Refusal(new Rejection(BookingErrorCode.BOOKING_ILLEGAL_TRANSITION,
                                "a deposit is held on a booking not yet ticketed, " + bookingId + " is "
                                        + booking.status().state()));
                    };
                    if (booking.terms().payment() != FormOfPayment.DEPOSIT || booking.depositHold().isPresent()) {
                        throw new Refusal(new Rejection(BookingErrorCode.BOOKING_INVALID_COMMAND, "booking "
                                + bookingId + " is not paid by deposit, or holds one already"));
                    }
                    Instant now = clock.instant();
                    JournalEntry entry = entriesOrRefuse(BookingEntries.deposit(booking, hold,
                            rules.apply(context.tenant()), LocalDate.ofInstant(now, options.agencyZone()))
                            .map(List::of)).getFirst();
                    // Expiry or cancellation releases the hold; the ledger's own expiry is only a backstop, far
                    // enough out that an issue reconciled late still finds the deposit to capture.
                    PostResult reserved = ledger.reserveWithin(uow, context, entry,
                            Optional.of(limit.plus(java.time.Duration.ofDays(30))));
                    if (!reserved.isSuccess()) {
                        throw new Refusal(new Rejection(BookingErrorCode.BOOKING_POSTING_REFUSED,
                                "deposit hold " + hold + ": " + reserved));
                    }
                    Booking next = booking.withDepositHold(hold);
                    if (!store.update(uow, BookingCodec.encode(next, deadline(next, now)),
                            lease.fencingToken())) {
                        throw new Refusal(new Rejection(BookingErrorCode.BOOKING_LEASE_LOST, "booking " + bookingId
                                + " was written by a newer lock holder"));
                    }
                    publish(uow, next, "booking.deposit_held", now);
                    return next;
                }));
            } catch (Refusal refusal) {
                return new Outcome.Refused<>(refusal.rejection);
            }
        });
    }

    // ---------------------------------------------------------------- reconciling and sweeping

    /**
     * Posts what waits on a booking whose supplier action the ledger refused to post when it was recorded (see
     * {@link Unposted}), dated today: the issue's entries and deposit capture, or the void's reversals. Done, the
     * booking carries nothing waiting and {@code accounting.posted} is published; refused again, the booking keeps
     * waiting, with the new reason, and the refusal is returned. A booking with nothing waiting is returned as it is.
     * {@link #reconcileDue} does this for every booking whose posting waits.
     */
    public Outcome<Booking> repost(RequestContext context, String bookingId) {
        return locked(context, bookingId, lease -> repostHeld(context, bookingId, lease));
    }

    private Outcome<Booking> repostHeld(RequestContext context, String bookingId, Lease lease) {
        try {
            return inTransaction(uow -> {
                Booking booking = load(uow, context.tenant(), bookingId, true).orElseThrow(() -> new Refusal(
                        new Rejection(BookingErrorCode.BOOKING_NOT_FOUND, "no booking " + bookingId)));
                if (booking.unposted().isEmpty()) {
                    return Outcome.ok(booking);
                }
                Unposted waiting = booking.unposted().get();
                Instant now = clock.instant();
                LocalDate today = LocalDate.ofInstant(now, options.agencyZone());
                LedgerBatch batch = switch (waiting.event()) {
                    case ISSUE -> postings.issue(booking, booking.documents().stream()
                            .filter(document -> document.type() == DocumentType.TICKET).toList(), today);
                    case VOID -> postings.voidOf(uow, context, booking, booking.documents(), today);
                    // Not recorded yet: only the supplier's answer, asked for again, can post it.
                    case REFUND, EMD, EXCHANGE -> throw new Refusal(new Rejection(
                            BookingErrorCode.BOOKING_POSTING_PENDING, "the " + waiting.event() + " answer of "
                            + bookingId + " waits to be recorded: reconcile the booking"));
                };
                Optional<String> refused = postings.apply(uow, context, batch);
                Booking next = booking.with(booking.status(), booking.documents()).withUnposted(refused.map(
                        reason -> new Unposted(waiting.event(), reason, waiting.since())));
                if (!store.update(uow, BookingCodec.encode(next, deadline(next, now)), lease.fencingToken())) {
                    throw new Refusal(new Rejection(BookingErrorCode.BOOKING_LEASE_LOST, "booking " + bookingId
                            + " was written by a newer lock holder"));
                }
                if (refused.isPresent()) {
                    return Outcome.<Booking>refused(BookingErrorCode.BOOKING_POSTING_REFUSED, refused.get());
                }
                publish(uow, next, POSTED, now);
                return Outcome.ok(next);
            });
        } catch (Refusal refusal) {
            return new Outcome.Refused<>(refusal.rejection);
        } catch (BookingPostings.Unbuildable unbuildable) {
            return new Outcome.Refused<>(unbuildable.rejection());
        }
    }

    /**
     * Settles an issue whose outcome is not known (ISSUING after a crash, ISSUE_UNKNOWN after an ambiguous
     * answer) by asking the supplier for the order that request id produced: tickets found complete the issue
     * (entries and event included); "never received" fails it, so that it may be issued again with a new request.
     * On an issued booking it settles EMD requests answered ambiguously, and a void the airline made but never
     * confirmed; on a confirmed refund quote, a refund the airline made but never confirmed. Any other booking is
     * returned as it is.
     */
    public Outcome<Booking> reconcile(RequestContext context, String bookingId) {
        return locked(context, bookingId, lease -> {
            Outcome<Booking> outcome = reconcileHeld(context, bookingId, lease);
            return moveOnIfStillDue(context, bookingId, lease) ? find(context, bookingId)
                    .<Outcome<Booking>>map(booking -> outcome.isOk() ? Outcome.ok(booking) : outcome)
                    .orElse(outcome) : outcome;
        });
    }

    /**
     * Makes sure the sweep, which takes the earliest deadlines first, is never held up by one booking: a booking
     * of the reconciler's states still due after a pass is given its next try {@link BookingMachine#RECONCILE_AFTER}
     * on if it still waits for something (an unsettled issue, a posting, an exchange), and its usual deadline
     * otherwise (none for an issued booking). @return whether it wrote
     */
    private boolean moveOnIfStillDue(RequestContext context, String bookingId, Lease lease) {
        Instant now = clock.instant();
        return inTransaction(uow -> store.lock(uow, context.tenant(), bookingId)
                .filter(stored -> RECONCILED.contains(stored.state())
                        && stored.deadline().filter(deadline -> !deadline.isAfter(now)).isPresent())
                .map(stored -> {
                    Booking booking = BookingCodec.decode(stored, store.documents(uow, context.tenant(), bookingId));
                    boolean waits = UNSETTLED.contains(stored.state()) || booking.unposted().isPresent()
                            || booking.exchangeFollowOn().isPresent();
                    Optional<Instant> next = waits ? Optional.of(now.plus(BookingMachine.RECONCILE_AFTER))
                            : deadline(booking, now);
                    return store.update(uow, stored.next(stored.state(), stored.pnr(), next, stored.data()),
                            lease.fencingToken());
                }).orElse(false));
    }

    private Outcome<Booking> reconcileHeld(RequestContext context, String bookingId, Lease lease) {
        Optional<Booking> booking = find(context, bookingId);
        if (booking.isEmpty()) {
            return notFound(bookingId);
        }
        if (booking.get().unposted().filter(waiting -> BookingPostings.recordedWhateverTheLedgerSays(
                waiting.event())).isPresent()) {
            return repostHeld(context, bookingId, lease);
        }
        if (booking.get().status() instanceof BookingStatus.Issued) {
            return reconcileEmds(context, booking.get(), lease)
                    .flatMap(current -> reconcileVoid(context, current, lease))
                    .flatMap(current -> reconcileExchange(context, current, lease));
        }
        if (booking.get().status() instanceof BookingStatus.RefundQuoted quoted && quoted.confirming()) {
            return reconcileRefund(context, booking.get(), quoted, lease);
        }
        String requestId = switch (booking.get().status()) {
            case BookingStatus.Issuing issuing -> issuing.requestId();
            case BookingStatus.IssueUnknown unknown -> unknown.requestId();
            default -> null;
        };
        if (requestId == null || inFlight(context, booking.get())) {
            return Outcome.ok(booking.get());
        }
        BookingCommand answer = switch (supplier.retrieveByRequest(requestId)) {
            case SupplierResult.Success<SupplierOrder> found -> found.value().issueRequestIds().contains(requestId)
                    && !found.value().documents().isEmpty()
                    ? confirmed(requestId, found.value())
                    : new BookingCommand.IssueRejected(requestId, "the order has no documents for the request");
            case SupplierResult.Refused<SupplierOrder> no -> no.code().equals(SupplierGateway.NOT_FOUND)
                    ? new BookingCommand.IssueRejected(requestId, "the supplier never received the request")
                    : new BookingCommand.IssueAmbiguous(requestId, "retrieve refused: " + no.code(),
                    clock.instant());
            case SupplierResult.Unknown<SupplierOrder> unknown -> new BookingCommand.IssueAmbiguous(requestId,
                    "retrieve: " + unknown.reason(), clock.instant());
        };
        if (answer instanceof BookingCommand.IssueAmbiguous
                && booking.get().status() instanceof BookingStatus.IssueUnknown) {
            return postpone(context, booking.get(), lease); // still unknown: a later pass asks again
        }
        Outcome<Booking> settled = transition(context, bookingId, lease, current -> answer, RequestDetails.NONE)
                .map(Step::booking);
        if (!settled.isOk()) {
            postpone(context, booking.get(), lease); // cannot settle now (a posting refused): not every pass
        }
        return settled;
    }

    /**
     * Moves an unsettled booking's deadline {@link BookingMachine#RECONCILE_AFTER} ahead, so that the sweeper, which
     * takes the earliest deadlines first, does not spend every pass on the same bookings.
     */
    private Outcome<Booking> postpone(RequestContext context, Booking booking, Lease lease) {
        inTransaction(uow -> store.lock(uow, context.tenant(), booking.id()).map(stored -> store.update(uow,
                stored.next(stored.state(), stored.pnr(), Optional.of(clock.instant()
                        .plus(BookingMachine.RECONCILE_AFTER)), stored.data()), lease.fencingToken())));
        return find(context, booking.id()).<Outcome<Booking>>map(Outcome::ok).orElseGet(() -> notFound(booking.id()));
    }

    /** An issued booking whose tickets the airline shows voided (a void whose answer never came) is voided. */
    private Outcome<Booking> reconcileVoid(RequestContext context, Booking booking, Lease lease) {
        if (!(supplier.retrieve(booking.pnr()) instanceof SupplierResult.Success<SupplierOrder> found)
                || found.value().status() != SupplierOrder.Status.VOIDED) {
            return Outcome.ok(booking);
        }
        return answer(context, booking, lease, new BookingCommand.VoidConfirmed(clock.instant()));
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
        boolean inFlight = inTransaction(uow -> store.requests(uow, booking.tenant(), booking.id())).stream()
                .anyMatch(request -> request.requestId().equals(quoteId) && !unsettled(request)
                        && request.status() == SupplierRequest.Status.PENDING);
        if (inFlight) {
            return Outcome.ok(booking);
        }
        return confirmKeptExchange(context, booking, lease);
    }

    /** A confirmed refund quote whose answer never came is settled from the documents the airline shows. */
    private Outcome<Booking> reconcileRefund(RequestContext context, Booking booking, BookingStatus.RefundQuoted quoted,
                                             Lease lease) {
        if (!(supplier.retrieve(booking.pnr()) instanceof SupplierResult.Success<SupplierOrder> found)) {
            return Outcome.ok(booking);
        }
        List<Document> quotedDocuments = found.value().documents().stream()
                .filter(document -> quoted.quote().documentNumbers().contains(document.number())).toList();
        if (quotedDocuments.size() != quoted.quote().documentNumbers().size()) {
            return Outcome.ok(booking); // the airline does not show them all: nothing to conclude from
        }
        String quoteId = quoted.quote().quoteId();
        if (quotedDocuments.stream().allMatch(d -> d.coupons().stream().allMatch(CouponStatus.REFUNDED::equals))) {
            return answer(context, booking, lease, new BookingCommand.RefundConfirmed(quoteId, clock.instant()));
        }
        if (!clock.instant().isBefore(quoted.quote().expiresAt())
                && quotedDocuments.stream().allMatch(Document::allCouponsOpen)) {
            return answer(context, booking, lease, new BookingCommand.RefundRefused(quoteId,
                    "the quote expired and the airline did not refund"));
        }
        return Outcome.ok(booking);
    }

    /** Settles EMD requests of an issued booking whose answer was ambiguous, by request id. */
    private Outcome<Booking> reconcileEmds(RequestContext context, Booking booking, Lease lease) {
        List<SupplierRequest> unsettled = inTransaction(uow ->
                store.requests(uow, booking.tenant(), booking.id())).stream()
                .filter(request -> request.call().equals(BookingEffect.SupplierCall.EMD.name())
                        && unsettled(request))
                .toList();
        Outcome<Booking> result = Outcome.ok(booking);
        for (SupplierRequest request : unsettled) {
            Booking current = result instanceof Outcome.Ok<Booking> ok ? ok.value() : booking;
            switch (supplier.retrieveByRequest(request.requestId())) {
                case SupplierResult.Success<SupplierOrder> found -> {
                    List<Document> emds = newDocuments(current, found.value(), type -> type != DocumentType.TICKET);
                    result = emds.isEmpty() ? result : answer(context, current, lease,
                            new BookingCommand.EmdIssued(request.requestId(), emds));
                }
                case SupplierResult.Refused<SupplierOrder> no -> {
                    if (no.code().equals(SupplierGateway.NOT_FOUND)) {
                        settle(current, request.requestId(), SupplierRequest.Status.FAILED);
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
                && !clock.instant().isBefore(request.createdAt().plus(options.issuingGrace()));
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
        Optional<Instant> deadline = inTransaction(uow ->
                store.find(uow, context.tenant(), booking.id()).flatMap(StoredBooking::deadline));
        return deadline.isPresent() && clock.instant().isBefore(deadline.get());
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
        return sweep(EXPIRABLE, max, (context, ref) -> locked(context, ref.id(), lease -> transition(context,
                        ref.id(), lease, booking -> new BookingCommand.Expire(clock.instant()), RequestDetails.NONE)
                        .flatMap(step -> callSupplier(context, lease, step))),
                booking -> booking.status().state() == BookingState.EXPIRED);
    }

    private int sweep(Set<String> states, int max,
                      java.util.function.BiFunction<RequestContext, BookingRef, Outcome<Booking>> action,
                      java.util.function.Predicate<Booking> done) {
        List<BookingRef> due = inTransaction(uow ->
                store.due(uow, states, clock.instant(), max));
        int count = 0;
        for (BookingRef ref : due) {
            try {
                Outcome<Booking> outcome = action.apply(new RequestContext(ref.tenant(), SWEEPER), ref);
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

    // ---------------------------------------------------------------- the transition

    /** A committed transition: the booking after it, and the supplier calls it asked for. */
    private record Step(Booking booking, List<BookingEffect.CallSupplier> calls) {
    }

    /** Thrown inside a transition's transaction to roll it back and answer with a rejection. */
    private static final class Refusal extends RuntimeException {
        private final Rejection rejection;

        Refusal(Rejection rejection) {
            super(rejection.toString(), null, false, false);
            this.rejection = rejection;
        }
    }

    /**
     * Loads and locks the booking, lets the machine decide on {@code command}, and commits the decision's
     * stored effects with the new status in one transaction, checked against the lease's fencing token.
     */
    private Outcome<Step> transition(RequestContext context, String bookingId, Lease lease,
                                     Function<Booking, BookingCommand> command, RequestDetails details) {
        try {
            return Outcome.ok(inTransaction(uow -> {
                Booking current = load(uow, context.tenant(), bookingId, true)
                        .orElseThrow(() -> new Refusal(new Rejection(BookingErrorCode.BOOKING_NOT_FOUND,
                                "no booking " + bookingId)));
                if (details.idempotencyKey().isPresent()) {
                    store.requestByKey(uow, context.tenant(), details.idempotencyKey().get()).ifPresent(earlier -> {
                        throw new Repeated(earlier);
                    });
                }
                BookingCommand applied = command.apply(current);
                Decision decision = BookingMachine.decide(current.status(), applied);
                if (decision instanceof Decision.Rejected rejected) {
                    throw new Refusal(rejected.rejection());
                }
                Decision.Accepted accepted = (Decision.Accepted) decision;
                return commit(uow, context, current, applied, accepted, lease, details);
            }));
        } catch (Refusal refusal) {
            return new Outcome.Refused<>(refusal.rejection);
        } catch (BookingPostings.Unbuildable unbuildable) {
            return new Outcome.Refused<>(unbuildable.rejection());
        } catch (Repeated repeated) {
            return replay(context, bookingId, repeated.earlier, details.call())
                    .map(booking -> new Step(booking, List.of()));
        }
    }

    /**
     * What a caller's request adds to the transition: its idempotency key and the call that key is for (a repeat of
     * another call is refused), an amount (an EMD's value), and a fare the supplier quoted anew.
     */
    private record RequestDetails(Optional<BookingEffect.SupplierCall> call, Optional<String> idempotencyKey,
                                  Optional<Money> amount, Optional<Fare> fare) {
        static final RequestDetails NONE = new RequestDetails(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());

        static RequestDetails keyed(BookingEffect.SupplierCall call, String key, Optional<Money> amount) {
            return new RequestDetails(Optional.of(call), Optional.of(key), amount, Optional.empty());
        }

        /** A pricing whose fare the booking takes on: the airline may have changed it since the hold. */
        static RequestDetails repriced(Fare fare) {
            return new RequestDetails(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(fare));
        }
    }

    /** Thrown inside a transition's transaction when its idempotency key was used before: nothing is written. */
    private static final class Repeated extends RuntimeException {
        private final SupplierRequest earlier;

        Repeated(SupplierRequest earlier) {
            super(earlier.requestId(), null, false, false);
            this.earlier = earlier;
        }
    }

    private Step commit(UnitOfWork uow, RequestContext context, Booking current, BookingCommand command,
                        Decision.Accepted accepted, Lease lease, RequestDetails details) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, options.agencyZone());
        List<Document> documents = new ArrayList<>(current.documents());
        List<BookingEffect.CallSupplier> calls = new ArrayList<>();
        List<String> events = new ArrayList<>();
        List<BookingEffect.PostEntry> toPost = new ArrayList<>();
        for (BookingEffect effect : accepted.effects()) {
            switch (effect) {
                case BookingEffect.StoreDocuments store -> storeDocuments(uow, current, documents, store.documents());
                case BookingEffect.RecordSupplierRequest record -> recordRequest(uow, current, record, details, now);
                case BookingEffect.CallSupplier call -> calls.add(call);
                case BookingEffect.PostEntry post -> toPost.add(post);
                case BookingEffect.PublishEvent publish -> events.add(publish.type());
                case BookingEffect.ScheduleReconcile ignored -> { } // the booking's deadline says when
                case BookingEffect.ReleaseDepositHold ignored -> releaseDepositHold(uow, context, current);
            }
        }
        settleAnsweredRequest(uow, current, command);
        reserveApprovalRequest(uow, current, accepted.next(), details, now);
        if (command instanceof BookingCommand.RejectApproval
                && current.status() instanceof BookingStatus.PendingApproval pending) {
            store.settleRequest(uow, current.tenant(), pending.requestId(), SupplierRequest.Status.FAILED);
        }
        Booking next = current.with(accepted.next(), documents);
        if (current.unposted().map(Unposted::event).equals(answeredEvent(command))) {
            next = next.withUnposted(Optional.empty()); // the flagged answer is recorded now
        }
        if (details.fare().isPresent()) {
            if (!details.fare().get().base().currency().equals(current.terms().currency())) {
                throw new Refusal(new Rejection(BookingErrorCode.BOOKING_INVALID_COMMAND, "the airline now prices "
                        + current.id() + " in " + details.fare().get().base().currency()));
            }
            next = next.withFare(details.fare().get());
        }
        if (!calls.isEmpty()) {
            checkBeforeCalls(uow, context, current, next, calls, details, today);
        }
        for (BookingEffect.PostEntry post : toPost) {
            Optional<String> refused = postings.apply(uow, context, batchFor(uow, context, current, next, post,
                    command, today));
            if (refused.isPresent()) {
                if (!BookingPostings.recordedWhateverTheLedgerSays(post.event())) {
                    throw new Refusal(new Rejection(BookingErrorCode.BOOKING_POSTING_REFUSED,
                            "the " + post.event() + " postings: " + refused.get()));
                }
                // The supplier has acted: record it, and leave the posting to repost, never lose the tickets.
                next = next.withUnposted(Optional.of(new Unposted(post.event(), refused.get(), now)));
            }
        }
        if (!store.update(uow, BookingCodec.encode(next, deadline(next, now)), lease.fencingToken())) {
            throw new Refusal(new Rejection(BookingErrorCode.BOOKING_LEASE_LOST, "booking " + current.id()
                    + " was written by a newer lock holder; nothing of this request was kept"));
        }
        for (String type : events) {
            publish(uow, next, type, now);
        }
        if (next.unposted().isPresent() && current.unposted().isEmpty()) {
            publish(uow, next, POSTING_REFUSED, now, Map.of("reason", next.unposted().get().reason()));
        }
        if (command instanceof BookingCommand.IssueConfirmed) {
            observer.reached(IssuanceObserver.Step.ISSUE_WRITTEN, current.id());
        }
        return new Step(next, calls);
    }

    /**
     * Releases the booking's deposit hold, if it has one, in the transition's transaction. A hold the ledger's own
     * sweeper released already needs no release. (An issue captures it with its entries: see BookingPostings.)
     */
    private void releaseDepositHold(UnitOfWork uow, RequestContext context, Booking booking) {
        if (booking.depositHold().isEmpty()) {
            return;
        }
        String hold = booking.depositHold().get();
        PostResult result = ledger.resolveWithin(uow, context, EntryId.of(hold + ".released"), EntryId.of(hold),
                false);
        boolean releasedAlready = result instanceof PostResult.Rejected rejected
                && rejected.code() == LedgerErrorCode.LEDGER_PENDING_ALREADY_RESOLVED;
        if (!result.isSuccess() && !releasedAlready) {
            throw new Refusal(new Rejection(BookingErrorCode.BOOKING_POSTING_REFUSED,
                    "releasing deposit hold " + hold + ": " + result));
        }
    }

    /** Inserts new documents and updates the coupons of ones the booking holds; keeps {@code documents} current. */
    private void storeDocuments(UnitOfWork uow, Booking booking, List<Document> documents, List<Document> changed) {
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
        store.insertDocuments(uow, booking.tenant(), booking.id(), inserted);
        store.updateDocuments(uow, booking.tenant(), booking.id(), updated);
        documents.sort((a, b) -> a.number().compareTo(b.number()));
    }

    private static int indexOf(List<Document> documents, String number) {
        for (int i = 0; i < documents.size(); i++) {
            if (documents.get(i).number().equals(number)) {
                return i;
            }
        }
        return -1;
    }

    private void recordRequest(UnitOfWork uow, Booking booking, BookingEffect.RecordSupplierRequest record,
                               RequestDetails details, Instant now) {
        SupplierRequest request = new SupplierRequest(booking.tenant(), record.requestId(), booking.id(),
                record.call().name(), details.idempotencyKey(), details.amount(), SupplierRequest.Status.PENDING, now);
        if (!store.recordRequest(uow, request) && !reserved(uow, booking, record.requestId(), record.call())) {
            throw new Refusal(new Rejection(BookingErrorCode.BOOKING_KEY_REUSED, "request " + record.requestId()
                    + " or its idempotency key is recorded already"));
        }
    }

    /** True when the booking reserved this request (with its caller's key) while it waited for approval. */
    private boolean reserved(UnitOfWork uow, Booking booking, String requestId, BookingEffect.SupplierCall call) {
        return store.requests(uow, booking.tenant(), booking.id()).stream().anyMatch(request ->
                request.requestId().equals(requestId) && request.call().equals(call.name())
                        && request.status() == SupplierRequest.Status.PENDING);
    }

    /**
     * An issue that waits for an approver keeps its request id and its caller's key, recorded now as pending (not
     * sent): a repeated request finds it, and the approval sends it under that id.
     */
    private void reserveApprovalRequest(UnitOfWork uow, Booking booking, BookingStatus next, RequestDetails details,
                                        Instant now) {
        if (next instanceof BookingStatus.PendingApproval pending && details.idempotencyKey().isPresent()
                && !store.recordRequest(uow, new SupplierRequest(booking.tenant(), pending.requestId(), booking.id(),
                BookingEffect.SupplierCall.ISSUE.name(), details.idempotencyKey(), Optional.empty(),
                SupplierRequest.Status.PENDING, now))) {
            throw new Refusal(new Rejection(BookingErrorCode.BOOKING_KEY_REUSED, "the idempotency key is recorded"));
        }
    }

    /** Marks the recorded request a supplier answer is about with that answer. */
    private void settleAnsweredRequest(UnitOfWork uow, Booking booking, BookingCommand command) {
        record Settled(String requestId, SupplierRequest.Status status) {
        }
        Settled settled = switch (command) {
            case BookingCommand.IssueConfirmed confirmed ->
                    new Settled(confirmed.requestId(), SupplierRequest.Status.SUCCEEDED);
            case BookingCommand.IssueRejected rejected ->
                    new Settled(rejected.requestId(), SupplierRequest.Status.FAILED);
            case BookingCommand.IssueAmbiguous ambiguous ->
                    new Settled(ambiguous.requestId(), SupplierRequest.Status.UNKNOWN);
            case BookingCommand.RefundConfirmed confirmed ->
                    new Settled(confirmed.quoteId(), SupplierRequest.Status.SUCCEEDED);
            case BookingCommand.EmdIssued emd -> new Settled(emd.requestId(), SupplierRequest.Status.SUCCEEDED);
            case BookingCommand.RefundRefused refusedRefund ->
                    new Settled(refusedRefund.quoteId(), SupplierRequest.Status.FAILED);
            default -> null;
        };
        if (settled != null) {
            store.settleRequest(uow, booking.tenant(), settled.requestId(), settled.status());
        }
    }

    /** The postings of an event the supplier's answer completes, as one batch. */
    private LedgerBatch batchFor(UnitOfWork uow, RequestContext context, Booking before, Booking after,
                                 BookingEffect.PostEntry post, BookingCommand command, LocalDate today) {
        return switch (post.event()) {
            case ISSUE -> postings.issue(after, post.documents(), today);
            case VOID -> postings.voidOf(uow, context, before, post.documents(), today);
            case REFUND -> postings.refund(before, ((BookingStatus.RefundQuoted) before.status()).quote(), today,
                    after.version());
            case EMD -> {
                String requestId = ((BookingCommand.EmdIssued) command).requestId();
                Money amount = store.requests(uow, before.tenant(), before.id()).stream()
                        .filter(request -> request.requestId().equals(requestId))
                        .findFirst().flatMap(SupplierRequest::amount)
                        .orElseThrow(() -> new IllegalStateException("EMD request " + requestId + " has no amount"));
                yield postings.emd(after, post.documents(), amount, today);
            }
            // An exchange posts on the follow-on booking that holds the new documents: see commitExchange.
            case EXCHANGE -> new LedgerBatch();
        };
    }

    /**
     * Before the supplier acts, everything its success would post is put to the ledger (periods, accounts, limits,
     * a reversal already made): a refusal now changes nothing anywhere, one after the supplier acted could not be
     * undone. A booking whose earlier posting waits for {@link #repost} asks the supplier for nothing more.
     */
    private void checkBeforeCalls(UnitOfWork uow, RequestContext context, Booking current, Booking next,
                                  List<BookingEffect.CallSupplier> calls, RequestDetails details, LocalDate today) {
        if (current.unposted().isPresent()) {
            throw new Refusal(postingPending(current));
        }
        if (current.exchangeFollowOn().isPresent()) {
            throw new Refusal(exchangeInFlight(current));
        }
        for (BookingEffect.CallSupplier call : calls) {
            Optional<LedgerBatch> sample = switch (call.call()) {
                case ISSUE -> Optional.of(postings.issue(next, BookingPostings.sampleTickets(next), today));
                case VOID -> Optional.of(postings.voidOf(uow, context, current, current.documents(), today));
                case REFUND_CONFIRM -> Optional.of(postings.refundOf(current, today));
                case EMD -> Optional.of(postings.emd(next, List.of(BookingPostings.SAMPLE_EMD),
                        details.amount().orElseThrow(), today));
                case REFUND_QUOTE, CANCEL_HOLD -> Optional.empty();
            };
            if (sample.isPresent()) {
                postings.wouldRefuse(uow, context, sample.get(), "the " + call.call() + " postings")
                        .ifPresent(rejection -> {
                            throw new Refusal(rejection);
                        });
            }
        }
    }

    private static Rejection exchangeInFlight(Booking booking) {
        return new Rejection(BookingErrorCode.BOOKING_REQUEST_UNSETTLED, "booking " + booking.id() + " has an "
                + "exchange being confirmed as booking " + booking.exchangeFollowOn().orElseThrow()
                + ": reconcile it first");
    }

    /** The posting event a supplier's answer records, for the answers whose refusal is flagged. */
    private static Optional<BookingEffect.PostingEvent> answeredEvent(BookingCommand command) {
        return switch (command) {
            case BookingCommand.RefundConfirmed ignored -> Optional.of(BookingEffect.PostingEvent.REFUND);
            case BookingCommand.RefundRefused ignored -> Optional.of(BookingEffect.PostingEvent.REFUND);
            case BookingCommand.EmdIssued ignored -> Optional.of(BookingEffect.PostingEvent.EMD);
            default -> Optional.empty();
        };
    }

    private static Rejection postingPending(Booking booking) {
        Unposted unposted = booking.unposted().orElseThrow();
        return new Rejection(BookingErrorCode.BOOKING_POSTING_PENDING, "booking " + booking.id() + " waits for its "
                + unposted.event() + " postings (" + unposted.reason() + "): repost it first");
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), options.agencyZone());
    }

    private static List<JournalEntry> entriesOrRefuse(Outcome<List<JournalEntry>> entries) {
        return switch (entries) {
            case Outcome.Ok<List<JournalEntry>> ok -> ok.value();
            case Outcome.Refused<List<JournalEntry>> refused -> throw new Refusal(refused.rejection());
        };
    }

    private void publish(UnitOfWork uow, Booking booking, String type, Instant now) {
        publish(uow, booking, type, now, Map.of());
    }

    private void publish(UnitOfWork uow, Booking booking, String type, Instant now, Map<String, Object> extra) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("bookingId", booking.id());
        data.put("pnr", booking.pnr());
        data.put("state", booking.status().state().name());
        data.put("airline", booking.airlinePrefix());
        data.put("passengers", booking.passengers().size());
        data.put("documents", booking.documents().stream().map(Document::number).toList());
        data.putAll(extra);
        // Consumers de-duplicate by id: the tenant is part of it, since two tenants may both have a booking BK1.
        outbox.append(uow, new OutboxEvent(booking.tenant().value() + "/" + booking.id() + "/" + type + "/"
                + booking.version(), type, booking.tenant(), now, data));
    }

    // ---------------------------------------------------------------- supplier calls

    /** Makes the supplier calls a committed step asked for, and applies each answer as the next transition. */
    private Outcome<Booking> callSupplier(RequestContext context, Lease lease, Step step) {
        return callSupplier(context, lease, step, "");
    }

    /** {@code reason} goes with an EMD request (the airline's reason for issuance, for example XBAG). */
    private Outcome<Booking> callSupplier(RequestContext context, Lease lease, Step step, String reason) {
        Outcome<Booking> result = Outcome.ok(step.booking());
        for (BookingEffect.CallSupplier call : step.calls()) {
            Booking booking = step.booking();
            result = switch (call.call()) {
                case ISSUE -> answer(context, booking, lease, issueAnswer(booking, call.reference()))
                        .map(after -> {
                            if (after.status().state() == BookingState.ISSUED) {
                                observer.reached(IssuanceObserver.Step.ISSUE_COMMITTED, after.id());
                            }
                            return after;
                        });
                case VOID -> switch (supplier.voidDocuments(booking.pnr())) {
                    case SupplierResult.Success<SupplierOrder> ignored ->
                            answer(context, booking, lease, new BookingCommand.VoidConfirmed(clock.instant()));
                    case SupplierResult.Refused<SupplierOrder> no ->
                            refused(BookingErrorCode.BOOKING_SUPPLIER_REFUSED, no.code() + ": " + no.message());
                    case SupplierResult.Unknown<SupplierOrder> unknown ->
                            refused(BookingErrorCode.BOOKING_SUPPLIER_UNAVAILABLE, unknown.reason());
                };
                case REFUND_QUOTE -> refundQuote(context, booking, lease, call.reference());
                case EMD -> emd(context, booking, lease, call.reference(), reason);
                case REFUND_CONFIRM -> switch (supplier.refundConfirm(booking.pnr(), call.reference())) {
                    case SupplierResult.Success<SupplierOrder> ignored -> answer(context, booking, lease,
                            new BookingCommand.RefundConfirmed(call.reference(), clock.instant()));
                    // The booking is issued again (a new quote may be asked for), and the caller learns why.
                    case SupplierResult.Refused<SupplierOrder> no -> answer(context, booking, lease,
                            new BookingCommand.RefundRefused(call.reference(), no.code() + ": " + no.message()))
                            .flatMap(issuedAgain -> refused(BookingErrorCode.BOOKING_SUPPLIER_REFUSED,
                                    no.code() + ": " + no.message()));
                    case SupplierResult.Unknown<SupplierOrder> unknown ->
                            refused(BookingErrorCode.BOOKING_SUPPLIER_UNAVAILABLE, unknown.reason()
                                    + "; reconcile the booking to learn whether the refund was made");
                };
                case CANCEL_HOLD -> {
                    supplier.cancel(booking.pnr()); // best effort: an unreleased hold lapses at its time limit
                    yield Outcome.ok(booking);
                }
            };
        }
        return result;
    }

    /** Sends the recorded EMD request; an ambiguous answer leaves it UNKNOWN for {@link #reconcile}. */
    private Outcome<Booking> emd(RequestContext context, Booking booking, Lease lease, String requestId,
                                 String reason) {
        Money amount = inTransaction(uow -> store.requests(uow, booking.tenant(), booking.id()))
                .stream().filter(request -> request.requestId().equals(requestId)).findFirst()
                .flatMap(SupplierRequest::amount).orElseThrow();
        return switch (supplier.issueEmd(booking.pnr(), requestId, amount, reason)) {
            case SupplierResult.Success<SupplierOrder> issued ->
                    answer(context, booking, lease, new BookingCommand.EmdIssued(requestId,
                            newDocuments(booking, issued.value(), type -> type != DocumentType.TICKET)));
            case SupplierResult.Refused<SupplierOrder> no -> {
                settle(booking, requestId, SupplierRequest.Status.FAILED);
                yield refused(BookingErrorCode.BOOKING_SUPPLIER_REFUSED, no.code() + ": " + no.message());
            }
            case SupplierResult.Unknown<SupplierOrder> unknown -> {
                settle(booking, requestId, SupplierRequest.Status.UNKNOWN);
                yield refused(BookingErrorCode.BOOKING_SUPPLIER_UNAVAILABLE, unknown.reason()
                        + "; reconcile the booking to learn whether the EMD was issued");
            }
        };
    }

    private void settle(Booking booking, String requestId, SupplierRequest.Status status) {
        inTransaction(uow -> {
            store.settleRequest(uow, booking.tenant(), requestId, status);
            return null;
        });
    }

    /** The order's open documents of the given types that no booking of the tenant holds yet. */
    private List<Document> newDocuments(Booking booking, SupplierOrder order,
                                        java.util.function.Predicate<DocumentType> types) {
        List<Document> candidates = order.documents().stream()
                .filter(d -> types.test(d.type()) && d.allCouponsOpen()).toList();
        // Another booking of the tenant may hold some (a follow-on booking shares its PNR with the original).
        Set<String> stored = inTransaction(uow -> store.storedDocuments(uow, booking.tenant(),
                candidates.stream().map(Document::number).toList()));
        return candidates.stream().filter(d -> !stored.contains(d.number())).toList();
    }

    private BookingCommand issueAnswer(Booking booking, String requestId) {
        observer.reached(IssuanceObserver.Step.REQUEST_RECORDED, booking.id());
        SupplierResult<SupplierOrder> answer = supplier.issue(booking.pnr(), requestId);
        observer.reached(IssuanceObserver.Step.SUPPLIER_ANSWERED, booking.id());
        return switch (answer) {
            case SupplierResult.Success<SupplierOrder> issued -> confirmed(requestId, issued.value());
            case SupplierResult.Refused<SupplierOrder> no ->
                    new BookingCommand.IssueRejected(requestId, no.code() + ": " + no.message());
            case SupplierResult.Unknown<SupplierOrder> unknown ->
                    new BookingCommand.IssueAmbiguous(requestId, unknown.reason(), clock.instant());
        };
    }

    private BookingCommand.IssueConfirmed confirmed(String requestId, SupplierOrder order) {
        return new BookingCommand.IssueConfirmed(requestId, order.documents(),
                order.issuedAt().orElseGet(clock::instant));
    }

    /** Asks for the quote of the documents the call names (comma-separated numbers). */
    private Outcome<Booking> refundQuote(RequestContext context, Booking booking, Lease lease, String numbers) {
        return switch (supplier.refundQuote(booking.pnr(), Set.of(numbers.split(",")))) {
            case SupplierResult.Success<RefundOffer> offer -> answer(context, booking, lease,
                    new BookingCommand.RefundQuoteReceived(new RefundQuote(offer.value().quoteId(),
                            offer.value().documentNumbers(), offer.value().refundable(), offer.value().penalty(),
                            offer.value().expiresAt())));
            case SupplierResult.Refused<RefundOffer> no ->
                    refused(BookingErrorCode.BOOKING_SUPPLIER_REFUSED, no.code() + ": " + no.message());
            case SupplierResult.Unknown<RefundOffer> unknown ->
                    refused(BookingErrorCode.BOOKING_SUPPLIER_UNAVAILABLE, unknown.reason());
        };
    }

    /**
     * Records a supplier's answer as the next transition. The supplier has acted, so a ledger refusal now is flagged
     * (see {@link #flagPostingRefused}) rather than only returned.
     */
    private Outcome<Booking> answer(RequestContext context, Booking booking, Lease lease, BookingCommand answer) {
        Outcome<Booking> outcome = transition(context, booking.id(), lease, current -> answer, RequestDetails.NONE)
                .map(Step::booking);
        return answeredEvent(answer).map(event -> flaggingPostingRefusals(context, booking.id(), lease, event,
                outcome)).orElse(outcome);
    }

    /** Refusals of an answer that mean the ledger could not take its postings. */
    private static final Set<BookingErrorCode> POSTING_REFUSALS = EnumSet.of(BookingErrorCode.BOOKING_POSTING_REFUSED,
            BookingErrorCode.BOOKING_NO_POSTING_RULE, BookingErrorCode.BOOKING_POSTING_RULE_UNBALANCED);

    private Outcome<Booking> flaggingPostingRefusals(RequestContext context, String bookingId, Lease lease,
                                                     BookingEffect.PostingEvent event, Outcome<Booking> outcome) {
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
    private void flagPostingRefused(RequestContext context, String bookingId, Lease lease,
                                    BookingEffect.PostingEvent event, Rejection refusal) {
        Instant now = clock.instant();
        inTransaction(uow -> load(uow, context.tenant(), bookingId, true).map(booking -> {
            boolean first = booking.unposted().isEmpty();
            Booking flagged = booking.with(booking.status(), booking.documents()).withUnposted(Optional.of(
                    new Unposted(event, refusal.detail(), booking.unposted().map(Unposted::since).orElse(now))));
            if (!store.update(uow, BookingCodec.encode(flagged, deadline(flagged, now)), lease.fencingToken())) {
                return false;
            }
            if (first) {
                publish(uow, flagged, POSTING_REFUSED, now, Map.of("reason", refusal.detail()));
            }
            return true;
        }));
    }

    // ---------------------------------------------------------------- plumbing

    /** Runs {@code work} holding the booking's lock; refused when another request holds it past the wait. */
    private Outcome<Booking> locked(RequestContext context, String bookingId, Function<Lease, Outcome<Booking>> work) {
        Optional<Rejection> invalid = checkBookingId(bookingId);
        if (invalid.isPresent()) {
            return new Outcome.Refused<>(invalid.get());
        }
        String key = "booking:" + context.tenant().value() + ":" + bookingId;
        Optional<Lease> lease;
        try {
            lease = locks.acquire(key, options.lease(), options.lockWait());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refused(BookingErrorCode.BOOKING_BUSY, "interrupted while waiting for booking " + bookingId);
        }
        if (lease.isEmpty()) {
            return refused(BookingErrorCode.BOOKING_BUSY, "another request holds booking " + bookingId);
        }
        try {
            return work.apply(lease.get());
        } finally {
            locks.release(lease.get());
        }
    }

    /**
     * Runs {@code work} in a transaction, again when the database reports a lost race (a deadlock, a lock wait
     * timeout, a unique key a concurrent writer took): every transaction here reloads what it decides on, so a
     * retry decides on fresh state. A {@link Refusal} is an answer, not a race, and is never retried.
     */
    private <T> T inTransaction(Function<UnitOfWork, T> work) {
        return store.transactions().inTransactionRetrying(work, options.retryPolicy());
    }

    private Optional<Booking> load(UnitOfWork uow, TenantId tenant, String bookingId, boolean lock) {
        Optional<StoredBooking> stored = lock ? store.lock(uow, tenant, bookingId) : store.find(uow, tenant, bookingId);
        return stored.map(booking -> BookingCodec.decode(booking, store.documents(uow, tenant, bookingId)));
    }

    private Optional<Instant> deadline(Booking booking, Instant now) {
        return BookingCodec.deadline(booking, now, options.issuingGrace());
    }

    /**
     * 1 to {@value #MAX_BOOKING_ID} letters, digits, '.', '_' or '-', starting with a letter or digit: no '/' or
     * ':', which separate the parts of event ids and lock keys (a tenant id may contain them).
     */
    private static Optional<Rejection> checkBookingId(String bookingId) {
        Objects.requireNonNull(bookingId, "bookingId");
        boolean valid = !bookingId.isEmpty() && bookingId.length() <= MAX_BOOKING_ID
                && Character.isLetterOrDigit(bookingId.charAt(0))
                && bookingId.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_'
                || c == '-'));
        return valid ? Optional.empty() : Optional.of(new Rejection(BookingErrorCode.BOOKING_INVALID_COMMAND,
                "a booking id has 1 to " + MAX_BOOKING_ID + " letters, digits, '.', '_' or '-': " + bookingId));
    }

    private static String newRequestId() {
        return "rq-" + UUID.randomUUID();
    }

    private static Outcome<Booking> notFound(String bookingId) {
        return refused(BookingErrorCode.BOOKING_NOT_FOUND, "no booking " + bookingId);
    }

    private static <T> Outcome<T> refused(BookingErrorCode code, String detail) {
        return Outcome.refused(code, detail);
    }
}
