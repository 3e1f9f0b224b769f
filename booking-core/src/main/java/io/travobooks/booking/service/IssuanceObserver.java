package io.travobooks.booking.service;

/**
 * Sees an issuance pass the boundaries between its steps: for metrics and tracing, and for the crash tests, which
 * kill the process at each one. Called on the issuing thread; must not throw.
 */
@FunctionalInterface
public interface IssuanceObserver {

    IssuanceObserver NONE = (step, bookingId) -> { };

    enum Step {
        /** The booking's lock is held; nothing is written yet. */
        LOCKED,
        /** The issue request is committed as pending (the booking is ISSUING); the supplier is not called yet. */
        REQUEST_RECORDED,
        /** The supplier answered; nothing of the answer is written yet. */
        SUPPLIER_ANSWERED,
        /** Tickets, entries, status and event are written in the open transaction, not committed. */
        ISSUE_WRITTEN,
        /** The issue transaction committed; the lock is still held. */
        ISSUE_COMMITTED
    }

    void reached(Step step, String bookingId);
}
