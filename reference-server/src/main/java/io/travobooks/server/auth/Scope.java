package io.travobooks.server.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What a credential may do. The contract names the scope each operation needs; a role is a set of them. */
public enum Scope {
    ADMIN("admin"),
    USERS_ADMIN("users:admin"),
    AUDIT_READ("audit:read"),
    APPROVALS_DECIDE("approvals:decide"),
    TENANTS_ADMIN("tenants:admin"),
    METRICS_READ("metrics:read"),
    LEDGER_READ("ledger:read"),
    LEDGER_WRITE("ledger:write"),
    BOOKINGS_READ("bookings:read"),
    BOOKINGS_WRITE("bookings:write"),
    BOOKINGS_ISSUE("bookings:issue"),
    MESSAGING_READ("messaging:read"),
    MESSAGING_WRITE("messaging:write"),
    MESSAGING_ADMIN("messaging:admin");

    /** Every request checks scopes by name: a map, not a scan. */
    private static final Map<String, Scope> BY_VALUE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Scope::value, Function.identity()));

    /** What a tenant's own credentials and roles may hold: everything but opening tenants and the metrics. */
    public static final Set<Scope> WITHIN_TENANT = Set.copyOf(EnumSet.complementOf(EnumSet.of(TENANTS_ADMIN,
            METRICS_READ)));

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<Scope> parse(String value) {
        return value == null ? Optional.empty() : Optional.ofNullable(BY_VALUE.get(value));
    }

    public static Scope of(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException("unknown scope " + value));
    }

    /** Scopes as they are stored: their names, sorted, separated by spaces. */
    public static String text(Set<Scope> scopes) {
        return scopes.stream().map(Scope::value).sorted().collect(Collectors.joining(" "));
    }

    /** The scopes {@link #text} wrote; none for null or blank text. */
    public static Set<Scope> parseAll(String text) {
        return text == null || text.isBlank() ? Set.of()
                : Arrays.stream(text.split(" ")).map(Scope::of).collect(Collectors.toUnmodifiableSet());
    }
}
