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

    /** The outcome of asking for several permits at once, and the new theoretical arrival time to store. */
    public record Batch(RateGrant grant, long newTat) {
    }

    /**
     * Up to {@code wanted} permits in one step: as many as {@code wanted} single steps in a row would allow. Each
     * permit moves the arrival time on by one interval, and one is allowed while the arrival time stays within the
     * burst of now.
     */
    public static Batch stepUpTo(long storedTat, long nowMicros, RateLimit limit, long wanted) {
        long interval = limit.emissionIntervalMicros();
        long tat = Math.max(storedTat, nowMicros);
        long ceiling = nowMicros + limit.burst() * interval;
        long fits = ceiling < tat ? 0 : (ceiling - tat) / interval;
        long granted = Math.min(wanted, fits);
        long newTat = tat + granted * interval;
        long remaining = (ceiling - newTat) / interval;
        Duration retryAfter = granted == wanted ? Duration.ZERO
                : Duration.ofNanos((newTat + interval - ceiling) * 1000);
        return new Batch(new RateGrant(granted, granted == wanted ? remaining : 0, retryAfter),
                granted == 0 ? storedTat : newTat);
    }
}
