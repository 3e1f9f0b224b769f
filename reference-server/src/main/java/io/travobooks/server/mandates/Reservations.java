package io.travobooks.server.mandates;

import io.travobooks.server.runtime.ServerDatabase;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.TenantId;

import java.util.List;

/** Which bookings hold fares reserved against agents' budgets, so that each is settled when its issue settles. */
final class Reservations {
    private final ServerDatabase database;

    Reservations(ServerDatabase database) {
        this.database = database;
    }

    void add(TenantId tenant, String bookingId, EntryId pending) {
        database.inTransaction(handle -> handle.createUpdate("INSERT INTO agent_reservations (partner_id, pending_id, "
                        + "booking_id) VALUES (:tenant, :pending, :booking)")
                .bind("tenant", tenant.value()).bind("pending", pending.value()).bind("booking", bookingId)
                .execute());
    }

    List<EntryId> of(TenantId tenant, String bookingId) {
        return database.inTransaction(handle -> handle.createQuery("SELECT pending_id FROM agent_reservations "
                        + "WHERE partner_id = :tenant AND booking_id = :booking")
                .bind("tenant", tenant.value()).bind("booking", bookingId)
                .map((rs, ctx) -> EntryId.of(rs.getString("pending_id"))).list());
    }

    void remove(TenantId tenant, EntryId pending) {
        database.inTransaction(handle -> handle.createUpdate("DELETE FROM agent_reservations WHERE partner_id = "
                        + ":tenant AND pending_id = :pending")
                .bind("tenant", tenant.value()).bind("pending", pending.value()).execute());
    }
}
