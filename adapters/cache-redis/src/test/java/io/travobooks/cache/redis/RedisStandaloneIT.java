package io.travobooks.cache.redis;

import io.travobooks.testkit.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract suites on the shared Redis server ({@code TRAVO_TEST_REDIS_URL}), in namespaces of their own. */
class RedisStandaloneIT extends RedisContracts {
    private static LettuceRedis redis;

    @BeforeAll
    static void connect() {
        redis = LettuceRedis.connect(RedisConfig.parse(TestServices.requireRedis()));
    }

    @AfterAll
    static void disconnect() {
        if (redis != null) {
            deleteTestKeys(redis);
            redis.close();
        }
    }

    @Override
    protected LettuceRedis redis() {
        return redis;
    }
}
