package io.travobooks.cache.redis;

import io.travobooks.spi.booking.BookingStore;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.spi.lock.LockManager;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.testkit.booking.BookingIntegrityContractTest;
import io.travobooks.testkit.booking.BookingMoneyRulesContractTest;
import io.travobooks.testkit.booking.BookingServiceContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The booking service as production runs it: MariaDB and Redis locks (a namespace of its own). */
class RedisMariaDbBookingServiceIT extends BookingServiceContractTest {
    private static ProductionBookingParts parts;

    @BeforeAll
    static void open() {
        parts = ProductionBookingParts.open("travo_booking");
    }

    @AfterAll
    static void close() {
        if (parts != null) {
            parts.close();
        }
    }

    @Override
    protected LedgerStore ledgerStore() {
        return parts.storage().ledgerStore();
    }

    @Override
    protected BookingStore bookingStore() {
        return parts.storage().bookingStore();
    }

    @Override
    protected OutboxStore outboxStore() {
        return parts.storage().outboxStore();
    }

    @Override
    protected LockManager locks() {
        return parts.locks();
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
