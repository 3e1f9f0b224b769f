package io.travobooks.booking.service;

import io.travobooks.booking.internal.BookingEffect;

import java.util.List;
import java.util.Optional;

/**
 * A committed transition: the booking after it, the supplier calls it asked for, and the follow-on booking it
 * opened, if it recorded an exchange.
 */
record Step(Booking booking, List<BookingEffect.CallSupplier> calls, Optional<Booking> followOn) {
    Step {
        calls = List.copyOf(calls);
    }

    static Step of(Booking booking) {
        return new Step(booking, List.of(), Optional.empty());
    }
}
