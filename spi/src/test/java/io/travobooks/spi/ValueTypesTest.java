package io.travobooks.spi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueTypesTest {

    @Test
    void moneyUsesTheCurrencysMinorUnit() {
        // ISO 4217: JPY has no minor unit, USD and BDT two decimals, KWD three.
        assertThat(Money.of("1500", "JPY").minor()).isEqualTo(1500);
        assertThat(Money.of("12.34", "USD").minor()).isEqualTo(1234);
        assertThat(Money.of("55150", "BDT").minor()).isEqualTo(5_515_000);
        assertThat(Money.of("1.234", "KWD").minor()).isEqualTo(1234);
        assertThat(Money.of("1.234", "KWD").toString()).isEqualTo("1.234 KWD");
    }

    @Test
    void moneyRefusesMoreDecimalsThanTheCurrencyHas() {
        assertThatThrownBy(() -> Money.of("1.5", "JPY")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of("0.001", "USD")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void moneyArithmeticStaysInOneCurrencyAndNeverOverflowsSilently() {
        assertThat(Money.of("1.10", "USD").plus(Money.of("2.05", "USD"))).isEqualTo(Money.of("3.15", "USD"));
        assertThatThrownBy(() -> Money.of("1", "USD").plus(Money.of("1", "EUR")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.ofMinor(Long.MAX_VALUE, "USD").plus(Money.ofMinor(1, "USD")))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void identifiersAcceptSafeCharactersOnly() {
        assertThat(EntryId.of("issue:176-2000000001/v2").value()).isEqualTo("issue:176-2000000001/v2");
        assertThatThrownBy(() -> EntryId.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EntryId.of("-starts-with-dash")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EntryId.of("has space")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TenantId.of("x'; DROP TABLE ledger_entry")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccountId.of("a".repeat(AccountId.MAX_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
