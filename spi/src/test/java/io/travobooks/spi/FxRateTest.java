package io.travobooks.spi;

import io.travobooks.spi.ledger.FxDetail;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FxRateTest {

    @Test
    void convertsToTheTargetCurrencysMinorUnit() {
        // 100.00 x 117.2345 = 11723.45 exactly: BDT has two decimals.
        assertThat(FxRate.of("USD", "BDT", "117.2345").convert(Money.of("100.00", "USD")))
                .isEqualTo(Money.of("11723.45", "BDT"));
        // 1.00 x 0.30749 = 0.30749; KWD has three decimals and the fourth is a 4: 0.307.
        assertThat(FxRate.of("USD", "KWD", "0.30749").convert(Money.of("1.00", "USD")))
                .isEqualTo(Money.of("0.307", "KWD"));
        // 1500 x 0.8123 = 1218.45 exactly; JPY has no decimals to start from.
        assertThat(FxRate.of("JPY", "BDT", "0.8123").convert(Money.of("1500", "JPY")))
                .isEqualTo(Money.of("1218.45", "BDT"));
        // 100.00 x 1.2345 = 123.45 yen, and JPY has no decimals: 123.
        assertThat(FxRate.of("BDT", "JPY", "1.2345").convert(Money.of("100.00", "BDT")))
                .isEqualTo(Money.of("123", "JPY"));
        // 1.234 x 3.2525 = 4.013585: 4.01 USD.
        assertThat(FxRate.of("KWD", "USD", "3.2525").convert(Money.of("1.234", "KWD")))
                .isEqualTo(Money.of("4.01", "USD"));
    }

    @Test
    void roundsTiesHalfUpAwayFromZero() {
        // 1.00 x 0.3085 = 0.3085, a tie: half up gives 0.309 where half even would give 0.308.
        FxRate usdToKwd = FxRate.of("USD", "KWD", "0.3085");
        assertThat(usdToKwd.convert(Money.of("1.00", "USD"))).isEqualTo(Money.of("0.309", "KWD"));
        assertThat(usdToKwd.convert(Money.of("-1.00", "USD"))).isEqualTo(Money.of("-0.309", "KWD"));
        // 1 x 0.805 = 0.805: 0.81 (half even: 0.80). 2.50 x 1 = 2.5 yen: 3 (half even: 2).
        assertThat(FxRate.of("JPY", "BDT", "0.805").convert(Money.of("1", "JPY"))).isEqualTo(Money.of("0.81", "BDT"));
        assertThat(FxRate.of("BDT", "JPY", "1").convert(Money.of("2.50", "BDT"))).isEqualTo(Money.of("3", "JPY"));
        // 0.01 x 0.3 = 0.003: less than half a poisha, so nothing.
        assertThat(FxRate.of("USD", "BDT", "0.3").convert(Money.of("0.01", "USD"))).isEqualTo(Money.of("0", "BDT"));
    }

    @Test
    void refusesAnAmountInAnotherCurrencyAndAnOverflow() {
        FxRate usdToBdt = FxRate.of("USD", "BDT", "117.2345");
        assertThatThrownBy(() -> usdToBdt.convert(Money.of("100.00", "BDT")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("converts USD");
        assertThatThrownBy(() -> FxRate.of("USD", "BDT", "2").convert(Money.ofMinor(Long.MAX_VALUE, "USD")))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void keepsTheRateWithoutTrailingZeros() {
        FxRate rate = FxRate.of("USD", "BDT", "120.00");
        assertThat(rate.rate().toPlainString()).isEqualTo("120");
        assertThat(rate).isEqualTo(FxRate.of("USD", "BDT", "1.2E+2"));
        assertThat(rate.toString()).isEqualTo("1 USD = 120 BDT");
    }

    @Test
    void refusesRatesItCannotHold() {
        assertThatThrownBy(() -> FxRate.of("USD", "USD", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FxRate.of("USD", "BDT", "0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FxRate.of("USD", "BDT", "-117")).isInstanceOf(IllegalArgumentException.class);
        // XAU (gold) has no minor unit, so no Money can hold the result.
        assertThatThrownBy(() -> FxRate.of("XAU", "USD", "2300")).isInstanceOf(IllegalArgumentException.class);
        // The bounds hold; one step beyond them does not.
        assertThat(FxRate.of("USD", "BDT", "1000000000000").rate()).isEqualByComparingTo("1E12");
        assertThat(FxRate.of("USD", "BDT", "0.000000000001").rate()).isEqualByComparingTo("1E-12");
        assertThat(FxRate.of("USD", "BDT", "1." + "1".repeat(20)).rate().scale()).isEqualTo(20);
        assertThatThrownBy(() -> FxRate.of("USD", "BDT", "1000000000000.5"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FxRate.of("USD", "BDT", "0.0000000000009"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FxRate.of("USD", "BDT", "1." + "1".repeat(21)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theInverseConvertsTheOtherWay() {
        FxRate usdToBdt = FxRate.of("USD", "BDT", "117.2345");
        FxRate bdtToUsd = usdToBdt.inverse();
        assertThat(bdtToUsd.from()).isEqualTo(Currency.getInstance("BDT"));
        assertThat(bdtToUsd.to()).isEqualTo(Currency.getInstance("USD"));
        // 1 / 117.2345 = 0.0085299122698523045690 to 20 significant digits, then 20 decimals: ...0457.
        assertThat(bdtToUsd.rate()).isEqualTo(new BigDecimal("0.00852991226985230457"));
        // 11723.45 x 0.00852991226985230457 = 100.0000000000000000111665: back to 100.00.
        assertThat(bdtToUsd.convert(usdToBdt.convert(Money.of("100.00", "USD")))).isEqualTo(Money.of("100.00", "USD"));
        // Exact inverses come back exactly: 1 / 0.25 = 4, 1 / 4 = 0.25.
        assertThat(FxRate.of("USD", "BDT", "0.25").inverse()).isEqualTo(FxRate.of("BDT", "USD", "4"));
        assertThat(FxRate.of("USD", "BDT", "0.25").inverse().inverse()).isEqualTo(FxRate.of("USD", "BDT", "0.25"));
        // 1 / 3 keeps 20 significant digits.
        assertThat(FxRate.of("USD", "BDT", "3").inverse().rate()).isEqualTo(new BigDecimal("0." + "3".repeat(20)));
        // At the bounds: 1 / 10^12 = 10^-12 and back.
        assertThat(FxRate.of("USD", "BDT", "1000000000000").inverse().rate()).isEqualByComparingTo("1E-12");
        assertThat(FxRate.of("USD", "BDT", "0.000000000001").inverse().rate()).isEqualByComparingTo("1E12");
    }

    @Test
    void anFxDetailCarriesTheConvertedAmountAndTheRate() {
        // 2,000.00 x 117.2345 = 234,469.00 BDT.
        assertThat(FxDetail.of(Money.of("2000.00", "USD"), FxRate.of("USD", "BDT", "117.2345")))
                .isEqualTo(new FxDetail(234_469_00, new BigDecimal("117.2345")));
        // 0.01 x 0.3 rounds to no taka at all, which no journal line can carry.
        assertThatThrownBy(() -> FxDetail.of(Money.of("0.01", "USD"), FxRate.of("USD", "BDT", "0.3")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FxDetail.of(Money.of("1.00", "EUR"), FxRate.of("USD", "BDT", "117")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
