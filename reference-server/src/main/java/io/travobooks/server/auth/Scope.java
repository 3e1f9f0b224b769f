package io.travobooks.server.auth;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
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
}
