package io.travobooks.booking.service;

import io.travobooks.booking.VoidWindow;
import io.travobooks.spi.RetryPolicy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * @param lease        how long a booking's lock is held without renewal; longer than the slowest supplier call
 * @param lockWait     how long a request waits for a booking another request holds before it is refused
 * @param issuingGrace how long after an issue request is recorded the reconciler leaves it alone: longer than the
 *                     lease plus the supplier's own timeout, so that it never judges a request still in flight
 * @param voidWindow   the supplier and channel's void window
 * @param agencyZone   the agency's time zone: accounting dates and void windows are its calendar days
 * @param retryPolicy  how a transaction that lost a race is run again
 */
public record BookingServiceOptions(Duration lease, Duration lockWait, Duration issuingGrace, VoidWindow voidWindow,
                                    ZoneId agencyZone, RetryPolicy retryPolicy) {
    public BookingServiceOptions {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(lockWait, "lockWait");
        Objects.requireNonNull(issuingGrace, "issuingGrace");
        Objects.requireNonNull(voidWindow, "voidWindow");
        Objects.requireNonNull(agencyZone, "agencyZone");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        if (issuingGrace.compareTo(lease) <= 0) {
            throw new IllegalArgumentException("the issuing grace must outlast the lease: " + issuingGrace);
        }
    }

    /** BSP defaults: 30 s lease, 10 s wait, 2 min grace, voids on the issue day in {@code agencyZone}. */
    public static BookingServiceOptions defaults(ZoneId agencyZone) {
        return new BookingServiceOptions(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofMinutes(2),
                VoidWindow.sameDay(agencyZone), agencyZone, RetryPolicy.DEFAULT);
    }

    public BookingServiceOptions withIssuingGrace(Duration grace) {
        return new BookingServiceOptions(lease, lockWait, grace, voidWindow, agencyZone, retryPolicy);
    }

    public BookingServiceOptions withLease(Duration newLease) {
        return new BookingServiceOptions(newLease, lockWait, issuingGrace, voidWindow, agencyZone, retryPolicy);
    }

    public BookingServiceOptions withRetryPolicy(RetryPolicy value) {
        return new BookingServiceOptions(lease, lockWait, issuingGrace, voidWindow, agencyZone, value);
    }
}
