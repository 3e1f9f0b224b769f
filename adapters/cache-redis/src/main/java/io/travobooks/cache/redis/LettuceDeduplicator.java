package io.travobooks.cache.redis;

import io.lettuce.core.SetArgs;
import io.travobooks.spi.cache.Deduplicator;

import java.time.Duration;

/** {@code SET NX PX}: the one caller whose SET succeeds saw the key first. */
public final class LettuceDeduplicator implements Deduplicator {
    private final LettuceRedis redis;

    public LettuceDeduplicator(LettuceRedis redis) {
        this.redis = redis;
    }

    @Override
    public boolean firstSeen(String key, Duration ttl) {
        return "OK".equals(redis.sync().set(redis.keys().dedup(key), "1",
                SetArgs.Builder.nx().px(Math.max(1, ttl.toMillis()))));
    }
}
