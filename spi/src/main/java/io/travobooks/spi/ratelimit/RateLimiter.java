package io.travobooks.spi.ratelimit;

/**
 * Rate limiting per key (partner, API token, IP address), as GCRA, the token bucket written as one timestamp per
 * key. The check and the update are one atomic step, so concurrent callers never overspend a bucket.
 */
public interface RateLimiter {

    RateDecision tryAcquire(String key, RateLimit limit);
}
