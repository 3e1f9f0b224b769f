package io.travobooks.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * How work is run again when the database reports a lost race (a deadlock, a lock wait timeout, a unique key a
 * concurrent writer took): up to {@code attempts} tries in all, after a random pause that doubles with each try up to
 * {@code maxPause}, so that racing writers do not meet again at once. Only for work that reads what it decides on
 * inside its transaction, so that a retry decides on fresh state. One policy serves the ledger, the booking service,
 * messaging and the stores; each takes it from its options.
 */
public record RetryPolicy(int attempts, Duration maxPause) {
    /** Ten tries, pauses of at most 50 ms: enough for the races a busy tenant meets, short enough for a caller. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(10, Duration.ofMillis(50));

    public RetryPolicy {
        Objects.requireNonNull(maxPause, "maxPause");
        if (attempts < 1 || maxPause.isNegative()) {
            throw new IllegalArgumentException("a retry policy has at least one attempt and no negative pause");
        }
    }

    public RetryPolicy withAttempts(int value) {
        return new RetryPolicy(value, maxPause);
    }

    /** Runs {@code work} in a transaction of {@code transactions}, again after each lost race, up to the attempts. */
    public <T> T inTransaction(TransactionRunner transactions, Function<UnitOfWork, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.inTransaction(work);
            } catch (TransactionRunner.RetryableConflictException conflict) {
                if (attempt >= attempts) {
                    throw conflict;
                }
                pause(attempt, conflict);
            }
        }
    }

    private void pause(int attempt, RuntimeException conflict) {
        long ceiling = Math.min(maxPause.toMillis(), 1L << Math.min(attempt, 20));
        if (ceiling <= 0) {
            return;
        }
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceiling + 1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw conflict;
        }
    }
}
