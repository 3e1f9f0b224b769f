package io.travobooks.cache.redis;

import io.travobooks.spi.TenantId;
import io.travobooks.spi.idempotency.Claim;
import io.travobooks.spi.idempotency.IdempotencyOptions;
import io.travobooks.spi.idempotency.StoredResponse;
import io.travobooks.spi.lock.Lease;
import io.travobooks.testkit.RedisServers;
import io.travobooks.testkit.coordination.FencedResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a Redis that lost its data or its scripts (a restart without persistence) must not break, on a server of the
 * test's own.
 */
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

    @Test
    void anAnswerStoredWithoutWaitingIsFoundByTheNextClaimWhenRedisForgotItsScripts() {
        try (RedisServers.Server server = RedisServers.startServer();
             LettuceRedis redis = LettuceRedis.connect(RedisConfig.parse(server.uri()))) {
            LettuceIdempotencyStore store = new LettuceIdempotencyStore(redis, IdempotencyOptions.DEFAULTS);
            TenantId tenant = TenantId.of("acme");
            StoredResponse created = new StoredResponse(201, "{}");
            store.complete((Claim.Acquired) store.claim(tenant, "warm", "fp"), created); // every script known

            redis.sync().scriptFlush();
            Claim.Acquired claim = (Claim.Acquired) store.claim(tenant, "key-1", "fp");
            store.completeUnawaited(claim, created, why -> {
            });

            assertThat(store.claim(tenant, "key-1", "fp")).isEqualTo(new Claim.Replay(created));
        }
    }
}
