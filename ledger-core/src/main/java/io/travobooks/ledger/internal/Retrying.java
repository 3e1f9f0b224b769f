package io.travobooks.ledger.internal;

import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.TransactionRunner.RetryableConflictException;
import io.travobooks.spi.UnitOfWork;

import java.util.function.Function;

/** Runs a transaction again when the database reports a lost race (deadlock, a key taken concurrently). */
public final class Retrying {
    private static final int MAX_ATTEMPTS = 8;

    private Retrying() {
    }

    public static <T> T inTransaction(TransactionRunner transactions, Function<UnitOfWork, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.inTransaction(work);
            } catch (RetryableConflictException conflict) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw conflict;
                }
                try {
                    Thread.sleep(Math.min(50, 1L << attempt));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw conflict;
                }
            }
        }
    }
}
