package io.travobooks.server.users;

import io.travobooks.server.auth.Role;
import io.travobooks.spi.TenantId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A person who signs in to a tenant. {@code credentialsVersion} rises with every change of password, second factor
 * or standing: a session opened under an older version is over. {@code mfaEnrolled}: they sign in with a TOTP code
 * (or a recovery code) besides their password.
 */
public record User(String id, TenantId tenant, String email, String name, Role role, int credentialsVersion,
                   Instant createdAt, Optional<Instant> disabledAt, boolean mfaEnrolled) {
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(disabledAt, "disabledAt");
    }

    public boolean disabled() {
        return disabledAt.isPresent();
    }
}
