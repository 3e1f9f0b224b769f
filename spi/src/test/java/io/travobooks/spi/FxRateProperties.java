package io.travobooks.spi;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a conversion may lose. With x the amount in minor units of a currency with a decimals, r the rate and b the
 * decimals of the target, the exact result in the target's minor units is x * r * 10^(b - a).
 */
class FxRateProperties {
    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final BigDecimal LONG_MAX = new BigDecimal(BigInteger.valueOf(Long.MAX_VALUE));

    @Property
    void aConversionIsWithinHalfAMinorUnitOfTheExactProduct(@ForAll("currencyPairs") Currency[] pair,
                                                            @ForAll("rates") BigDecimal rate,
                                                            @ForAll @LongRange(min = -1_000_000_000L,
                                                                    max = 1_000_000_000L) long minor) {
        FxRate fx = new FxRate(pair[0], pair[1], rate);
        BigDecimal exact = exactMinor(minor, pair[0], rate, pair[1]);
        Assume.that(exact.abs().compareTo(LONG_MAX) < 0);

        Money converted = fx.convert(new Money(minor, pair[0]));

        assertThat(converted.currency()).isEqualTo(pair[1]);
        assertThat(BigDecimal.valueOf(converted.minor()).subtract(exact).abs()).isLessThanOrEqualTo(HALF);
        // Half up rounds a tie away from zero, so the sign of the amount does not change the rounding.
        assertThat(fx.convert(new Money(-minor, pair[0]))).isEqualTo(converted.negate());
    }

    /**
     * Converting x to y and back with the inverse rate r' gives x'. With y = x * r * 10^(b - a) + d and
     * x' = y * r' * 10^(a - b) + e, where |d| and |e| are at most 1/2 (the two roundings):
     * x' - x = e + d * r' * 10^(a - b) + x * (r * r' - 1), the last term being the inverse rate's own rounding.
     */
    @Property
    void aRoundTripMissesByNoMoreThanTheRoundingsItWentThrough(@ForAll("currencyPairs") Currency[] pair,
                                                               @ForAll("rates") BigDecimal rate,
                                                               @ForAll @LongRange(min = -1_000_000_000L,
                                                                       max = 1_000_000_000L) long minor) {
        FxRate there = new FxRate(pair[0], pair[1], rate);
        FxRate back = there.inverse();
        Assume.that(exactMinor(minor, pair[0], rate, pair[1]).abs().compareTo(LONG_MAX) < 0);

        Money roundTrip = back.convert(there.convert(new Money(minor, pair[0])));

        int a = pair[0].getDefaultFractionDigits();
        int b = pair[1].getDefaultFractionDigits();
        BigDecimal inverseError = there.rate().multiply(back.rate()).subtract(BigDecimal.ONE).abs();
        BigDecimal bound = HALF
                .add(HALF.multiply(back.rate()).scaleByPowerOfTen(a - b))
                .add(BigDecimal.valueOf(minor).abs().multiply(inverseError));
        assertThat(roundTrip.currency()).isEqualTo(pair[0]);
        assertThat(BigDecimal.valueOf(roundTrip.minor() - minor).abs()).isLessThanOrEqualTo(bound);
    }

    /**
     * The inverse keeps 20 significant digits, a relative error of at most 0.5 * 10^-19: all of it for a rate up to
     * 1, whose inverse of at least 1 has room for them within 20 decimals. Above 1 the 20 decimals may cut it
     * further, by at most 0.5 * 10^-20 on an inverse above 10^-12: a relative error under 10^-8 in all.
     */
    @Property
    void theInverseRateIsOneOverTheRateToItsPrecision(@ForAll("rates") BigDecimal rate) {
        FxRate fx = new FxRate(Currency.getInstance("USD"), Currency.getInstance("BDT"), rate);
        FxRate inverse = fx.inverse();

        BigDecimal error = fx.rate().multiply(inverse.rate()).subtract(BigDecimal.ONE).abs();
        BigDecimal allowed = rate.compareTo(BigDecimal.ONE) <= 0 ? new BigDecimal("0.5E-19")
                : new BigDecimal("1E-8");
        assertThat(error).isLessThanOrEqualTo(allowed);
        assertThat(inverse.from()).isEqualTo(fx.to());
        assertThat(inverse.to()).isEqualTo(fx.from());
    }

    private static BigDecimal exactMinor(long minor, Currency from, BigDecimal rate, Currency to) {
        return BigDecimal.valueOf(minor).multiply(rate)
                .scaleByPowerOfTen(to.getDefaultFractionDigits() - from.getDefaultFractionDigits());
    }

    /** Currencies with 0 (JPY), 2 (BDT, USD), 3 (KWD) and 4 (CLF) decimals. */
    @Provide
    Arbitrary<Currency[]> currencyPairs() {
        Arbitrary<Currency> currency = Arbitraries.of("JPY", "BDT", "USD", "KWD", "CLF").map(Currency::getInstance);
        return Combinators.combine(currency, currency).as((from, to) -> new Currency[] {from, to})
                .filter(pair -> !pair[0].equals(pair[1]));
    }

    /** Up to 12 digits at a scale of 0 to 20, kept within the bounds of a rate. */
    @Provide
    Arbitrary<BigDecimal> rates() {
        Arbitrary<Long> unscaled = Arbitraries.longs().between(1, 999_999_999_999L);
        return Combinators.combine(unscaled, Arbitraries.integers().between(0, FxRate.MAX_DECIMALS))
                .as(BigDecimal::valueOf)
                .filter(rate -> rate.compareTo(FxRate.MIN_RATE) >= 0);
    }
}
