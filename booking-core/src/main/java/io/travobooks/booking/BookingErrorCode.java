package io.travobooks.booking;

import io.travobooks.spi.ErrorCode;

/** Why the booking machine refused a command; stable codes the HTTP layer maps to problem types. */
public enum BookingErrorCode implements ErrorCode {
    /** The command does not apply in the booking's state (issuing a draft, voiding a refund). */
    BOOKING_ILLEGAL_TRANSITION,
    /** The ticketing time limit of the hold has passed: the hold can only expire or be cancelled. */
    BOOKING_TIME_LIMIT_PASSED,
    /** Expiring a hold whose ticketing time limit has not passed yet. */
    BOOKING_TIME_LIMIT_NOT_PASSED,
    /** The price guarantee has passed: price again before issuing. */
    BOOKING_PRICE_EXPIRED,
    /** The void window of the supplier and settlement channel is closed. */
    BOOKING_VOID_WINDOW_CLOSED,
    /** A coupon is no longer open (checked in, flown, exchanged ...): only an all-open ticket can be voided. */
    BOOKING_COUPON_NOT_OPEN,
    /** The refund quote has expired: ask for a new one. */
    BOOKING_QUOTE_EXPIRED,
    /** A supplier answer or confirmation names another request or quote than the one the booking waits for. */
    BOOKING_REQUEST_MISMATCH,
    /** The command itself is malformed (a time limit in the past, a refund of documents the booking lacks). */
    BOOKING_INVALID_COMMAND,
    /** No posting rule matches the event, settlement channel, form of payment and accounting model. */
    BOOKING_NO_POSTING_RULE,
    /** A posting rule's lines do not balance for the event's amounts (a tenant-edited rule lacks a line). */
    BOOKING_POSTING_RULE_UNBALANCED,
    /** The tenant has no booking with this id. */
    BOOKING_NOT_FOUND,
    /** Another request holds the booking's lock; try again shortly. */
    BOOKING_BUSY,
    /** The idempotency key was used for another booking or another kind of request. */
    BOOKING_KEY_REUSED,
    /** The supplier refused the request; nothing changed at the airline. */
    BOOKING_SUPPLIER_REFUSED,
    /** The supplier did not answer clearly; nothing was assumed (a hold or quote may be asked for again). */
    BOOKING_SUPPLIER_UNAVAILABLE,
    /** The ledger refused the booking's journal entry (a closed account, a closed period); nothing was written. */
    BOOKING_POSTING_REFUSED,
    /** An earlier request of the same kind to the supplier is not settled; reconcile the booking first. */
    BOOKING_REQUEST_UNSETTLED,
    /** The booking was changed by a holder of a newer lock lease; this request's work was discarded. */
    BOOKING_LEASE_LOST,
    /** An amount is in another currency than the booking's (or than the other amounts of the same event). */
    BOOKING_CURRENCY_MISMATCH,
    /**
     * The booking's last supplier action is recorded but the ledger refused its postings: nothing more is asked of
     * the supplier until they are posted (repost the booking once the cause is removed).
     */
    BOOKING_POSTING_PENDING
}
