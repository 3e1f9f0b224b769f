package io.travobooks.embedded;

import io.travobooks.spi.cache.Deduplicator;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers request keys inside one JVM for their window, so that a repeated supplier request is recognised
 * without Redis. First-seen and remember are one atomic step per key; expired keys count as unseen and are swept
 * away later.
 */
public final class EmbeddedDeduplicator implements Deduplicator {
    private final Clock clock;
    private final ConcurrentHashMap<String, Long> seen = new ConcurrentHashMap<>();
    private final Sweeper<String, Long> sweeper = new Sweeper<>(seen);

    public EmbeddedDeduplicator() {
        this(Clock.systemUTC());
    }

    public EmbeddedDeduplicator(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean firstSeen(String key, Duration ttl) {
        Objects.requireNonNull(key, "key");
        long ttlMillis = ttl.toMillis();
        if (ttlMillis < 1) {
            throw new IllegalArgumentException("a deduplication window lasts at least a millisecond, got " + ttl);
        }
        long now = clock.millis();
        boolean[] first = new boolean[1];
        seen.compute(key, (k, expiresAt) -> {
            if (expiresAt != null && expiresAt > now) {
                return expiresAt;
            }
            first[0] = true;
            return now + ttlMillis;
        });
        sweeper.tick((k, expiresAt) -> expiresAt <= now);
        return first[0];
    }
}
