package io.travobooks.cache.redis;

import io.travobooks.spi.lock.Lease;
import io.travobooks.testkit.RedisServers;
import io.travobooks.testkit.coordination.FencedResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What a Redis that lost its data (restart without persistence) must not break, on a server of the test's own. */
class RedisDataLossIT {

    @Test
    void fencingTokensKeepGrowingWhenRedisLostTheCounter() {
        try (RedisServers.Server server = RedisServers.startServer();
             LettuceRedis redis = LettuceRedis.connect(RedisConfig.parse(server.uri()))) {
            LettuceLockManager locks = new LettuceLockManager(redis);
            FencedResource booking = new FencedResource();
            Lease before = locks.tryAcquire("booking-1", Duration.ofSeconds(30)).orElseThrow();
            assertThat(booking.write(before.fencingToken(), "before")).isTrue();

            redis.sync().flushall();
            Lease after = locks.tryAcquire("booking-1", Duration.ofSeconds(30)).orElseThrow();

            assertThat(after.fencingToken()).isGreaterThan(before.fencingToken());
            assertThat(booking.write(after.fencingToken(), "after")).as("the row accepts the new holder").isTrue();
            assertThat(booking.write(before.fencingToken(), "stale")).isFalse();
        }
    }
}
