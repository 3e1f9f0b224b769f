package io.travobooks.spi.supplier;

import io.travobooks.spi.Money;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A fare's parts: base fare, carrier surcharges (YQ/YR, inside the BSP payable, no VAT) and government taxes, with
 * the taxes by their two-character code (BD, UT, E5 ...) when the supplier gives them: a BSP billing lists taxes
 * per code, so the entries carry them per code. The breakdown is empty, or adds up to {@code taxes} exactly.
 */
public record Fare(Money base, Money carrierSurcharges, Money taxes, Map<String, Money> taxesByCode) {
    public Fare {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(carrierSurcharges, "carrierSurcharges");
        Objects.requireNonNull(taxes, "taxes");
        taxesByCode = Collections.unmodifiableMap(new TreeMap<>(taxesByCode));
        long sum = 0;
        for (Map.Entry<String, Money> tax : taxesByCode.entrySet()) {
            if (tax.getKey().length() != 2 || !tax.getKey().chars().allMatch(c -> c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("a tax code has two capital letters or digits: " + tax.getKey());
            }
            if (!tax.getValue().currency().equals(taxes.currency())) {
                throw new IllegalArgumentException("tax " + tax.getKey() + " is not in " + taxes.currency());
            }
            sum += tax.getValue().minor();
        }
        if (!taxesByCode.isEmpty() && sum != taxes.minor()) {
            throw new IllegalArgumentException("the taxes by code add up to " + new Money(sum, taxes.currency())
                    + ", not " + taxes);
        }
    }

    /** A fare whose taxes come as one amount. */
    public Fare(Money base, Money carrierSurcharges, Money taxes) {
        this(base, carrierSurcharges, taxes, Map.of());
    }

    public Money total() {
        return base.plus(carrierSurcharges).plus(taxes);
    }
}
