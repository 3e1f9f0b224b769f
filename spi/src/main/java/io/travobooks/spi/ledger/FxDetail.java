package io.travobooks.spi.ledger;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The functional-currency value of a foreign-currency line: its amount in the tenant's functional currency (minor
 * units) and the rate used (functional units per one foreign unit).
 */
public record FxDetail(long functionalMinor, BigDecimal rate) {
    public FxDetail {
        Objects.requireNonNull(rate, "rate");
        if (functionalMinor <= 0) {
            throw new IllegalArgumentException("functional amount must be positive");
        }
        if (rate.signum() <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
        rate = rate.stripTrailingZeros();
        if (rate.scale() < 0) {
            rate = rate.setScale(0);
        }
    }
}
