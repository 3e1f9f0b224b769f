package io.travobooks.spi.travel;

/** A flight coupon's status on a ticket or an associated EMD. */
public enum CouponStatus {
    OPEN, CHECKED_IN, USED, EXCHANGED, REFUNDED, VOID, SUSPENDED
}
