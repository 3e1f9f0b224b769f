package io.travobooks.cache.redis;

import io.travobooks.testkit.RedisServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract suites through a Sentinel that names the master, as a Sentinel-managed deployment connects. */
class RedisSentinelIT extends RedisContracts {
    private static RedisServers.Sentinel servers;
    private static LettuceRedis redis;

    @BeforeAll
    static void connect() {
        servers = RedisServers.startSentinel();
        RedisConfig config = RedisConfig.parse(servers.uri());
        assertThat(config.mode()).isEqualTo(RedisConfig.Mode.SENTINEL);
        redis = LettuceRedis.connect(config);
    }

    @AfterAll
    static void disconnect() {
        if (redis != null) {
            redis.close();
        }
        if (servers != null) {
            servers.close();
        }
    }

    @Override
    protected LettuceRedis redis() {
        return redis;
    }
}
