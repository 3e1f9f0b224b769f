package io.travobooks.spi.inbox;

import io.travobooks.spi.TenantId;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A conversation with one contact, who is known by the channel and address they write from. It links to the
 * bookings it is about, and has a status and an assignee for the agents working the inbox.
 *
 * @param lastInboundAt when the contact last wrote, which opens WhatsApp's 24-hour window
 */
public record Conversation(TenantId tenant, String id, String channel, String address, Status status,
                           Optional<String> assignee, Set<String> bookingIds, Optional<Instant> lastInboundAt,
                           Instant updatedAt) {
    public enum Status { OPEN, PENDING, RESOLVED }

    public Conversation {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(assignee, "assignee");
        bookingIds = Collections.unmodifiableSet(new TreeSet<>(bookingIds));
        Objects.requireNonNull(lastInboundAt, "lastInboundAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public Conversation withStatus(Status newStatus, Instant at) {
        return new Conversation(tenant, id, channel, address, newStatus, assignee, bookingIds, lastInboundAt, at);
    }

    public Conversation withAssignee(Optional<String> newAssignee, Instant at) {
        return new Conversation(tenant, id, channel, address, status, newAssignee, bookingIds, lastInboundAt, at);
    }

    public Conversation withBookings(Set<String> more, Instant at) {
        Set<String> all = new TreeSet<>(bookingIds);
        all.addAll(more);
        return new Conversation(tenant, id, channel, address, status, assignee, all, lastInboundAt, at);
    }

    public Conversation withInboundAt(Instant at) {
        return new Conversation(tenant, id, channel, address, status, assignee, bookingIds, Optional.of(at), at);
    }
}
