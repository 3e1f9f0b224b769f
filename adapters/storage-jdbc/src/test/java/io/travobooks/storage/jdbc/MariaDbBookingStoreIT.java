package io.travobooks.storage.jdbc;

import io.travobooks.spi.booking.BookingStore;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.testkit.storage.BookingStoreContractTest;

class MariaDbBookingStoreIT extends BookingStoreContractTest {
    @Override
    protected BookingStore bookings() {
        return Databases.mysql().bookingStore();
    }

    @Override
    protected OutboxStore outbox() {
        return Databases.mysql().outboxStore();
    }
}
