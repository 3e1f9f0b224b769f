package io.travobooks.embedded;

import io.travobooks.spi.ratelimit.RateLimiter;
import io.travobooks.testkit.coordination.RateLimiterContractTest;

class EmbeddedRateLimiterContractTest extends RateLimiterContractTest {
    @Override
    protected RateLimiter rateLimiter() {
        return new EmbeddedRateLimiter();
    }
}
