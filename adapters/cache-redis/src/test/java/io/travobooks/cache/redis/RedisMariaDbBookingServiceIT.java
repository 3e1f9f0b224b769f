package io.travobooks.cache.redis;

import io.travobooks.spi.booking.BookingStore;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.spi.lock.LockManager;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;
import io.travobooks.testkit.TestServices;
import io.travobooks.testkit.booking.BookingIntegrityContractTest;
import io.travobooks.testkit.booking.BookingMoneyRulesContractTest;
import io.travobooks.testkit.booking.BookingServiceContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

import java.util.UUID;

/** The booking service as production runs it: MariaDB and Redis locks (a namespace of its own). */
class RedisMariaDbBookingServiceIT extends BookingServiceContractTest {
    private static TestServices.MysqlServer server;
    private static String url;
    private static JdbcStorage storage;
    private static LettuceRedis redis;
    private static String namespace;

    @BeforeAll
    static void open() {
        server = TestServices.requireMysql();
        url = server.createDatabase("travo_booking");
        storage = JdbcStorage.open(StorageConfig.mysql(url, server.user(), server.password()));
        redis = LettuceRedis.connect(RedisConfig.parse(TestServices.requireRedis()));
        namespace = "test-booking-" + UUID.randomUUID();
    }

    @AfterAll
    static void close() {
        if (redis != null) {
            RedisContracts.deleteNamespace(redis, namespace);
            redis.close();
        }
        if (storage != null) {
            storage.close();
            server.dropDatabase(url);
        }
    }

    @Override
    protected LedgerStore ledgerStore() {
        return storage.ledgerStore();
    }

    @Override
    protected BookingStore bookingStore() {
        return storage.bookingStore();
    }

    @Override
    protected OutboxStore outboxStore() {
        return storage.outboxStore();
    }

    @Override
    protected LockManager locks() {
        return new LettuceLockManager(redis.inNamespace(namespace));
    }

    /** The integrity suite on the same stores and locks. */
    @Nested
    class Integrity extends BookingIntegrityContractTest {
        @Override
        protected LedgerStore ledgerStore() {
            return RedisMariaDbBookingServiceIT.this.ledgerStore();
        }

        @Override
        protected BookingStore bookingStore() {
            return RedisMariaDbBookingServiceIT.this.bookingStore();
        }

        @Override
        protected OutboxStore outboxStore() {
            return RedisMariaDbBookingServiceIT.this.outboxStore();
        }

        @Override
        protected LockManager locks() {
            return RedisMariaDbBookingServiceIT.this.locks();
        }
    }

    /** The money rules suite on the same stores and locks. */
    @Nested
    class MoneyRules extends BookingMoneyRulesContractTest {
        @Override
        protected LedgerStore ledgerStore() {
            return RedisMariaDbBookingServiceIT.this.ledgerStore();
        }

        @Override
        protected BookingStore bookingStore() {
            return RedisMariaDbBookingServiceIT.this.bookingStore();
        }

        @Override
        protected OutboxStore outboxStore() {
            return RedisMariaDbBookingServiceIT.this.outboxStore();
        }

        @Override
        protected LockManager locks() {
            return RedisMariaDbBookingServiceIT.this.locks();
        }
    }
}
