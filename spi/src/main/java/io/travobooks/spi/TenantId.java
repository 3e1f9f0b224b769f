package io.travobooks.spi;

/** The partner (tenant) that owns data; it leads every key and every query. */
public record TenantId(String value) implements Comparable<TenantId> {
    public static final int MAX_LENGTH = 64;

    public TenantId {
        Identifier.require("tenant id", value, MAX_LENGTH);
    }

    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public int compareTo(TenantId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
