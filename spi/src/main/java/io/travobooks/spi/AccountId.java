package io.travobooks.spi;

/** An account of a tenant's chart, identified by its code (for example {@code 2100}); unique within a tenant. */
public record AccountId(String code) implements Comparable<AccountId> {
    public static final int MAX_LENGTH = 32;

    public AccountId {
        Identifier.require("account code", code, MAX_LENGTH);
    }

    public static AccountId of(String code) {
        return new AccountId(code);
    }

    @Override
    public int compareTo(AccountId other) {
        return code.compareTo(other.code);
    }

    @Override
    public String toString() {
        return code;
    }
}
