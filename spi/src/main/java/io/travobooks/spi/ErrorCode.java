package io.travobooks.spi;

/** A stable, machine-readable error code such as {@code LEDGER_UNBALANCED}; the HTTP layer maps it to a problem type. */
public interface ErrorCode {
    String name();
}
