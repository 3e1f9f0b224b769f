package io.travobooks.spi.ledger;

import io.travobooks.spi.FxRate;
import io.travobooks.spi.Money;

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

    /**
     * The detail of a line of {@code foreign} at {@code rate} (foreign to functional currency): the amount converted
     * and rounded by {@link FxRate#convert}, and the rate. 2,000.00 USD at 117.2345 BDT is 234,469.00 BDT.
     *
     * @throws IllegalArgumentException when {@code foreign} is not the rate's {@code from} currency, or converts to
     *                                  nothing positive
     */
    public static FxDetail of(Money foreign, FxRate rate) {
        return new FxDetail(rate.convert(foreign).minor(), rate.rate());
    }
}
