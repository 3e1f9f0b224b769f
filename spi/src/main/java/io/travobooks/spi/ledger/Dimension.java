package io.travobooks.spi.ledger;

/** Analysis dimensions a journal line may carry, so that a BSP billing or a booking reconciles to the cent. */
public enum Dimension {
    AIRLINE(3), DOCUMENT_NUMBER(32), BILLING_PERIOD(16), TAX_CODE(8), BOOKING_ID(64);

    private final int maxLength;

    Dimension(int maxLength) {
        this.maxLength = maxLength;
    }

    public int maxLength() {
        return maxLength;
    }
}
