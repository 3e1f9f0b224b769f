package io.travobooks.spi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in the minor unit of an ISO 4217 currency (cents for USD, fils for KWD, yen for JPY).
 * Never a floating-point number: {@code long} minor units keep sums exact.
 */
public record Money(long minor, Currency currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException("currency has no minor unit: " + currency);
        }
    }

    public static Money ofMinor(long minor, String currencyCode) {
        return new Money(minor, Currency.getInstance(currencyCode));
    }

    /** Parses a decimal amount such as {@code "55150.00"}; more decimals than the currency has are refused. */
    public static Money of(String amount, String currencyCode) {
        Currency currency = Currency.getInstance(currencyCode);
        BigDecimal decimal = new BigDecimal(amount);
        try {
            long minor = decimal.setScale(currency.getDefaultFractionDigits(), RoundingMode.UNNECESSARY)
                    .unscaledValue().longValueExact();
            return new Money(minor, currency);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    amount + " does not fit " + currencyCode + " with " + currency.getDefaultFractionDigits() + " decimals", e);
        }
    }

    public int scale() {
        return currency.getDefaultFractionDigits();
    }

    public BigDecimal toDecimal() {
        return BigDecimal.valueOf(minor, scale());
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minor, other.minor), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minor, other.minor), currency);
    }

    public Money negate() {
        return new Money(Math.negateExact(minor), currency);
    }

    public boolean isPositive() {
        return minor > 0;
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " vs " + other.currency);
        }
    }

    @Override
    public String toString() {
        return toDecimal().toPlainString() + " " + currency.getCurrencyCode();
    }
}
