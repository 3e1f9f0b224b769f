package io.travobooks.server.auth;

import io.travobooks.spi.TenantId;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Issues, checks and revokes API keys. */
public final class ApiKeys {
    private final ApiKeyStore store;
    private final Clock clock;

    public ApiKeys(ApiKeyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A new key and its secret: the caller shows the secret once; only its hash is kept. */
    public record Issued(ApiKey key, ApiKeySecret secret) {
    }

    public Issued issue(TenantId tenant, String name, Set<Scope> scopes, Optional<Instant> expiresAt) {
        return issue(tenant, name, scopes, expiresAt, ApiKeySecret.generate());
    }

    /** Stores a key whose secret was chosen elsewhere (the first admin key, from the environment). */
    public Issued issue(TenantId tenant, String name, Set<Scope> scopes, Optional<Instant> expiresAt,
                        ApiKeySecret secret) {
        ApiKey key = new ApiKey("key_" + ApiKeySecret.randomBase62(12), tenant, name, secret.displayPrefix(), scopes,
                clock.instant(), expiresAt, Optional.empty());
        store.insert(key, secret.hash());
        return new Issued(key, secret);
    }

    /** The caller a bearer token stands for, when it is a key that exists, has not expired and is not revoked. */
    public Optional<Caller> authenticate(String token) {
        Instant now = clock.instant();
        return ApiKeySecret.parse(token)
                .flatMap(secret -> store.findBySecretHash(secret.hash()))
                .filter(key -> key.isUsableAt(now))
                .map(key -> new Caller(key.tenant(), key.id(), key.scopes()));
    }

    public Optional<ApiKey> revoke(TenantId tenant, String id) {
        return store.revoke(tenant, id, clock.instant());
    }

    public ApiKeyStore store() {
        return store;
    }
}
