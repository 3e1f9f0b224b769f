package io.travobooks.spi;

import java.util.Objects;

/** Who is asking: the tenant comes from the credential, never from a request body; the actor is for the audit trail. */
public record RequestContext(TenantId tenant, String actor) {
    public RequestContext {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(actor, "actor");
        if (actor.isBlank() || actor.length() > 128) {
            throw new IllegalArgumentException("actor must be 1..128 characters");
        }
    }

    public static RequestContext of(String tenant, String actor) {
        return new RequestContext(TenantId.of(tenant), actor);
    }
}
