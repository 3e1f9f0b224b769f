package io.travobooks.booking.service;

import io.travobooks.booking.BookingErrorCode;
import io.travobooks.booking.BookingState;
import io.travobooks.booking.BookingStatus;
import io.travobooks.booking.internal.BookingCommand;
import io.travobooks.booking.internal.BookingEffect.SupplierCall;
import io.travobooks.booking.internal.BookingMachine;
import io.travobooks.booking.internal.Decision;
import io.travobooks.booking.posting.PostingEventType;
import io.travobooks.booking.posting.PostingKey;
import io.travobooks.booking.posting.PostingRules;
import io.travobooks.ledger.JournalEntry;
import io.travobooks.ledger.Ledger;
import io.travobooks.spi.Money;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.Rejection;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.booking.BookingStore;
import io.travobooks.spi.booking.SupplierRequest;
import io.travobooks.spi.lock.LockManager;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.spi.supplier.ExchangeOffer;
import io.travobooks.spi.supplier.Passenger;
import io.travobooks.spi.supplier.SupplierGateway;
import io.travobooks.spi.supplier.SupplierOrder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs bookings against a supplier. Every command holds the booking's lock (whose fencing token the store checks on
 * every write) and goes through one transition: the booking machine decides, and the new status, the documents,
 * the journal entries and the outbox event commit in one transaction. Supplier calls happen between transactions,
 * never inside one. A refused command answers {@link Outcome.Refused} with a stable code, and the transition that
 * refused writes nothing; what the supplier answered is always recorded (a refusal from the airline is the booking's
 * next state, not a lost answer).
 *
 * <p>Issuance: lock; an idempotency key already used returns the booking as that request left it; the issue request
 * is recorded as pending and committed (the booking is ISSUING); the supplier is called; then tickets, entries,
 * ISSUED and {@code booking.issued} commit together. An ambiguous answer leaves the booking ISSUE_UNKNOWN and the
 * request is never sent again: the {@link #reconciler()} asks the supplier by request id, and settles a booking
 * that a process dying anywhere in between left behind the same way.
 */
public final class BookingService {
    /** The longest deposit id: it goes into the hold's journal entry id. */
    private static final int MAX_DEPOSIT_ID_LENGTH = 16;
    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 128;

    private final BookingRuntime runtime;
    private final BookingTransitions transitions;
    private final SupplierCalls calls;
    private final BookingReconciler reconciler;

    public BookingService(BookingStore store, OutboxStore outbox, Ledger ledger, LockManager locks,
                          SupplierGateway supplier, Function<TenantId, PostingRules> rules, ApprovalPolicy approval,
                          Clock clock, BookingServiceOptions options) {
        this(new BookingRuntime(store, outbox, ledger, locks, supplier, rules, approval, clock, options,
                IssuanceObserver.NONE, new BookingPostings(ledger, rules)));
    }

    private BookingService(BookingRuntime runtime) {
        this.runtime = runtime;
        this.transitions = new BookingTransitions(runtime);
        this.calls = new SupplierCalls(runtime, transitions);
        this.reconciler = new BookingReconciler(runtime, transitions, calls);
        Duration inFlight = runtime.options().lease().plus(runtime.supplier().callTimeout());
        if (runtime.options().issuingGrace().compareTo(inFlight) <= 0) {
            // Else the reconciler could judge a request still on its way to the airline, fail it, and issue twice.
            throw new IllegalArgumentException("the issuing grace (" + runtime.options().issuingGrace()
                    + ") must outlast the lease plus the supplier's call timeout (" + runtime.options().lease()
                    + " + " + runtime.supplier().callTimeout() + ")");
        }
    }

    /** The same service, telling {@code issuanceObserver} about every issuance step. */
    public BookingService observedBy(IssuanceObserver issuanceObserver) {
        BookingRuntime r = runtime;
        return new BookingService(new BookingRuntime(r.store(), r.outbox(), r.ledger(), r.locks(), r.supplier(),
                r.rules(), r.approval(), r.clock(), r.options(), issuanceObserver, r.postings()));
    }

    /** Settles what commands left open (unclear answers, postings that wait) and expires holds: run it on a schedule. */
    public BookingReconciler reconciler() {
        return reconciler;
    }

    public Optional<Booking> find(RequestContext context, String bookingId) {
        return runtime.find(context, bookingId);
    }

    /** A booking a search found, and when it was stored. */
    public record Listed(Booking booking, Instant createdAt) {
        public Listed {
            Objects.requireNonNull(booking, "booking");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }

    /**
     * The tenant's bookings {@code search} picks (state, PNR, ticket number, traveller, when stored), newest first,
     * at most {@code max}, after {@code after} when given; see {@link BookingStore#search}.
     */
    public List<Listed> search(RequestContext context, BookingStore.BookingSearch search,
                               Optional<BookingStore.Position> after, int max) {
        return runtime.search(context, search, after, max);
    }

    /**
     * Holds {@code offerId} for the passengers at the supplier and stores the booking HELD until the supplier's
     * ticketing time limit. The booking id is the caller's (1 to 24 letters, digits, '.', '_' or '-'). Terms with a
     * commission percentage take it on the held fare's base.
     */
    public Outcome<Booking> hold(RequestContext context, String bookingId, String offerId,
                                 List<Passenger> passengers, BookingTerms terms) {
        return hold(context, bookingId, offerId, passengers, terms, Optional.empty());
    }

    /**
     * Holds the booking as {@link #hold(RequestContext, String, String, List, BookingTerms)} does, with the
     * commission {@code commissions} gives the held offer's airline and booking class in place of the terms' own:
     * a fixed amount, or a percentage worked out on the held fare's base (and again if a pricing changes the fare).
     * Refused before the supplier is asked when a fixed amount of the rule is in another currency than the terms
     * ({@code BOOKING_CURRENCY_MISMATCH}).
     */
    public Outcome<Booking> hold(RequestContext context, String bookingId, String offerId,
                                 List<Passenger> passengers, BookingTerms terms, CommissionRule commissions) {
        Objects.requireNonNull(commissions, "commissions");
        return hold(context, bookingId, offerId, passengers, terms, Optional.of(commissions));
    }

    private Outcome<Booking> hold(RequestContext context, String bookingId, String offerId,
                                  List<Passenger> passengers, BookingTerms terms,
                                  Optional<CommissionRule> commissions) {
        Optional<Rejection> invalid = BookingRuntime.checkBookingId(bookingId);
        if (invalid.isPresent()) {
            return new Outcome.Refused<>(invalid.get());
        }
        if (passengers.isEmpty()) {
            return Outcome.refused(BookingErrorCode.BOOKING_INVALID_COMMAND, "a booking has at least one passenger");
        }
        if (commissions.isPresent() && commissions.get().fixedCurrencies().stream()
                .anyMatch(currency -> !currency.equals(terms.currency()))) {
            return Outcome.refused(BookingErrorCode.BOOKING_CURRENCY_MISMATCH, "the commission rule has fixed"
                    + " amounts in " + commissions.get().fixedCurrencies() + ", the terms are in " + terms.currency());
        }
        if (find(context, bookingId).isPresent()) {
            return BookingRuntime.exists(bookingId);
        }
        PostingKey issueKey = new PostingKey(PostingEventType.ISSUE, terms.channel(), terms.payment(), terms.model());
        if (runtime.rules().apply(context.tenant()).find(issueKey).isEmpty()) {
            // Refused before the supplier holds anything: such a booking could be ticketed but never posted.
            return Outcome.refused(BookingErrorCode.BOOKING_NO_POSTING_RULE, "no posting rule issues " + issueKey);
        }
        return SupplierAnswers.outcome(runtime.supplier().hold(offerId, passengers))
                .flatMap(order -> storeHeld(context, bookingId, passengers, terms, commissions, order));
    }

    /**
     * Stores the booking the supplier holds, with the commission worked out on its fare; releases the supplier's
     * hold when the booking cannot be stored.
     */
    private Outcome<Booking> storeHeld(RequestContext context, String bookingId, List<Passenger> passengers,
                                       BookingTerms requested, Optional<CommissionRule> commissions,
                                       SupplierOrder order) {
        Money base = order.offer().farePerPassenger().base();
        if (!base.currency().equals(requested.currency())) {
            runtime.supplier().cancel(order.pnr());
            return Outcome.refused(BookingErrorCode.BOOKING_INVALID_COMMAND, "the terms are in "
                    + requested.currency() + ", the fare in " + base.currency());
        }
        BookingTerms terms = commissions.map(rule -> requested.withCommission(rule.resolve(order.offer()), base))
                .orElseGet(() -> requested.commissionOn(base));
        Booking draft = new Booking(context.tenant(), bookingId, 1, order.pnr(), order.offer().airlinePrefix(),
                passengers, order.offer().farePerPassenger(), terms, new BookingStatus.Draft(), List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        Instant now = runtime.now();
        Decision decision = BookingMachine.decide(draft, new BookingCommand.Hold(order.ticketingTimeLimit(), now));
        if (!(decision instanceof Decision.Accepted accepted)) {
            runtime.supplier().cancel(order.pnr());
            return new Outcome.Refused<>(((Decision.Rejected) decision).rejection());
        }
        Booking held = new Booking(draft.tenant(), draft.id(), 1, draft.pnr(), draft.airlinePrefix(),
                draft.passengers(), draft.farePerPassenger(), terms, accepted.next(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        boolean inserted = runtime.inTransaction(uow -> {
            if (!runtime.store().insert(uow, BookingCodec.encode(held, runtime.deadline(held, now)))) {
                return false;
            }
            runtime.publish(uow, held, "booking.held", now);
            return true;
        });
        if (!inserted) {
            runtime.supplier().cancel(order.pnr());
            return BookingRuntime.exists(bookingId);
        }
        return Outcome.ok(held);
    }

    /**
     * Prices the held booking at the supplier; the booking is PRICED until the supplier's guarantee passes, at the
     * fare the supplier quotes now (it may have changed since the hold), which the issue then posts. A percentage
     * commission is worked out again on that fare's base; a fixed one stays.
     */
    public Outcome<Booking> price(RequestContext context, String bookingId) {
        return runtime.locked(context, bookingId, lease -> {
            Optional<Booking> booking = find(context, bookingId);
            if (booking.isEmpty()) {
                return BookingRuntime.notFound(bookingId);
            }
            return SupplierAnswers.outcome(runtime.supplier().price(booking.get().pnr())).flatMap(priced ->
                    transitions.transition(context, bookingId, lease,
                            current -> new BookingCommand.Price(priced.priceGuaranteeUntil(), runtime.now(),
                                    Optional.of(priced.offer().farePerPassenger().base().currency())),
                            RequestDetails.repriced(priced.offer().farePerPassenger())).map(Step::booking));
        });
    }

    /**
     * Issues the priced booking. {@code idempotencyKey} identifies the caller's request: repeating it returns the
     * booking as that request left it (ISSUED with the same tickets, or still being settled), and never sends a
     * second issue request; a key used for another booking is refused.
     */
    public Outcome<Booking> issue(RequestContext context, String bookingId, String idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            return Outcome.refused(BookingErrorCode.BOOKING_INVALID_COMMAND,
                    "an idempotency key has 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        return runtime.locked(context, bookingId, lease -> {
            runtime.observer().reached(IssuanceObserver.Step.LOCKED, bookingId);
            String requestId = newRequestId();
            return transitions.transition(context, bookingId, lease, booking -> new BookingCommand.RequestIssue(
                                    requestId, runtime.approval().requiresApproval(context, booking), runtime.now()),
                            RequestDetails.keyed(SupplierCall.ISSUE, idempotencyKey, Optional.empty()))
                    .flatMap(step -> calls.call(context, lease, step));
        });
    }

    /** What issuing a priced booking now would post and whether it would wait for an approver. */
    public record IssuePreview(Booking booking, List<JournalEntry> entries, boolean approvalRequired) {
        public IssuePreview {
            Objects.requireNonNull(booking, "booking");
            entries = List.copyOf(entries);
        }
    }

    /**
     * The journal entries an issue of the booking would post today, by the tenant's rules, with stand-in ticket
     * numbers (the airline gives the real ones), and whether the approval policy would hold it; nothing is posted
     * or sent. Only a priced booking can be previewed: an issue needs a fare the airline guarantees.
     */
    public Outcome<IssuePreview> previewIssue(RequestContext context, String bookingId) {
        Optional<Booking> found = find(context, bookingId);
        if (found.isEmpty()) {
            return BookingRuntime.notFound(bookingId);
        }
        Booking booking = found.get();
        if (booking.status().state() != BookingState.PRICED) {
            return Outcome.refused(BookingErrorCode.BOOKING_ILLEGAL_TRANSITION,
                    "only a priced booking can be previewed for an issue; " + bookingId + " is " + booking.status());
        }
        return runtime.postings().issueEntries(booking, BookingPostings.sampleTickets(booking),
                        runtime.dateOf(runtime.now()))
                .map(entries -> new IssuePreview(booking, entries, runtime.approval().requiresApproval(context,
                        booking)));
    }

    /** An approver lets a booking waiting for approval be issued. */
    public Outcome<Booking> approve(RequestContext context, String bookingId) {
        return command(context, bookingId, booking -> new BookingCommand.Approve(context.actor(), runtime.now()));
    }

    /** An approver refuses the issue waiting for approval; the booking is priced again. */
    public Outcome<Booking> rejectApproval(RequestContext context, String bookingId, String reason) {
        return command(context, bookingId, booking -> new BookingCommand.RejectApproval(context.actor(), reason));
    }

    /** Voids every document of the booking at the supplier, inside the void window; posts the exact reversal. */
    public Outcome<Booking> voidTickets(RequestContext context, String bookingId) {
        return command(context, bookingId, booking -> new BookingCommand.RequestVoid(runtime.options().voidWindow(),
                runtime.now()));
    }

    /** Asks the supplier what refunding these documents (all of them: a full refund) would return. */
    public Outcome<Booking> quoteRefund(RequestContext context, String bookingId, Set<String> documentNumbers) {
        return command(context, bookingId, booking -> new BookingCommand.RequestRefundQuote(documentNumbers));
    }

    /** Confirms the quote the booking holds; the supplier refunds, and the refund entries post. */
    public Outcome<Booking> confirmRefund(RequestContext context, String bookingId, String quoteId) {
        return command(context, bookingId, booking -> new BookingCommand.ConfirmRefund(quoteId, runtime.now()));
    }

    public Outcome<Booking> declineRefund(RequestContext context, String bookingId, String quoteId) {
        return command(context, bookingId, booking -> new BookingCommand.DeclineRefund(quoteId));
    }

    /** Cancels a booking not yet ticketed and releases the supplier's hold. */
    public Outcome<Booking> cancel(RequestContext context, String bookingId, String reason) {
        return command(context, bookingId, booking -> new BookingCommand.Cancel(reason));
    }

    /**
     * Sells an EMD of {@code amount} per passenger (an extra bag: reason XBAG) on the issued booking; posts the EMD
     * event. {@code idempotencyKey} works as for {@link #issue}.
     */
    public Outcome<Booking> issueEmd(RequestContext context, String bookingId, Money amount, String reason,
                                     String idempotencyKey) {
        Objects.requireNonNull(reason, "reason");
        if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH || !amount.isPositive()) {
            return Outcome.refused(BookingErrorCode.BOOKING_INVALID_COMMAND, "an EMD needs a positive amount and an"
                    + " idempotency key of 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        return runtime.locked(context, bookingId, lease -> {
            boolean earlierOpen = runtime.inTransaction(uow -> runtime.store().requests(uow, context.tenant(),
                    bookingId)).stream().anyMatch(request -> request.call().equals(SupplierCall.EMD.name())
                    && (request.status() == SupplierRequest.Status.PENDING
                    || request.status() == SupplierRequest.Status.UNKNOWN)
                    && !request.idempotencyKey().equals(Optional.of(idempotencyKey)));
            String requestId = newRequestId();
            return transitions.transition(context, bookingId, lease,
                            booking -> new BookingCommand.RequestEmd(requestId, amount, earlierOpen),
                            RequestDetails.keyed(SupplierCall.EMD, idempotencyKey, Optional.of(amount)))
                    .flatMap(step -> calls.call(context, lease, step, reason));
        });
    }

    /**
     * Asks the supplier what exchanging all the booking's open tickets for the itinerary of {@code newOfferId}
     * costs, and keeps the quote with the booking: {@link #confirmExchange} confirms it by id and posts its amounts.
     */
    public Outcome<ExchangeOffer> quoteExchange(RequestContext context, String bookingId, String newOfferId) {
        return command(context, bookingId, booking -> new BookingCommand.RequestExchangeQuote(newOfferId,
                BookingMachine.openTickets(booking.documents())))
                .map(booking -> booking.exchangeQuote().orElseThrow());
    }

    /**
     * As {@link #quoteExchange(RequestContext, String, String)} for the chosen {@code tickets} only (for example one
     * passenger's): each must be a ticket of the booking with every coupon open, or the quote is refused before the
     * supplier is asked. Confirmed, those tickets are exchanged and the booking stays issued with the others.
     */
    public Outcome<ExchangeOffer> quoteExchange(RequestContext context, String bookingId, String newOfferId,
                                               Set<String> tickets) {
        return command(context, bookingId, booking -> new BookingCommand.RequestExchangeQuote(newOfferId, tickets))
                .map(booking -> booking.exchangeQuote().orElseThrow());
    }

    /**
     * Confirms the exchange quote the booking keeps ({@code quoteId}, from {@link #quoteExchange}): the supplier
     * reissues, this booking becomes EXCHANGED (or, when the quote was for some of its tickets, stays issued with
     * those exchanged) and the new tickets go to the follow-on booking {@code newBookingId} (ISSUED, same PNR,
     * passengers and terms), which this returns; the exchange posts on it (additional
     * collection, commission on the fare difference, reissue fee with VAT) from the kept quote's amounts. The
     * confirmation and its follow-on id are recorded before the airline is asked; after an ambiguous answer,
     * confirming the same quote again is safe (the supplier answers a repeated confirmation with the order as it is),
     * and the reconciler settles it otherwise.
     */
    public Outcome<Booking> confirmExchange(RequestContext context, String bookingId, String quoteId,
                                            String newBookingId) {
        Optional<Rejection> invalid = BookingRuntime.checkBookingId(newBookingId);
        if (invalid.isPresent()) {
            return new Outcome.Refused<>(invalid.get());
        }
        return runtime.locked(context, bookingId, lease -> {
            boolean taken = find(new RequestContext(context.tenant(), BookingRuntime.SWEEPER), newBookingId)
                    .isPresent();
            return transitions.transition(context, bookingId, lease,
                            booking -> new BookingCommand.ConfirmExchange(quoteId, newBookingId, taken),
                            RequestDetails.NONE)
                    .flatMap(step -> calls.call(context, lease, step));
        });
    }

    /**
     * Holds the customer's deposit for a booking paid by deposit and not yet ticketed: a pending ledger entry
     * (Bank to customer deposits, the customer total of all passengers) recorded with the booking. The issue
     * captures it in its own transaction; expiry or cancellation releases it. {@code depositId} (1 to 16 letters,
     * digits, '.', '_' or '-') names the hold: holding it again answers the booking as it is.
     */
    public Outcome<Booking> holdDeposit(RequestContext context, String bookingId, String depositId) {
        Objects.requireNonNull(depositId, "depositId");
        if (depositId.length() > MAX_DEPOSIT_ID_LENGTH || BookingRuntime.checkBookingId(depositId).isPresent()) {
            return Outcome.refused(BookingErrorCode.BOOKING_INVALID_COMMAND, "a deposit id has 1 to "
                    + MAX_DEPOSIT_ID_LENGTH + " letters, digits, '.', '_' or '-'");
        }
        String hold = bookingId + ".DH." + depositId;
        return runtime.locked(context, bookingId, lease -> {
            Optional<Booking> booking = find(context, bookingId);
            if (booking.isPresent() && booking.get().depositHold().equals(Optional.of(hold))) {
                return Outcome.ok(booking.get()); // held already: a repeated request
            }
            return transitions.transition(context, bookingId, lease, current -> new BookingCommand.HoldDeposit(hold),
                    RequestDetails.NONE).map(Step::booking);
        });
    }

    /** A command on an existing booking: its transition, then the supplier calls it asks for. */
    private Outcome<Booking> command(RequestContext context, String bookingId,
                                     Function<Booking, BookingCommand> command) {
        return runtime.locked(context, bookingId, lease -> transitions.transition(context, bookingId, lease, command,
                RequestDetails.NONE).flatMap(step -> calls.call(context, lease, step)));
    }

    private static String newRequestId() {
        return "rq-" + UUID.randomUUID();
    }

}
