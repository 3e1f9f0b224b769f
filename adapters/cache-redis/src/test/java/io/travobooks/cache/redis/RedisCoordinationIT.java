package io.travobooks.cache.redis;

import io.travobooks.spi.Coordination;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.idempotency.Claim;
import io.travobooks.spi.ratelimit.RateLimit;
import io.travobooks.testkit.TestServices;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.travobooks.testkit.coordination.ContractSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Every part that {@link RedisCoordination} hands out talks to the configured Redis, under its namespace. */
class RedisCoordinationIT {

    @Test
    void everyPartWorksThroughOneConnection() {
        String namespace = "test-" + UUID.randomUUID();
        try (Coordination redis = RedisCoordination.connect(RedisConfig.parse(TestServices.requireRedis(), namespace))) {
            assertThat(redis.locks().tryAcquire("booking-1", Duration.ofSeconds(10))).isPresent();
            assertThat(redis.idempotency().claim(TenantId.of("acme"), "key-1", "fp")).isInstanceOf(Claim.Acquired.class);
            assertThat(redis.rateLimiter().tryAcquire("partner-1", RateLimit.perSecond(1, 1)).allowed()).isTrue();
            String session = redis.sessions().create(TenantId.of("acme"), "agent-7", Map.of(), Duration.ofMinutes(1)).id();
            assertThat(redis.sessions().touch(session)).isPresent();
            assertThat(redis.hotCache().getOrLoad("airport:DAC", Duration.ofMinutes(1), () -> "Dhaka")).isEqualTo("Dhaka");
            assertThat(redis.deduplicator().firstSeen("pnr:ABC123", Duration.ofMinutes(1))).isTrue();
            List<String> heard = new CopyOnWriteArrayList<>();
            try (var subscription = redis.pubSub().subscribe("alerts", heard::add)) {
                redis.pubSub().publish("alerts", "fare drop");
                await("the alert", Duration.ofSeconds(5), () -> heard.contains("fare drop"));
            }
            redis.jobQueue().publish("tickets", "issue BK-1");
            assertThat(redis.jobQueue().receive("tickets", "g", "c", 1, Duration.ofSeconds(1)))
                    .extracting(delivery -> delivery.payload()).containsExactly("issue BK-1");

            assertThat(RedisContracts.deleteNamespace(((RedisCoordination) redis).redis(), namespace))
                    .as("the parts wrote under the namespace").isGreaterThanOrEqualTo(6);
        }
    }
}
