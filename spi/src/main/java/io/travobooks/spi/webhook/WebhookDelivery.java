package io.travobooks.spi.webhook;

import io.travobooks.spi.TenantId;

import java.time.Instant;
import java.util.Objects;

/**
 * One event's delivery to one endpoint: at most one per (endpoint, event), whatever number of times the event
 * reaches the fan-out; its {@code id} is the {@code webhook-id} every attempt carries, so a receiver de-duplicates
 * by it. {@code nextAttemptAt} is when it is due (pending or retrying).
 */
public record WebhookDelivery(TenantId tenant, String id, String endpointId, String eventId, String eventType,
                              String payload, Status status, int attempts, Instant nextAttemptAt,
                              Instant createdAt) {

    public enum Status {
        /** Waiting for its next attempt (the first, or a retry). */
        PENDING,
        SUCCEEDED,
        /** The retry ladder is exhausted, or the endpoint is gone: replayable. */
        DEAD
    }

    public WebhookDelivery {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(createdAt, "createdAt");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts cannot be negative");
        }
    }
}
