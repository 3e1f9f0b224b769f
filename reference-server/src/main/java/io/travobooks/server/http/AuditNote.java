package io.travobooks.server.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a handler adds to its request's audit line: details of what changed (before and after, never a secret) and,
 * for an operation without a credential (signing in), whose chain the line belongs to and who acted.
 */
public final class AuditNote {
    private final Map<String, Object> detail = new LinkedHashMap<>();
    private Optional<String> chain = Optional.empty();
    private Optional<String> actor = Optional.empty();

    public AuditNote put(String name, Object value) {
        detail.put(name, value);
        return this;
    }

    /** The line goes to {@code chain} (a tenant, or the chain of no tenant) with {@code actor} as who acted. */
    public AuditNote as(String chain, String actor) {
        this.chain = Optional.of(chain);
        this.actor = Optional.of(actor);
        return this;
    }

    public Map<String, Object> detail() {
        return detail;
    }

    public Optional<String> chain() {
        return chain;
    }

    public Optional<String> actor() {
        return actor;
    }
}
