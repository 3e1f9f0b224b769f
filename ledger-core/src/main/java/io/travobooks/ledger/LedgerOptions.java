package io.travobooks.ledger;

import io.travobooks.spi.RetryPolicy;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Ledger} runs.
 *
 * @param writers         group-commit writer threads; tenants are spread over them
 * @param maxBatch        most commands one writer commits in one transaction
 * @param queueCapacity   commands waiting per writer before {@code post} blocks (back-pressure)
 * @param backgroundEvery how often the background job chains new entries into the audit trail and voids expired
 *                        pending entries; {@link Duration#ZERO} turns it off (call the jobs yourself)
 * @param retryPolicy     how a transaction that lost a race is run again
 */
public record LedgerOptions(Clock clock, int writers, int maxBatch, int queueCapacity, Duration backgroundEvery,
                            RetryPolicy retryPolicy) {
    public LedgerOptions {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(backgroundEvery, "backgroundEvery");
        if (writers < 1 || maxBatch < 1 || queueCapacity < maxBatch || backgroundEvery.isNegative()) {
            throw new IllegalArgumentException("invalid ledger options");
        }
    }

    public static LedgerOptions defaults() {
        return new LedgerOptions(Clock.systemUTC(), 2, 1000, 10_000, Duration.ofSeconds(1), RetryPolicy.DEFAULT);
    }

    public LedgerOptions withClock(Clock value) {
        return new LedgerOptions(value, writers, maxBatch, queueCapacity, backgroundEvery, retryPolicy);
    }

    public LedgerOptions withWriters(int value) {
        return new LedgerOptions(clock, value, maxBatch, queueCapacity, backgroundEvery, retryPolicy);
    }

    public LedgerOptions withMaxBatch(int value) {
        return new LedgerOptions(clock, writers, value, Math.max(queueCapacity, value), backgroundEvery, retryPolicy);
    }

    public LedgerOptions withBackgroundEvery(Duration value) {
        return new LedgerOptions(clock, writers, maxBatch, queueCapacity, value, retryPolicy);
    }

    public LedgerOptions withRetryPolicy(RetryPolicy value) {
        return new LedgerOptions(clock, writers, maxBatch, queueCapacity, backgroundEvery, value);
    }
}
