package io.travobooks.spi.webhook;

import io.travobooks.spi.TenantId;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's webhook endpoint: where deliveries go, which event types it wants (empty: all), whether it is
 * enabled (and why not), its signing secrets (serialized {@code whsec_...}; the previous one signs too until
 * {@code previousSecretUntil}), and since when every delivery to it has failed, if it is failing.
 */
public record WebhookEndpoint(TenantId tenant, String id, URI url, Set<String> eventTypes, boolean enabled,
                              Optional<String> disabledReason, String secret, Optional<String> previousSecret,
                              Optional<Instant> previousSecretUntil, Optional<Instant> failingSince,
                              Instant createdAt) {
    public WebhookEndpoint {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        eventTypes = Set.copyOf(eventTypes);
        Objects.requireNonNull(disabledReason, "disabledReason");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(previousSecret, "previousSecret");
        Objects.requireNonNull(previousSecretUntil, "previousSecretUntil");
        Objects.requireNonNull(failingSince, "failingSince");
        Objects.requireNonNull(createdAt, "createdAt");
        if (id.isBlank() || id.length() > 64) {
            throw new IllegalArgumentException("an endpoint id has 1 to 64 characters");
        }
    }

    /** This endpoint enabled or disabled, with why when disabled. */
    public WebhookEndpoint withEnabled(boolean on, Optional<String> reason) {
        return new WebhookEndpoint(tenant, id, url, eventTypes, on, reason, secret, previousSecret,
                previousSecretUntil, failingSince, createdAt);
    }

    /** This endpoint signing with {@code current}, and with {@code previous} too until {@code until}. */
    public WebhookEndpoint withSecrets(String current, Optional<String> previous, Optional<Instant> until) {
        return new WebhookEndpoint(tenant, id, url, eventTypes, enabled, disabledReason, current, previous, until,
                failingSince, createdAt);
    }

    /** This endpoint sending to {@code target} the events of {@code types} (empty: every type). */
    public WebhookEndpoint withTarget(URI target, Set<String> types) {
        return new WebhookEndpoint(tenant, id, target, types, enabled, disabledReason, secret, previousSecret,
                previousSecretUntil, failingSince, createdAt);
    }

    public WebhookEndpoint withFailingSince(Optional<Instant> since) {
        return new WebhookEndpoint(tenant, id, url, eventTypes, enabled, disabledReason, secret, previousSecret,
                previousSecretUntil, since, createdAt);
    }

    /** True when the endpoint takes events of {@code type}. */
    public boolean wants(String type) {
        return enabled && (eventTypes.isEmpty() || eventTypes.contains(type));
    }
}
