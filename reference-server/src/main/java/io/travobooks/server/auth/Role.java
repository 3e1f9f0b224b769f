package io.travobooks.server.auth;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
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
 * What a person (or a software agent) in a tenant does, as the scopes it holds: one of the six built-in roles, or
 * a role a tenant made for itself. The built-in table is the role half of the route x role matrix; the contract
 * names the scope of every operation, which is the other half. Two roles are the same role when they have the same
 * name: a tenant's role keeps its name when its scopes change.
 */
public final class Role {
    /** Runs the agency: everything within the tenant. */
    public static final Role OWNER = new Role("owner", true, EnumSet.of(ADMIN, USERS_ADMIN, AUDIT_READ,
            APPROVALS_DECIDE, LEDGER_READ, LEDGER_WRITE, BOOKINGS_READ, BOOKINGS_WRITE, BOOKINGS_ISSUE, MESSAGING_READ,
            MESSAGING_WRITE, MESSAGING_ADMIN));
    /**
     * Runs the system: people, keys, webhooks, channels and the posting rules (the scope {@code admin}); reads the
     * rest, and moves no money itself.
     */
    public static final Role ADMIN_ROLE = new Role("admin", true, EnumSet.of(ADMIN, USERS_ADMIN, AUDIT_READ,
            APPROVALS_DECIDE, LEDGER_READ, BOOKINGS_READ, MESSAGING_READ, MESSAGING_WRITE, MESSAGING_ADMIN));
    /**
     * Keeps the books: the ledger and the money events of bookings; reads bookings and the audit log; approves what
     * waits for a second person.
     */
    public static final Role ACCOUNTANT = new Role("accountant", true, EnumSet.of(LEDGER_READ, LEDGER_WRITE,
            BOOKINGS_READ, MESSAGING_READ, AUDIT_READ, APPROVALS_DECIDE));
    /** Sells: searches, holds, issues and services bookings and answers customers. */
    public static final Role TICKETING_AGENT = new Role("ticketing-agent", true, EnumSet.of(BOOKINGS_READ,
            BOOKINGS_WRITE, BOOKINGS_ISSUE, MESSAGING_READ, MESSAGING_WRITE));
    /** Looks, changes nothing. */
    public static final Role VIEWER = new Role("viewer", true, EnumSet.of(LEDGER_READ, BOOKINGS_READ,
            MESSAGING_READ));
    /** Software that books for the agency: bookings only, within what a person lets it spend. */
    public static final Role AI_AGENT = new Role("ai-agent", true, EnumSet.of(BOOKINGS_READ, BOOKINGS_WRITE,
            BOOKINGS_ISSUE));

    private static final List<Role> BUILT_IN = List.of(OWNER, ADMIN_ROLE, ACCOUNTANT, TICKETING_AGENT, VIEWER,
            AI_AGENT);
    private static final Map<String, Role> BY_VALUE = BUILT_IN.stream()
            .collect(Collectors.toUnmodifiableMap(Role::value, Function.identity()));
    /** What a tenant may name a role of its own: as the built-in names are made. */
    public static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{1,31}$");

    private final String value;
    private final boolean builtIn;
    private final Set<Scope> scopes;

    private Role(String value, boolean builtIn, Set<Scope> scopes) {
        this.value = value;
        this.builtIn = builtIn;
        this.scopes = Set.copyOf(scopes);
    }

    /** The six roles every tenant has. */
    public static List<Role> builtIn() {
        return BUILT_IN;
    }

    /**
     * A role of a tenant's own, named as {@link #NAME} says and not as a built-in role, holding scopes within the
     * tenant only.
     */
    public static Role custom(String name, Set<Scope> scopes) {
        if (!NAME.matcher(name).matches() || BY_VALUE.containsKey(name)) {
            throw new IllegalArgumentException("not a name for a tenant's role: " + name);
        }
        if (!Scope.WITHIN_TENANT.containsAll(scopes)) {
            throw new IllegalArgumentException("a tenant's role holds scopes within the tenant only: " + scopes);
        }
        return new Role(name, false, scopes);
    }

    /** The built-in role of this name, or a tenant's role of this name with these scopes. */
    public static Role named(String name, Set<Scope> scopes) {
        return parse(name).orElseGet(() -> custom(name, scopes));
    }

    public String value() {
        return value;
    }

    public Set<Scope> scopes() {
        return scopes;
    }

    public boolean isBuiltIn() {
        return builtIn;
    }

    /** The built-in role of this name. */
    public static Optional<Role> parse(String value) {
        return value == null ? Optional.empty() : Optional.ofNullable(BY_VALUE.get(value));
    }

    /** The built-in role of this name; throws for any other. */
    public static Role of(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException("unknown role " + value));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Role role && role.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
