package io.travobooks.spi;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exchange rate: one unit of {@code from} is worth {@code rate} units of {@code to}. With the tenant's functional
 * currency as {@code to}, this is the direction of the rate in a journal line's {@code FxDetail} (functional units per
 * one foreign unit). The rate is kept without trailing zeros, so 120 and 120.00 are one rate.
 *
 * <p>A rate lies within {@link #MIN_RATE} and {@link #MAX_RATE} and has at most {@link #MAX_DECIMALS} decimals: at
 * most 32 digits, whose plain text fits the journal's FX rate column, and the inverse of a rate is a rate too.
 */
public record FxRate(Currency from, Currency to, BigDecimal rate) {
    public static final BigDecimal MIN_RATE = BigDecimal.ONE.scaleByPowerOfTen(-12);
    public static final BigDecimal MAX_RATE = BigDecimal.ONE.scaleByPowerOfTen(12);
    public static final int MAX_DECIMALS = 20;
    /** The significant digits {@link #inverse()} keeps before it rounds to {@link #MAX_DECIMALS}. */
    static final int INVERSE_DIGITS = 20;

    /**
     * Half up, as the booking service rounds the commission it recalls: a tie goes away from zero, which is what a
     * customer or a bank checking a converted amount by hand expects. Half even would cancel the bias of ties over
     * many conversions, but each conversion is posted on its own line with its own rate, and the ledger itself
     * rounds nothing (a line's {@code FxDetail} holds the functional amount the caller computed).
     */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    public FxRate {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(rate, "rate");
        if (from.equals(to)) {
            throw new IllegalArgumentException("a rate converts between two currencies, not " + from + " to itself");
        }
        if (from.getDefaultFractionDigits() < 0 || to.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException("both currencies need a minor unit: " + from + ", " + to);
        }
        if (rate.signum() <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + rate.toPlainString());
        }
        rate = rate.stripTrailingZeros();
        if (rate.scale() < 0) {
            rate = rate.setScale(0);
        }
        if (rate.compareTo(MIN_RATE) < 0 || rate.compareTo(MAX_RATE) > 0 || rate.scale() > MAX_DECIMALS) {
            throw new IllegalArgumentException("a rate lies within " + MIN_RATE.toPlainString() + " and "
                    + MAX_RATE.toPlainString() + " with at most " + MAX_DECIMALS + " decimals: "
                    + rate.toPlainString());
        }
    }

    /** For example {@code FxRate.of("USD", "BDT", "117.2345")}: one US dollar is 117.2345 taka. */
    public static FxRate of(String fromCode, String toCode, String rate) {
        return new FxRate(Currency.getInstance(fromCode), Currency.getInstance(toCode), new BigDecimal(rate));
    }

    /**
     * {@code amount} in {@code to}, rounded to its minor unit with {@link #ROUNDING}: 100.00 USD at 117.2345 is
     * 11723.45 BDT, 1.00 USD at 0.3085 is 0.309 KWD.
     *
     * @throws IllegalArgumentException when the amount is not in {@code from}
     * @throws ArithmeticException      when the result does not fit a {@code long} of minor units
     */
    public Money convert(Money amount) {
        Objects.requireNonNull(amount, "amount");
        if (!amount.currency().equals(from)) {
            throw new IllegalArgumentException("this rate converts " + from + ", not " + amount);
        }
        BigDecimal converted = amount.toDecimal().multiply(rate)
                .setScale(to.getDefaultFractionDigits(), ROUNDING);
        return new Money(converted.unscaledValue().longValueExact(), to);
    }

    /**
     * The rate the other way: 1 / rate, rounded with {@link #ROUNDING} to 20 significant digits and then to at most
     * {@link #MAX_DECIMALS} decimals. It is exact only when 1 / rate is, so converting with a rate and back with
     * its inverse may miss the start by the rounding of both conversions and of the inverse.
     */
    public FxRate inverse() {
        BigDecimal inverse = BigDecimal.ONE.divide(rate, new MathContext(INVERSE_DIGITS, ROUNDING));
        // Stays within the bounds: rounding is monotone, and both bounds are exact at 20 digits and 20 decimals.
        inverse = inverse.setScale(Math.min(inverse.scale(), MAX_DECIMALS), ROUNDING);
        return new FxRate(to, from, inverse);
    }

    @Override
    public String toString() {
        return "1 " + from.getCurrencyCode() + " = " + rate.toPlainString() + " " + to.getCurrencyCode();
    }
}
