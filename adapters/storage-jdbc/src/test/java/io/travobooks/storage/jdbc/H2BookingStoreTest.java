package io.travobooks.storage.jdbc;

import io.travobooks.spi.booking.BookingStore;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.testkit.storage.BookingStoreContractTest;

class H2BookingStoreTest extends BookingStoreContractTest {
    @Override
    protected BookingStore bookings() {
        return Databases.h2().bookingStore();
    }

    @Override
    protected OutboxStore outbox() {
        return Databases.h2().outboxStore();
    }
}
