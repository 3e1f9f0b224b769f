package io.travobooks.cache.redis;

import io.travobooks.spi.lock.LockManager;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;
import io.travobooks.testkit.TestServices;

import java.util.UUID;

/**
 * What the booking service runs on in production, for a test: a fresh MariaDB database and Redis locks in a
 * namespace of their own; {@link #close} drops both.
 */
final class ProductionBookingParts implements AutoCloseable {
    private final TestServices.MysqlServer server;
    private final String url;
    private final JdbcStorage storage;
    private final LettuceRedis redis;
    private final String namespace;

    private ProductionBookingParts(String database) {
        server = TestServices.requireMysql();
        url = server.createDatabase(database);
        storage = JdbcStorage.open(StorageConfig.mysql(url, server.user(), server.password()));
        redis = LettuceRedis.connect(RedisConfig.parse(TestServices.requireRedis()));
        namespace = "test-" + database + "-" + UUID.randomUUID();
    }

    static ProductionBookingParts open(String database) {
        return new ProductionBookingParts(database);
    }

    JdbcStorage storage() {
        return storage;
    }

    LockManager locks() {
        return new LettuceLockManager(redis.inNamespace(namespace));
    }

    @Override
    public void close() {
        RedisContracts.deleteNamespace(redis, namespace);
        redis.close();
        storage.close();
        server.dropDatabase(url);
    }
}
