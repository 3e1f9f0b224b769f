package io.travobooks.cache.redis;

import io.travobooks.testkit.RedisServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract suites on a 3-master Redis Cluster that the test run starts on free ports. */
class RedisClusterIT extends RedisContracts {
    private static LettuceRedis redis;

    @BeforeAll
    static void connect() {
        redis = LettuceRedis.connect(RedisConfig.parse(RedisServers.cluster().uri()));
    }

    @AfterAll
    static void disconnect() {
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected LettuceRedis redis() {
        return redis;
    }
}
