package io.travobooks.spi.outbox;

import io.travobooks.spi.TenantId;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An event in the one envelope every event type shares: a unique id (consumers de-duplicate by it), the type (for
 * example {@code booking.issued}), the tenant, when it happened, and its data. Data values are JSON-ready: strings,
 * numbers, booleans, lists and maps of them.
 */
public record OutboxEvent(String id, String type, TenantId tenant, Instant occurredAt, Map<String, Object> data) {
    public OutboxEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(occurredAt, "occurredAt");
        data = Map.copyOf(data);
    }
}
