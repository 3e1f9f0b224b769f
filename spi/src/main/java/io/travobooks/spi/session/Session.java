package io.travobooks.spi.session;

import io.travobooks.spi.TenantId;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/** A signed-in user's session; it lives while used at least once per {@code idleTimeout} (sliding expiry). */
public record Session(String id, TenantId tenant, String userId, Map<String, String> attributes, Duration idleTimeout) {
    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(userId, "userId");
        attributes = Map.copyOf(attributes);
        if (idleTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("a session's idle timeout must be at least a millisecond");
        }
    }
}
