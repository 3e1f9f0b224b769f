package io.travobooks.spi;

import java.util.function.Function;

/** Runs work in one database transaction: commit when it returns, roll back when it throws. */
public interface TransactionRunner {

    <T> T inTransaction(Function<UnitOfWork, T> work);

    /**
     * Thrown when the transaction lost a race the database detected (deadlock, serialization failure, a unique key
     * taken by a concurrent writer). Running the work again on fresh state is safe.
     */
    final class RetryableConflictException extends RuntimeException {
        public RetryableConflictException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
