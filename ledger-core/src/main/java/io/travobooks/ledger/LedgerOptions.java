package io.travobooks.ledger;

import io.travobooks.spi.RetryPolicy;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * How a {@link Ledger} runs.
 *
 * @param writers         group-commit writer threads; tenants are spread over them
 * @param maxBatch        most commands one writer commits in one transaction
 * @param queueCapacity   commands waiting per writer before {@code post} waits (back-pressure)
 * @param backgroundEvery how often the background job chains new entries into the audit trail and voids expired
 *                        pending entries; {@link Duration#ZERO} turns it off (call the jobs yourself)
 * @param retryPolicy     how a transaction that lost a race is run again
 * @param batches         told how many entries each group-commit transaction wrote, once it committed (metrics)
 */
public record LedgerOptions(Clock clock, int writers, int maxBatch, int queueCapacity, Duration backgroundEvery,
                            RetryPolicy retryPolicy, IntConsumer batches) {
    /** Hears of no batch. */
    public static final IntConsumer UNOBSERVED = entries -> { };

    public LedgerOptions {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(batches, "batches");
        Objects.requireNonNull(backgroundEvery, "backgroundEvery");
        if (writers < 1 || maxBatch < 1 || queueCapacity < maxBatch || backgroundEvery.isNegative()) {
            throw new IllegalArgumentException("invalid ledger options");
        }
    }

    /** The options without a batch observer, as callers made them before there was one. */
    public LedgerOptions(Clock clock, int writers, int maxBatch, int queueCapacity, Duration backgroundEvery,
                         RetryPolicy retryPolicy) {
        this(clock, writers, maxBatch, queueCapacity, backgroundEvery, retryPolicy, UNOBSERVED);
    }

    public static LedgerOptions defaults() {
        return new LedgerOptions(Clock.systemUTC(), 2, 1000, 10_000, Duration.ofSeconds(1), RetryPolicy.DEFAULT,
                UNOBSERVED);
    }

    public LedgerOptions withClock(Clock value) {
        return new LedgerOptions(value, writers, maxBatch, queueCapacity, backgroundEvery, retryPolicy, batches);
    }

    public LedgerOptions withWriters(int value) {
        return new LedgerOptions(clock, value, maxBatch, queueCapacity, backgroundEvery, retryPolicy, batches);
    }

    public LedgerOptions withMaxBatch(int value) {
        return new LedgerOptions(clock, writers, value, Math.max(queueCapacity, value), backgroundEvery, retryPolicy,
                batches);
    }

    public LedgerOptions withQueueCapacity(int value) {
        return new LedgerOptions(clock, writers, maxBatch, value, backgroundEvery, retryPolicy, batches);
    }

    public LedgerOptions withBackgroundEvery(Duration value) {
        return new LedgerOptions(clock, writers, maxBatch, queueCapacity, value, retryPolicy, batches);
    }

    /** The same options, telling {@code observer} how many entries each group-commit transaction wrote. */
    public LedgerOptions withBatchObserver(IntConsumer observer) {
        return new LedgerOptions(clock, writers, maxBatch, queueCapacity, backgroundEvery, retryPolicy, observer);
    }

    public LedgerOptions withRetryPolicy(RetryPolicy value) {
        return new LedgerOptions(clock, writers, maxBatch, queueCapacity, backgroundEvery, value, batches);
    }
}
