package io.travobooks.spi.supplier;

import io.travobooks.spi.Money;

import java.util.Objects;

/** A fare's parts: base fare, carrier surcharges (YQ/YR, inside the BSP payable, no VAT) and government taxes. */
public record Fare(Money base, Money carrierSurcharges, Money taxes) {
    public Fare {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(carrierSurcharges, "carrierSurcharges");
        Objects.requireNonNull(taxes, "taxes");
    }

    public Money total() {
        return base.plus(carrierSurcharges).plus(taxes);
    }
}
