package io.travobooks.spi;

import java.util.function.Function;

/** Runs work in one database transaction: commit when it returns, roll back when it throws. */
public interface TransactionRunner {

    <T> T inTransaction(Function<UnitOfWork, T> work);

    /**
     * As {@link #inTransaction}, running {@code work} again (after a short random pause that grows with each try, to
     * at most 50 ms) when the database reports a lost race, up to {@code attempts} tries in all. Only for work that
     * reads what it decides on inside the transaction, so that a retry decides on fresh state.
     */
    default <T> T inTransactionRetrying(Function<UnitOfWork, T> work, int attempts) {
        for (int attempt = 1; ; attempt++) {
            try {
                return inTransaction(work);
            } catch (RetryableConflictException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                try {
                    Thread.sleep(java.util.concurrent.ThreadLocalRandom.current()
                            .nextLong(1, Math.min(50, 1L << Math.min(attempt, 6)) + 1));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * Thrown when the transaction lost a race the database detected (deadlock, serialization failure, a unique key
     * taken by a concurrent writer). Running the work again on fresh state is safe.
     */
    final class RetryableConflictException extends RuntimeException {
        public RetryableConflictException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Thrown when the store cannot be reached, no connection could be had within the pool's timeout (the database is
     * down or restarting, or every connection is busy), or the connection broke during the transaction. Nothing of the work is committed, unless the connection broke during the commit itself, when
     * its outcome is unknown: repeat the request under the same idempotency key (an entry id, a booking's key), which
     * answers with the first outcome if it did commit.
     */
    final class StorageUnavailableException extends RuntimeException {
        public StorageUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
