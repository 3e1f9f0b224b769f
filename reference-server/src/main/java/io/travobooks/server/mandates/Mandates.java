package io.travobooks.server.mandates;

import io.travobooks.booking.BookingState;
import io.travobooks.booking.service.Booking;
import io.travobooks.booking.service.BookingService;
import io.travobooks.ledger.Ledger;
import io.travobooks.server.auth.ApiKey;
import io.travobooks.server.auth.ApiKeyStore;
import io.travobooks.server.auth.Caller;
import io.travobooks.server.auth.Mandate;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Call;
import io.travobooks.server.http.Handler;
import io.travobooks.server.runtime.AgencyTime;
import io.travobooks.server.runtime.ServerDatabase;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.Money;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.supplier.Segment;
import io.travobooks.spi.supplier.SupplierGateway;
import io.travobooks.spi.supplier.SupplierOrder;
import io.travobooks.spi.supplier.SupplierResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AI agents' mandates: the MCP tools an agent's key may call (over HTTP, its scopes alone limit it), and what its
 * issues may spend and on which airlines and journeys (read from the supplier), over MCP and HTTP alike. An issue
 * by such a key is refused above the per-booking budget or off its journeys, held for a person's approval above
 * the mandate's threshold (see {@link #holdsForApproval}), and otherwise runs with its fare reserved against the
 * key's budgets in the ledger ({@link AgentBudgets}), settled with the booking ({@link #settle}).
 */
public final class Mandates {
    private static final Logger LOG = LoggerFactory.getLogger(Mandates.class);
    /** The states an issue starts from. */
    private static final Set<BookingState> ISSUABLE = EnumSet.of(BookingState.PRICED, BookingState.ISSUE_FAILED);
    private final ApiKeyStore keys;
    private final BookingService bookings;
    private final SupplierGateway supplier;
    private final AgentBudgets budgets;
    private final Reservations reservations;
    private final AgencyTime time;
    /** A key's mandate is fixed when the key is made, so it is read once per key and node. */
    private final Map<String, Optional<Mandate>> byKey = new ConcurrentHashMap<>();

    public Mandates(ApiKeyStore keys, BookingService bookings, SupplierGateway supplier, Ledger ledger,
                    ServerDatabase database, AgencyTime time) {
        this.keys = keys;
        this.bookings = bookings;
        this.supplier = supplier;
        this.budgets = new AgentBudgets(ledger);
        this.reservations = new Reservations(database);
        this.time = time;
    }

    /** The mandate of the caller's key; none for a person, or a key made without one. */
    public Optional<Mandate> of(Caller caller) {
        if (caller.kind() != Caller.Kind.KEY) {
            return Optional.empty();
        }
        return byKey.computeIfAbsent(caller.tenant().value() + "/" + caller.id(),
                ignored -> keys.find(caller.tenant(), caller.id()).flatMap(ApiKey::mandate));
    }

    /** Whether the caller's mandate keeps it from calling the tool. */
    public boolean forbidsTool(Caller caller, String tool) {
        return of(caller).filter(mandate -> !mandate.allowsTool(tool)).isPresent();
    }

    /** Whether this request is an issue the caller's mandate holds for a person's approval. */
    public boolean holdsForApproval(String operationId, Call call) {
        return operationId.equals("issueBooking") && bookings.find(call.context(), call.path("booking_id"))
                .filter(booking -> holdsForApproval(call.caller(), booking)).isPresent();
    }

    /**
     * Whether the caller's mandate holds an issue of the booking for a person's approval: one it would not refuse
     * outright, above its threshold.
     */
    public boolean holdsForApproval(Caller caller, Booking booking) {
        return ISSUABLE.contains(booking.status().state()) && of(caller)
                .filter(mandate -> refusalOf(mandate, booking).isEmpty())
                .filter(mandate -> mandate.needsApproval(booking.fareTotal().minor())).isPresent();
    }

    /**
     * The issue handler, spending within the caller's mandate when it has one: the fare is reserved before the issue
     * runs, and settled with the booking (see {@link #settle}).
     */
    public Handler guardIssue(Handler issue) {
        return call -> {
            Optional<Mandate> mandate = of(call.caller());
            Optional<Booking> booking = bookings.find(call.context(), call.path("booking_id"));
            if (mandate.isEmpty() || booking.isEmpty() || !ISSUABLE.contains(booking.get().status().state())) {
                return issue.handle(call); // nothing to spend: the handler answers (not found, issued already)
            }
            EntryId pending = reserve(call, mandate.get(), booking.get());
            try {
                return issue.handle(call);
            } finally {
                try {
                    settle(call.tenant(), booking.get().id(), Optional.of(pending));
                } catch (RuntimeException e) {
                    // the issue's answer stands; the reservation settles with the booking's next change, or lapses
                    LOG.error("could not settle the reservation {} of booking {}", pending, booking.get().id(), e);
                }
            }
        };
    }

    /**
     * The exchange confirmation handler, refused to a key with a mandate: its budgets and journeys do not cover a
     * reissue's fare difference and new flights, so a person confirms exchanges.
     */
    public Handler guardExchange(Handler confirm) {
        return call -> {
            if (of(call.caller()).isPresent()) {
                call.audit().put("mandate", "refused: exchanges are confirmed by a person");
                throw new ApiProblem(403, MandateCode.MANDATE_EXCHANGE_NOT_COVERED.name(), "Forbidden",
                        "an AI agent's mandate does not cover exchanges: a person confirms them");
            }
            return confirm.handle(call);
        };
    }

