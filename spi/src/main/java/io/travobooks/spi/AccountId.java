package io.travobooks.spi;

/**
 * An account of a tenant's chart, identified by its code (for example {@code 2100}); unique within a tenant. Like
 * every id type, its text is {@link #value()}.
 */
public record AccountId(String value) implements Comparable<AccountId> {
    public static final int MAX_LENGTH = 32;

    public AccountId {
        Identifier.require("account code", value, MAX_LENGTH);
    }

    public static AccountId of(String code) {
        return new AccountId(code);
    }

    @Override
    public int compareTo(AccountId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
