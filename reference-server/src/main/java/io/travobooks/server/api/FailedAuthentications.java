package io.travobooks.server.api;

import io.travobooks.server.http.ApiProblem;
import io.travobooks.spi.ratelimit.RateDecision;
import io.travobooks.spi.ratelimit.RateLimit;
import io.travobooks.spi.ratelimit.RateLimiter;

import java.time.Duration;
import java.util.Map;

/**
 * Counts the keys an address sends that are not keys of this server, with the coordination's rate limiter (shared
 * by every node on Redis): past {@code perMinute}, the address is answered 429 until its budget refills. Guessing
 * keys is hopeless (178 random bits), but each guess costs a database lookup; a valid key is never counted. Behind
 * a proxy every client has the proxy's address, which then shares one budget of failures.
 */
public final class FailedAuthentications {
    private final RateLimiter limiter;
    private final RateLimit limit;

    public FailedAuthentications(RateLimiter limiter, int perMinute) {
        this.limiter = limiter;
        this.limit = new RateLimit(perMinute, perMinute, Duration.ofMinutes(1));
    }

    /** Counts one failure of {@code address}; throws the 429 when it had none left. */
    void failed(String address) {
        RateDecision decision = limiter.tryAcquire("auth-failures:" + address, limit);
        if (!decision.allowed()) {
            throw ApiProblem.throttled("TOO_MANY_FAILED_AUTHENTICATIONS", "Too many failed authentications",
                    "this address sent too many keys that are not keys of this server", decision.retryAfter(),
                    Map.of());
        }
    }
}
