package io.travobooks.server.auth;

import io.travobooks.spi.RequestContext;
import io.travobooks.spi.TenantId;

import java.util.Objects;
import java.util.Set;

/** Who is calling: the tenant and scopes of the key the request carried. The only source of a request's tenant. */
public record Caller(TenantId tenant, String keyId, Set<Scope> scopes) {
    public Caller {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(keyId, "keyId");
        scopes = Set.copyOf(scopes);
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    /** The library's view of this caller: the tenant, and the key as the actor in journal entries and audit. */
    public RequestContext context() {
        return new RequestContext(tenant, "key:" + keyId);
    }
}
