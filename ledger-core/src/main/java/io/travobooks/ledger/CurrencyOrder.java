package io.travobooks.ledger;

import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reports keep one table per currency, in currency code order, so that they print and compare the same each time. */
final class CurrencyOrder {
    private static final Comparator<Currency> BY_CODE = Comparator.comparing(Currency::getCurrencyCode);

    private CurrencyOrder() {
    }

    /** An unmodifiable copy ordered by currency code; null keys and values are refused as {@code Map.copyOf} does. */
    static <V> SortedMap<Currency, V> copyOf(Map<Currency, V> byCurrency) {
        TreeMap<Currency, V> sorted = new TreeMap<>(BY_CODE);
        byCurrency.forEach((currency, value) -> sorted.put(currency, Objects.requireNonNull(value, "value")));
        return Collections.unmodifiableSortedMap(sorted);
    }
}
