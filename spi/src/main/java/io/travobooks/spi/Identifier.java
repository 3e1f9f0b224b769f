package io.travobooks.spi;

/** Shared validation for the string identifiers that callers choose and that become key columns. */
final class Identifier {

    private Identifier() {
    }

    static String require(String kind, String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(kind + " must not be empty");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(kind + " longer than " + maxLength + " characters: " + value);
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isSafe(value.charAt(i), i == 0)) {
                throw new IllegalArgumentException(kind + " must start with [A-Za-z0-9] and use only "
                        + "[A-Za-z0-9._:@/-]: " + value);
            }
        }
        return value;
    }

    /** A hand-written check: ids are validated on every row read back, where a regex shows up in profiles. */
    private static boolean isSafe(char c, boolean first) {
        boolean alphanumeric = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
        return alphanumeric || !first && (c == '.' || c == '_' || c == ':' || c == '@' || c == '/' || c == '-');
    }
}
