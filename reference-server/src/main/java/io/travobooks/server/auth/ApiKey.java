package io.travobooks.server.auth;

import io.travobooks.spi.TenantId;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A stored API key: everything but the secret. {@code createdBy}: the key or person that made it (a person's keys
 * are their personal access tokens, and follow their standing); {@code lastUsedAt}: to the minute; {@code mandate}:
 * what an AI agent holding it may spend and do.
 */
public record ApiKey(String id, TenantId tenant, String name, String displayPrefix, Set<Scope> scopes,
                     Instant createdAt, Optional<Instant> expiresAt, Optional<Instant> revokedAt,
                     Optional<String> createdBy, Optional<Instant> lastUsedAt, Optional<Mandate> mandate) {
    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(name, "name");
        scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(mandate, "mandate");
    }

    /** Whether a request made at {@code now} with this key is let in. */
    public boolean isUsableAt(Instant now) {
        return revokedAt.isEmpty() && expiresAt.map(now::isBefore).orElse(true);
    }
}
