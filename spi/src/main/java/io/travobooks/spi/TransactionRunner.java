package io.travobooks.spi;

import java.util.function.Function;

/** Runs work in one database transaction: commit when it returns, roll back when it throws. */
public interface TransactionRunner {

    <T> T inTransaction(Function<UnitOfWork, T> work);

    /** As {@link #inTransaction}, run again after lost races as {@code policy} says (see {@link RetryPolicy}). */
    default <T> T inTransactionRetrying(Function<UnitOfWork, T> work, RetryPolicy policy) {
        return policy.inTransaction(this, work);
    }

    /**
     * Runs {@code work} like {@link #inTransactionRetrying}, committing when it answers {@link Outcome.Ok} and rolling
     * back when it answers {@link Outcome.Refused}: a command refused half-way leaves nothing written, and its
     * refusal is returned as data.
     */
    default <T> Outcome<T> inTransactionUnlessRefused(Function<UnitOfWork, Outcome<T>> work, RetryPolicy policy) {
        try {
            return inTransactionRetrying(uow -> {
                Outcome<T> outcome = work.apply(uow);
                if (outcome instanceof Outcome.Refused<T> refused) {
                    throw new RefusalRollback(refused.rejection());
                }
                return outcome;
            }, policy);
        } catch (RefusalRollback rollback) {
            return new Outcome.Refused<>(rollback.rejection());
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
