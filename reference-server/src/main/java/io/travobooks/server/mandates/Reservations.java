package io.travobooks.server.mandates;

import io.travobooks.server.runtime.ServerDatabase;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.TransactionRunner;

import java.util.Optional;

/**
 * Which bookings hold a fare reserved against an agent's budget, so that each is settled when its issue settles:
 * one per booking at a time, which is also what keeps two agents' issues of one booking from both reserving.
 */
final class Reservations {
    private final ServerDatabase database;

    /** A booking's reservation, and the booking's version when it was made. */
    record Held(EntryId pending, long bookingVersion) {
    }

    Reservations(ServerDatabase database) {
        this.database = database;
    }

    /** Claims the booking for a reservation; false when another issue of it holds one. */
    boolean claim(TenantId tenant, String bookingId, EntryId pending, long bookingVersion) {
        try {
            database.inTransaction(handle -> handle.createUpdate("INSERT INTO agent_reservations (partner_id, "
                            + "booking_id, pending_id, booking_version) VALUES (:tenant, :booking, :pending, :version)")
                    .bind("tenant", tenant.value()).bind("booking", bookingId).bind("pending", pending.value())
                    .bind("version", bookingVersion).execute());
            return true;
        } catch (TransactionRunner.RetryableConflictException held) {
            if (of(tenant, bookingId).isPresent()) {
                return false; // the key is taken: another issue of the booking holds a reservation
            }
            throw held;
        }
    }

    Optional<Held> of(TenantId tenant, String bookingId) {
        return database.inTransaction(handle -> handle.createQuery("SELECT pending_id, booking_version FROM "
                        + "agent_reservations WHERE partner_id = :tenant AND booking_id = :booking")
                .bind("tenant", tenant.value()).bind("booking", bookingId)
                .map((rs, ctx) -> new Held(EntryId.of(rs.getString("pending_id")), rs.getLong("booking_version")))
                .findOne());
    }

    /** Lets the booking go, if {@code pending} is still its reservation. */
    void remove(TenantId tenant, String bookingId, EntryId pending) {
        database.inTransaction(handle -> handle.createUpdate("DELETE FROM agent_reservations WHERE partner_id = "
                        + ":tenant AND booking_id = :booking AND pending_id = :pending")
                .bind("tenant", tenant.value()).bind("booking", bookingId).bind("pending", pending.value())
                .execute());
    }
}
