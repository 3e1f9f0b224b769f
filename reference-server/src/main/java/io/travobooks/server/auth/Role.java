package io.travobooks.server.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.travobooks.server.auth.Scope.ADMIN;
import static io.travobooks.server.auth.Scope.APPROVALS_DECIDE;
import static io.travobooks.server.auth.Scope.AUDIT_READ;
import static io.travobooks.server.auth.Scope.BOOKINGS_ISSUE;
import static io.travobooks.server.auth.Scope.BOOKINGS_READ;
import static io.travobooks.server.auth.Scope.BOOKINGS_WRITE;
import static io.travobooks.server.auth.Scope.LEDGER_READ;
import static io.travobooks.server.auth.Scope.LEDGER_WRITE;
import static io.travobooks.server.auth.Scope.MESSAGING_ADMIN;
import static io.travobooks.server.auth.Scope.MESSAGING_READ;
import static io.travobooks.server.auth.Scope.MESSAGING_WRITE;
import static io.travobooks.server.auth.Scope.USERS_ADMIN;

/**
 * What a person (or a software agent) in a tenant does, as the scopes it holds. This table is the role half of the
 * route x role matrix; the contract names the scope of every operation, which is the other half.
 */
public enum Role {
    /** Runs the agency: everything within the tenant. */
    OWNER("owner", ADMIN, USERS_ADMIN, AUDIT_READ, APPROVALS_DECIDE, LEDGER_READ, LEDGER_WRITE, BOOKINGS_READ,
            BOOKINGS_WRITE, BOOKINGS_ISSUE, MESSAGING_READ, MESSAGING_WRITE, MESSAGING_ADMIN),
    /**
     * Runs the system: people, keys, webhooks, channels and the posting rules (the scope {@code admin}); reads the
     * rest, and moves no money itself.
     */
    ADMIN_ROLE("admin", ADMIN, USERS_ADMIN, AUDIT_READ, APPROVALS_DECIDE, LEDGER_READ, BOOKINGS_READ, MESSAGING_READ,
            MESSAGING_WRITE, MESSAGING_ADMIN),
    /**
     * Keeps the books: the ledger and the money events of bookings; reads bookings and the audit log; approves what
     * waits for a second person.
     */
    ACCOUNTANT("accountant", LEDGER_READ, LEDGER_WRITE, BOOKINGS_READ, MESSAGING_READ, AUDIT_READ,
            APPROVALS_DECIDE),
    /** Sells: searches, holds, issues and services bookings and answers customers. */
    TICKETING_AGENT("ticketing-agent", BOOKINGS_READ, BOOKINGS_WRITE, BOOKINGS_ISSUE, MESSAGING_READ,
            MESSAGING_WRITE),
    /** Looks, changes nothing. */
    VIEWER("viewer", LEDGER_READ, BOOKINGS_READ, MESSAGING_READ),
    /** Software that books for the agency: bookings only, within what a person lets it spend. */
    AI_AGENT("ai-agent", BOOKINGS_READ, BOOKINGS_WRITE, BOOKINGS_ISSUE);

    private static final Map<String, Role> BY_VALUE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Role::value, Function.identity()));

    private final String value;
    private final Set<Scope> scopes;

    Role(String value, Scope first, Scope... rest) {
        this.value = value;
        this.scopes = Set.copyOf(EnumSet.of(first, rest));
    }

    public String value() {
        return value;
    }

    public Set<Scope> scopes() {
        return scopes;
    }

    public static Optional<Role> parse(String value) {
        return value == null ? Optional.empty() : Optional.ofNullable(BY_VALUE.get(value));
    }

    public static Role of(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException("unknown role " + value));
    }
}
