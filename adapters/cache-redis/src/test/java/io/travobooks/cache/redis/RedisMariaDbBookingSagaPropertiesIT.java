package io.travobooks.cache.redis;

import io.travobooks.spi.booking.BookingStore;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.spi.lock.LockManager;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;
import io.travobooks.testkit.TestServices;
import io.travobooks.testkit.booking.BookingSagaProperties;

import java.util.UUID;

/** The saga's model-based property as production runs it: MariaDB and Redis locks (a namespace of its own). */
class RedisMariaDbBookingSagaPropertiesIT extends BookingSagaProperties {
    private static JdbcStorage storage;
    private static LockManager locks;

    private static synchronized JdbcStorage storage() {
        if (storage == null) {
            TestServices.MysqlServer server = TestServices.requireMysql();
            String url = server.createDatabase("travo_saga");
            storage = JdbcStorage.open(StorageConfig.mysql(url, server.user(), server.password()));
            LettuceRedis redis = LettuceRedis.connect(RedisConfig.parse(TestServices.requireRedis()));
            String namespace = "test-saga-" + UUID.randomUUID();
            locks = new LettuceLockManager(redis.inNamespace(namespace));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                RedisContracts.deleteNamespace(redis, namespace);
                redis.close();
                storage.close();
                server.dropDatabase(url);
            }));
        }
        return storage;
    }

    @Override
    protected LedgerStore ledgerStore() {
        return storage().ledgerStore();
    }

    @Override
    protected BookingStore bookingStore() {
        return storage().bookingStore();
    }

    @Override
    protected OutboxStore outboxStore() {
        return storage().outboxStore();
    }

    @Override
    protected LockManager locks() {
        storage();
        return locks;
    }
}
