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

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AI agents' mandates, applied wherever an agent's key acts (over MCP or HTTP alike): which tools it may call, and
 * what its issues may spend. An issue by such a key is refused above the per-booking budget, held for a person's
 * approval above the mandate's threshold (see {@link #holdsForApproval}), and otherwise runs with its fare reserved
 * against the key's budgets in the ledger ({@link AgentBudgets}), settled with the booking ({@link #settle}).
 */
public final class Mandates {
    private final ApiKeyStore keys;
    private final BookingService bookings;
    private final AgentBudgets budgets;
    private final Reservations reservations;
    private final AgencyTime time;
    /** A key's mandate is fixed when the key is made, so it is read once per key and node. */
    private final Map<String, Optional<Mandate>> byKey = new ConcurrentHashMap<>();

    public Mandates(ApiKeyStore keys, BookingService bookings, Ledger ledger, ServerDatabase database,
                    AgencyTime time) {
        this.keys = keys;
        this.bookings = bookings;
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

    /** Whether the caller's mandate holds an issue of the priced booking for a person's approval. */
    public boolean holdsForApproval(Caller caller, Booking booking) {
        return booking.status().state() == BookingState.PRICED && of(caller)
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
            if (mandate.isEmpty() || booking.isEmpty() || booking.get().status().state() != BookingState.PRICED) {
                return issue.handle(call); // nothing to spend: the handler answers (not found, issued already)
            }
            try {
                AgentBudgets.Reservation reservation = reserve(call, mandate.get(), booking.get());
                reservations.add(call.tenant(), booking.get().id(), reservation.pending());
                call.audit().put("mandate", "reserved " + booking.get().fareTotal() + " as " + reservation.pending());
            } catch (ApiProblem refused) {
                call.audit().put("mandate", "refused: " + refused.code());
                throw refused;
            }
            try {
                return issue.handle(call);
            } finally {
                settle(call.tenant(), booking.get().id(), true);
            }
        };
    }

    /** After a change of a booking (a reconciler or an approver finishing an issue, on any node): see below. */
    public void settle(TenantId tenant, String bookingId) {
        settle(tenant, bookingId, false);
    }

    /**
     * Settles the fares reserved for the booking once its issue has: spent when its tickets were issued (a later
     * void or refund does not give the budget back), released when the issue failed, kept while it waits for an
     * approver or the airline's answer. A booking still priced was refused by the issue that just ran
     * ({@code issueDone}), or has not begun it yet.
     */
    private void settle(TenantId tenant, String bookingId, boolean issueDone) {
        List<EntryId> pending = reservations.of(tenant, bookingId);
        if (pending.isEmpty()) {
            return;
        }
        RequestContext context = new RequestContext(tenant, "mandates");
        BookingState state = bookings.find(context, bookingId).map(b -> b.status().state())
                .orElse(BookingState.CANCELLED);
        Optional<Boolean> spent = switch (state) {
            case ISSUED, VOIDED, REFUND_QUOTED, REFUNDED, EXCHANGED -> Optional.of(true);
            case PENDING_APPROVAL, ISSUING, ISSUE_UNKNOWN -> Optional.empty();
            case PRICED, HELD, DRAFT -> issueDone ? Optional.of(false) : Optional.empty();
            case ISSUE_FAILED, EXPIRED, CANCELLED -> Optional.of(false);
        };
        spent.ifPresent(isSpent -> pending.forEach(entry -> {
            budgets.settle(context, entry, isSpent);
            reservations.remove(tenant, entry);
        }));
    }

    private AgentBudgets.Reservation reserve(Call call, Mandate mandate, Booking booking) {
        Money fare = booking.fareTotal();
        if (!fare.currency().equals(mandate.currency())) {
            throw new ApiProblem(422, MandateCode.MANDATE_CURRENCY.name(), "Refused", "the booking is priced in "
                    + fare.currency() + "; this agent's mandate spends " + mandate.currency());
        }
        if (fare.minor() > mandate.perBookingMinor()) {
            throw new ApiProblem(422, MandateCode.MANDATE_PER_BOOKING_EXCEEDED.name(), "Refused", "the fare "
                    + fare + " is above this agent's budget per booking, " + new Money(mandate.perBookingMinor(),
                    mandate.currency()));
        }
        Outcome<AgentBudgets.Reservation> reserved = budgets.reserve(call.context(), call.caller().id(), mandate,
                booking.id(), fare, time.today(), time.now());
        return switch (reserved) {
            case Outcome.Ok<AgentBudgets.Reservation> ok -> ok.value();
            case Outcome.Refused<AgentBudgets.Reservation> refused -> throw ApiProblem.refused(refused.rejection());
        };
    }
}