    /** After a change of a booking (a reconciler or an approver finishing an issue, on any node): see below. */
    public void settle(TenantId tenant, String bookingId) {
        settle(tenant, bookingId, Optional.empty());
    }

    /**
     * Settles the fare reserved for the booking once its issue has: spent when its tickets were issued (a later void
     * or refund does not give the budget back), released when the issue ended without tickets (the booking failed,
     * expired, or is priced again at a later version than when the fare was reserved), kept while the issue waits
     * for an approver or the airline's answer. {@code issuedBy}: the reservation of the issue that just ran, which
     * has ended, so a booking still issuable means it was refused; it settles only that one.
     */
    private void settle(TenantId tenant, String bookingId, Optional<EntryId> issuedBy) {
        Optional<Reservations.Held> held = reservations.of(tenant, bookingId)
                .filter(h -> issuedBy.map(h.pending()::equals).orElse(true));
        if (held.isEmpty()) {
            return;
        }
        RequestContext context = new RequestContext(tenant, "mandates");
        Optional<Booking> booking = bookings.find(context, bookingId);
        BookingState state = booking.map(b -> b.status().state()).orElse(BookingState.CANCELLED);
        boolean ended = issuedBy.isPresent() || booking.map(Booking::version).orElse(Long.MAX_VALUE)
                > held.get().bookingVersion();
        Optional<Boolean> spent = switch (state) {
            case ISSUED, VOIDED, REFUND_QUOTED, REFUNDED, EXCHANGED -> Optional.of(true);
            case PENDING_APPROVAL, ISSUING, ISSUE_UNKNOWN -> Optional.empty();
            case EXPIRED, CANCELLED -> Optional.of(false);
            case DRAFT, HELD, PRICED, ISSUE_FAILED -> ended ? Optional.of(false) : Optional.empty();
        };
        if (spent.isPresent()) {
            budgets.settle(context, held.get().pending(), spent.get());
            reservations.remove(tenant, bookingId, held.get().pending());
        }
    }

    /**
     * Reserves the booking's fare against the caller's budgets, after the mandate's checks; throws the refusal,
     * noted in the audit line, as the mandate's decision is.
     */
    private EntryId reserve(Call call, Mandate mandate, Booking booking) {
        try {
            Optional<ApiProblem> refusal = refusalOf(mandate, booking);
            if (refusal.isPresent()) {
                throw refusal.get();
            }
            Money fare = booking.fareTotal();
            EntryId pending = AgentBudgets.newReservation(call.caller().id());
            if (!reservations.claim(call.tenant(), booking.id(), pending, booking.version())) {
                throw new ApiProblem(409, MandateCode.MANDATE_ISSUE_IN_PROGRESS.name(), "Conflict",
                        "another issue of this booking holds a reservation of the agent's budget; try again once it "
                                + "has settled", List.of(), Map.of("Retry-After", "1"));
            }
            Outcome<EntryId> reserved = budgets.reserve(call.context(), pending, call.caller().id(), mandate,
                    booking.id(), fare, time.today(), time.now());
            if (reserved instanceof Outcome.Refused<EntryId> refused) {
                reservations.remove(call.tenant(), booking.id(), pending);
                throw ApiProblem.refused(refused.rejection());
            }
            call.audit().put("mandate", "reserved " + fare + " as " + pending);
            return pending;
        } catch (ApiProblem refused) {
            call.audit().put("mandate", "refused: " + refused.code());
            throw refused;
        }
    }

    /** The booking's flights, as the airline holds them. */
    private List<Segment> segments(Booking booking) {
        return switch (supplier.retrieve(booking.pnr())) {
            case SupplierResult.Success<SupplierOrder> order -> order.value().offer().segments();
            case SupplierResult.Refused<SupplierOrder> refused -> throw new ApiProblem(503, "SUPPLIER_UNAVAILABLE",
                    "Unavailable", "the airline did not show the booking's flights: " + refused.message());
            case SupplierResult.Unknown<SupplierOrder> unknown -> throw new ApiProblem(503, "SUPPLIER_UNAVAILABLE",
                    "Unavailable", "the airline did not show the booking's flights: " + unknown.reason());
        };
    }

    /** Why the mandate refuses an issue of the booking outright, whatever its budgets hold. */
    private Optional<ApiProblem> refusalOf(Mandate mandate, Booking booking) {
        Money fare = booking.fareTotal();
        if (mandate.limitsJourneys() && !mandate.allowsJourney(segments(booking))) {
            return Optional.of(new ApiProblem(422, MandateCode.MANDATE_JOURNEY_NOT_ALLOWED.name(), "Refused",
                    "this agent's mandate does not allow the airline or route of booking " + booking.id()));
        }
        if (!fare.currency().equals(mandate.currency())) {
            return Optional.of(new ApiProblem(422, MandateCode.MANDATE_CURRENCY.name(), "Refused", "the booking is "
                    + "priced in " + fare.currency() + "; this agent's mandate spends " + mandate.currency()));
        }
        if (fare.minor() > mandate.perBookingMinor()) {
            return Optional.of(new ApiProblem(422, MandateCode.MANDATE_PER_BOOKING_EXCEEDED.name(), "Refused",
                    "the fare " + fare + " is above this agent's budget per booking, "
                            + new Money(mandate.perBookingMinor(), mandate.currency())));
        }
        return Optional.empty();
    }
}
