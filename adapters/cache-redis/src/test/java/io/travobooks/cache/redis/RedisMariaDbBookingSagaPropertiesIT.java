package io.travobooks.cache.redis;

import io.travobooks.spi.booking.BookingStore;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.spi.lock.LockManager;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.testkit.booking.BookingSagaProperties;

/** The saga's model-based property as production runs it: MariaDB and Redis locks (a namespace of its own). */
class RedisMariaDbBookingSagaPropertiesIT extends BookingSagaProperties {
    private static ProductionBookingParts parts;

    /** Opened on first use and closed when the JVM exits: jqwik properties have no JUnit class lifecycle. */
    private static synchronized ProductionBookingParts parts() {
        if (parts == null) {
            parts = ProductionBookingParts.open("travo_saga");
            Runtime.getRuntime().addShutdownHook(new Thread(parts::close));
        }
        return parts;
    }

    @Override
    protected LedgerStore ledgerStore() {
        return parts().storage().ledgerStore();
    }

    @Override
    protected BookingStore bookingStore() {
        return parts().storage().bookingStore();
    }

    @Override
    protected OutboxStore outboxStore() {
        return parts().storage().outboxStore();
    }

    @Override
    protected LockManager locks() {
        return parts().locks();
    }
}
