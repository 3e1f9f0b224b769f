package io.travobooks.embedded;

import io.travobooks.spi.booking.BookingStore;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.spi.lock.LockManager;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;
import io.travobooks.testkit.booking.BookingSagaProperties;

/** The saga's model-based property on the embedded default: H2 and the in-JVM lock manager. */
class EmbeddedBookingSagaProperties extends BookingSagaProperties {
    private static JdbcStorage storage;
    private static final LockManager LOCKS = new EmbeddedLockManager();

    private static synchronized JdbcStorage storage() {
        if (storage == null) {
            storage = JdbcStorage.open(StorageConfig.h2Memory("travo_saga"));
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
        return LOCKS;
    }
}
