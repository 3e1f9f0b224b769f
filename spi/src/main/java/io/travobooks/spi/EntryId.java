package io.travobooks.spi;

/**
 * A journal entry id chosen by the caller. It is the idempotency key: posting the same id twice never creates a
 * second entry.
 */
public record EntryId(String value) implements Comparable<EntryId> {
    public static final int MAX_LENGTH = 64;

    public EntryId {
        Identifier.require("entry id", value, MAX_LENGTH);
    }

    public static EntryId of(String value) {
        return new EntryId(value);
    }

    @Override
    public int compareTo(EntryId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
