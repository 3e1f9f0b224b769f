package io.travobooks.spi.ratelimit;

import java.time.Duration;

/**
 * A token bucket: up to {@code burst} requests at once, refilled at {@code permits} per {@code period}. Over any
 * window of length W starting from a full bucket, at most {@code burst + floor(W * permits / period)} requests
 * are allowed.
 */
public record RateLimit(long burst, long permits, Duration period) {
    public RateLimit {
        if (burst < 1 || permits < 1 || period.toNanos() < 1000L * permits) {
            throw new IllegalArgumentException(
                    "a rate limit needs burst >= 1, permits >= 1 and at least a microsecond per permit");
        }
    }

    public static RateLimit perSecond(long permits, long burst) {
        return new RateLimit(burst, permits, Duration.ofSeconds(1));
    }

    /** Time between two permits, in microseconds (the unit both implementations compute in). */
    public long emissionIntervalMicros() {
        return period.toNanos() / 1000 / permits;
    }
}
