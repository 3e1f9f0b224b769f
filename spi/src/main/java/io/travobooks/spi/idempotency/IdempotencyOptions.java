package io.travobooks.spi.idempotency;

import java.time.Duration;

/**
 * How long a completed record is replayed ({@code recordTtl}, 24 hours by default) and how long a claim may run
 * before it lapses ({@code claimTimeout}, one minute by default: longer than the slowest request).
 */
public record IdempotencyOptions(Duration recordTtl, Duration claimTimeout) {
    public static final IdempotencyOptions DEFAULTS = new IdempotencyOptions(Duration.ofHours(24), Duration.ofMinutes(1));

    public IdempotencyOptions {
        if (recordTtl.toMillis() <= 0 || claimTimeout.toMillis() <= 0) {
            throw new IllegalArgumentException("idempotency durations must be at least a millisecond");
        }
    }
}
