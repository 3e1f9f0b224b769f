package io.travobooks.server.auth;

import io.travobooks.spi.RequestContext;
import io.travobooks.spi.TenantId;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling: the tenant, the key or the signed-in user the credential stands for, and what it may do. The
 * only source of a request's tenant. {@code principal} is who is behind the credential: the user, for a session or
 * for a key a user made (directly or through their keys); the key itself for a key no person made. Maker-checker
 * compares principals, so that no one approves their own request with a second credential.
 */
public record Caller(TenantId tenant, Kind kind, String id, Optional<Role> role, Set<Scope> scopes,
                     String principal) {
    /** What kind of credential the request carried. */
    public enum Kind {
        KEY("key"), USER("user");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    public Caller {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(principal, "principal");
        scopes = Set.copyOf(scopes);
    }

    public static Caller key(TenantId tenant, String keyId, Set<Scope> scopes) {
        return key(tenant, keyId, scopes, Optional.empty());
    }

    /** A key, made by {@code owner} (a principal) when a person or another key made it. */
    public static Caller key(TenantId tenant, String keyId, Set<Scope> scopes, Optional<String> owner) {
        return new Caller(tenant, Kind.KEY, keyId, Optional.empty(), scopes,
                owner.orElse(Kind.KEY.prefix + ":" + keyId));
    }

    /** A signed-in user: the role's scopes, nothing more. */
    public static Caller user(TenantId tenant, String userId, Role role) {
        return new Caller(tenant, Kind.USER, userId, Optional.of(role), role.scopes(), Kind.USER.prefix + ":" + userId);
    }

    /** A signed-in user who must set up a second factor first: no scope until then. */
    public static Caller userWithoutScopes(TenantId tenant, String userId, Role role) {
        return new Caller(tenant, Kind.USER, userId, Optional.of(role), Set.of(), Kind.USER.prefix + ":" + userId);
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    /**
     * The first of {@code wanted} this caller lacks: a caller hands out (to a key, to a role) and acts on (a user)
     * nothing that can do more than it can.
     */
    public Optional<Scope> lacking(Set<Scope> wanted) {
        return wanted.stream().filter(scope -> !has(scope)).sorted().findFirst();
    }

    /** The key's id, or the user's, with its kind: {@code key:...} or {@code user:...}. */
    public String actor() {
        return kind.prefix + ":" + id;
    }

    /** The library's view of this caller: the tenant, and the key or user as the actor in journal entries. */
    public RequestContext context() {
        return new RequestContext(tenant, actor());
    }
}
