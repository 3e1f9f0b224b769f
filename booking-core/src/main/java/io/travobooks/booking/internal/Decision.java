package io.travobooks.booking.internal;

import io.travobooks.booking.BookingStatus;
import io.travobooks.spi.Rejection;

import java.util.List;
import java.util.Objects;

/** The machine's answer: the next status and the effects to perform, or a rejection that changes nothing. */
public sealed interface Decision {

    record Accepted(BookingStatus next, List<BookingEffect> effects) implements Decision {
        public Accepted {
            Objects.requireNonNull(next, "next");
            effects = List.copyOf(effects);
        }
    }

    record Rejected(Rejection rejection) implements Decision {
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }
    }
}
