package io.travobooks.cache.redis;

import io.lettuce.core.ScriptOutputType;
import io.travobooks.spi.ratelimit.RateDecision;
import io.travobooks.spi.ratelimit.RateGrant;
import io.travobooks.spi.ratelimit.RateLimit;
import io.travobooks.spi.ratelimit.RateLimiter;

import java.time.Duration;
import java.util.List;

/** GCRA in one Lua call per check (or per batch of permits), on the Redis server's clock. */
public final class LettuceRateLimiter implements RateLimiter {
    private static final LuaScript RATE_LIMIT = LuaScript.load("rate_limit");
    private static final LuaScript RATE_LIMIT_BATCH = LuaScript.load("rate_limit_batch");
    private final LettuceRedis redis;

    public LettuceRateLimiter(LettuceRedis redis) {
        this.redis = redis;
    }

    @Override
    public RateDecision tryAcquire(String key, RateLimit limit) {
        List<Long> answer = RATE_LIMIT.run(redis.sync(), ScriptOutputType.MULTI,
                new String[]{redis.keys().rateLimit(key)}, Long.toString(limit.burst()),
                Long.toString(limit.emissionIntervalMicros()));
        return new RateDecision(answer.get(0) == 1, answer.get(1), Duration.ofNanos(answer.get(2) * 1000));
    }

    /** Up to {@code wanted} permits in one Lua call. */
    @Override
    public RateGrant tryAcquireUpTo(String key, RateLimit limit, int wanted) {
        if (wanted < 1) {
            throw new IllegalArgumentException("ask for at least one permit, not " + wanted);
        }
        List<Long> answer = RATE_LIMIT_BATCH.run(redis.sync(), ScriptOutputType.MULTI,
                new String[]{redis.keys().rateLimit(key)}, Long.toString(limit.burst()),
                Long.toString(limit.emissionIntervalMicros()), Integer.toString(wanted));
        return new RateGrant(answer.get(0), answer.get(1), Duration.ofNanos(answer.get(2) * 1000));
    }
}
