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
import io.travobooks.server.http.Reply;
import io.travobooks.server.runtime.AgencyTime;
import io.travobooks.spi.Money;
import io.travobooks.spi.Outcome;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AI agents' mandates, applied wherever an agent's key acts (over MCP or HTTP alike): which tools it may call, and
 * what its issues may spend. An issue by such a key is refused above the per-booking budget, held for a person's
 * approval above the mandate's threshold (see {@link #holdsForApproval}), and otherwise runs with its fare reserved
 * against the key's budgets in the ledger ({@link AgentBudgets}): spent once the tickets are issued, released when
 * the issue fails.
 */
public final class Mandates {
    private final ApiKeyStore keys;
    private final BookingService bookings;
    private final AgentBudgets budgets;
    private final AgencyTime time;
    /** A key's mandate is fixed when the key is made, so it is read once per key and node. */
    private final Map<String, Optional<Mandate>> byKey = new ConcurrentHashMap<>();

    public Mandates(ApiKeyStore keys, BookingService bookings, Ledger ledger, AgencyTime time) {
        this.keys = keys;
        this.bookings = bookings;
        this.budgets = new AgentBudgets(ledger);
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

    /** The issue handler, spending within the caller's mandate when it has one. */
    public Handler guardIssue(Handler issue) {
        return call -> {
            Optional<Mandate> mandate = of(call.caller());
            Optional<Booking> booking = bookings.find(call.context(), call.path("booking_id"));
            if (mandate.isEmpty() || booking.isEmpty() || booking.get().status().state() != BookingState.PRICED) {
                return issue.handle(call); // nothing to spend: the handler answers (not found, issued already)
            }
            AgentBudgets.Reservation reservation;
            try {
                reservation = reserve(call, mandate.get(), booking.get());
            } catch (ApiProblem refused) {
                call.audit().put("mandate", "refused: " + refused.code());
                throw refused;
            }
            call.audit().put("mandate", "reserved " + booking.get().fareTotal() + " as " + reservation.pending());
            Reply reply;
            try {
                reply = issue.handle(call);
            } catch (RuntimeException e) {
                budgets.release(call.context(), reservation);
                throw e;
            }
            BookingState after = bookings.find(call.context(), booking.get().id()).orElseThrow().status().state();
            switch (after) {
                case ISSUED -> budgets.spend(call.context(), reservation);
                case PRICED, ISSUE_FAILED, HELD, EXPIRED, CANCELLED -> budgets.release(call.context(), reservation);
                default -> {
                    // waiting for an approver or for the airline's answer: the fare stays reserved until it lapses
                }
            }
            return reply;
        };
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
