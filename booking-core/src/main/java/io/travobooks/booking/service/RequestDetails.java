package io.travobooks.booking.service;

import io.travobooks.booking.internal.BookingEffect.SupplierCall;
import io.travobooks.spi.Money;
import io.travobooks.spi.supplier.Fare;
import io.travobooks.spi.supplier.SupplierOrder;

import java.util.Optional;

/**
 * What a caller's request or a supplier's answer adds to a transition beyond its command: the idempotency key and
 * the call it is for (a repeat of another call is refused), an amount (an EMD's value), a fare the supplier quoted
 * anew, and the order of a reissue (whose fare and issue time the follow-on booking takes).
 */
record RequestDetails(Optional<SupplierCall> call, Optional<String> idempotencyKey, Optional<Money> amount,
                      Optional<Fare> fare, Optional<SupplierOrder> reissue) {
    static final RequestDetails NONE = new RequestDetails(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    static RequestDetails keyed(SupplierCall call, String key, Optional<Money> amount) {
        return new RequestDetails(Optional.of(call), Optional.of(key), amount, Optional.empty(), Optional.empty());
    }

    /** A pricing whose fare the booking takes on: the airline may have changed it since the hold. */
    static RequestDetails repriced(Fare fare) {
        return new RequestDetails(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(fare),
                Optional.empty());
    }

    /** An exchange the airline made: the follow-on booking holds the order's new tickets at its fare. */
    static RequestDetails reissued(SupplierOrder order) {
        return new RequestDetails(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(order));
    }
}
