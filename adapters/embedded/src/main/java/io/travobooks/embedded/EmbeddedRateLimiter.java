package io.travobooks.embedded;

import io.travobooks.spi.ratelimit.Gcra;
import io.travobooks.spi.ratelimit.RateDecision;
import io.travobooks.spi.ratelimit.RateGrant;
import io.travobooks.spi.ratelimit.RateLimit;
import io.travobooks.spi.ratelimit.RateLimiter;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GCRA rate limits inside one JVM: one theoretical arrival time (microseconds) per key, checked and updated in one
 * {@link ConcurrentHashMap#compute} step, so concurrent callers never overspend a bucket. A key whose arrival time
 * has passed holds a full bucket, the same as no entry at all, so such entries are dropped or swept away.
 */
public final class EmbeddedRateLimiter implements RateLimiter {
    private final Clock clock;
    private final ConcurrentHashMap<String, Long> arrivals = new ConcurrentHashMap<>();
    private final Sweeper<String, Long> sweeper = new Sweeper<>(arrivals);

    public EmbeddedRateLimiter() {
        this(Clock.systemUTC());
    }

    public EmbeddedRateLimiter(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public RateDecision tryAcquire(String key, RateLimit limit) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(limit, "limit");
        long now = micros(clock.instant());
        RateDecision[] decision = new RateDecision[1];
        arrivals.compute(key, (k, stored) -> {
            Gcra.Step step = Gcra.step(stored == null ? 0 : stored, now, limit);
            decision[0] = step.decision();
            return step.newTat() > now ? step.newTat() : null;
        });
        sweeper.tick((k, tat) -> tat <= now);
        return decision[0];
    }

    /** Up to {@code wanted} permits in the same one atomic step. */
    @Override
    public RateGrant tryAcquireUpTo(String key, RateLimit limit, int wanted) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(limit, "limit");
        if (wanted < 1) {
            throw new IllegalArgumentException("ask for at least one permit, not " + wanted);
        }
        long now = micros(clock.instant());
        RateGrant[] grant = new RateGrant[1];
        arrivals.compute(key, (k, stored) -> {
            Gcra.Batch batch = Gcra.stepUpTo(stored == null ? 0 : stored, now, limit, wanted);
            grant[0] = batch.grant();
            return batch.newTat() > now ? batch.newTat() : null;
        });
        sweeper.tick((k, tat) -> tat <= now);
        return grant[0];
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }
}
