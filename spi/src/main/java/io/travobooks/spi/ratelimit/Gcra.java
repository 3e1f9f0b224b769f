package io.travobooks.spi.ratelimit;

import java.time.Duration;

/**
 * The generic cell rate algorithm on microsecond timestamps: the in-JVM limiter runs it directly and the Redis
 * script mirrors it line by line. {@code tat} is the theoretical arrival time of the next request.
 */
public final class Gcra {
    private Gcra() {
    }

    /** The outcome, and the new theoretical arrival time to store when allowed. */
    public record Step(RateDecision decision, long newTat) {
    }

    public static Step step(long storedTat, long nowMicros, RateLimit limit) {
        long interval = limit.emissionIntervalMicros();
        long tat = Math.max(storedTat, nowMicros);
        long newTat = tat + interval;
        long allowAt = newTat - limit.burst() * interval;
        if (nowMicros < allowAt) {
            return new Step(new RateDecision(false, 0, Duration.ofNanos((allowAt - nowMicros) * 1000)), storedTat);
        }
        long remaining = (nowMicros - allowAt) / interval;
        return new Step(new RateDecision(true, remaining, Duration.ZERO), newTat);
    }
}
