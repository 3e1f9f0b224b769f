package io.travobooks.server.auth;

import java.util.Arrays;
import java.util.Optional;

/** What a key may do. The contract names the scope each operation needs. */
public enum Scope {
    ADMIN("admin"),
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

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<Scope> parse(String value) {
        return Arrays.stream(values()).filter(scope -> scope.value.equals(value)).findFirst();
    }

    public static Scope of(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException("unknown scope " + value));
    }
}
