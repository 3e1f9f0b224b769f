package io.travobooks.messaging.inbox;

import io.travobooks.spi.TenantId;

import java.util.Optional;

/** Which of the tenant's bookings a reference names, if any: the application answers from its bookings. */
@FunctionalInterface
public interface BookingLookup {
    Optional<String> bookingFor(TenantId tenant, BookingReference reference);
}
