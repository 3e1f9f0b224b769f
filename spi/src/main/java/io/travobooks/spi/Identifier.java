package io.travobooks.spi;

import java.util.regex.Pattern;

/** Shared validation for the string identifiers that callers choose and that become key columns. */
final class Identifier {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/-]*");

    private Identifier() {
    }

    static String require(String kind, String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(kind + " must not be empty");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(kind + " longer than " + maxLength + " characters: " + value);
        }
        if (!SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException(kind + " has characters outside [A-Za-z0-9._:@/-]: " + value);
        }
        return value;
    }
}
