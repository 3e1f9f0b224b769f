package io.travobooks.embedded;

import io.travobooks.spi.booking.BookingStore;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.spi.lock.LockManager;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;
import io.travobooks.testkit.booking.BookingIntegrityContractTest;
import io.travobooks.testkit.booking.BookingMoneyRulesContractTest;
import io.travobooks.testkit.booking.BookingServiceContractTest;
import org.junit.jupiter.api.Nested;

/** The booking service as the embedded default runs it: H2 and the in-JVM lock manager. */
class EmbeddedBookingServiceTest extends BookingServiceContractTest {
    private static JdbcStorage storage;

    private static synchronized JdbcStorage storage() {
        if (storage == null) {
            storage = JdbcStorage.open(StorageConfig.h2Memory("travo_booking"));
        }
        return storage;
    }

    private final LockManager locks = new EmbeddedLockManager();

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
        return locks;
    }

    /** The integrity suite on the same stores and locks. */
    @Nested
    class Integrity extends BookingIntegrityContractTest {
        @Override
        protected LedgerStore ledgerStore() {
            return EmbeddedBookingServiceTest.this.ledgerStore();
        }

        @Override
        protected BookingStore bookingStore() {
            return EmbeddedBookingServiceTest.this.bookingStore();
        }

        @Override
        protected OutboxStore outboxStore() {
            return EmbeddedBookingServiceTest.this.outboxStore();
        }

        @Override
        protected LockManager locks() {
            return EmbeddedBookingServiceTest.this.locks();
        }
    }

    /** The money rules suite on the same stores and locks. */
    @Nested
    class MoneyRules extends BookingMoneyRulesContractTest {
        @Override
        protected LedgerStore ledgerStore() {
            return EmbeddedBookingServiceTest.this.ledgerStore();
        }

        @Override
        protected BookingStore bookingStore() {
            return EmbeddedBookingServiceTest.this.bookingStore();
        }

        @Override
        protected OutboxStore outboxStore() {
            return EmbeddedBookingServiceTest.this.outboxStore();
        }

        @Override
        protected LockManager locks() {
            return EmbeddedBookingServiceTest.this.locks();
        }
    }
}
