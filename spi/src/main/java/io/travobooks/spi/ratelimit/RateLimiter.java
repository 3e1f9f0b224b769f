package io.travobooks.spi.ratelimit;

import java.time.Duration;

/**
 * Rate limiting per key (partner, API token, IP address), as GCRA, the token bucket written as one timestamp per
 * key. The check and the update are one atomic step, so concurrent callers never overspend a bucket.
 */
public interface RateLimiter {

    RateDecision tryAcquire(String key, RateLimit limit);

    /**
     * Takes up to {@code wanted} permits at once, as many as the bucket holds (a batch of deliveries to one
     * endpoint). The default asks one at a time; implementations do it in one atomic step.
     */
    default RateGrant tryAcquireUpTo(String key, RateLimit limit, int wanted) {
        if (wanted < 1) {
            throw new IllegalArgumentException("ask for at least one permit, not " + wanted);
        }
        long granted = 0;
        RateDecision last = null;
        while (granted < wanted) {
            last = tryAcquire(key, limit);
            if (!last.allowed()) {
                return new RateGrant(granted, 0, last.retryAfter());
            }
            granted++;
        }
        return new RateGrant(granted, last.remaining(), Duration.ZERO);
    }
}
