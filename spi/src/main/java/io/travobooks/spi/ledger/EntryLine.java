package io.travobooks.spi.ledger;

import io.travobooks.spi.AccountId;
import io.travobooks.spi.Money;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One line of a journal entry: a positive amount debited or credited to an account. */
public record EntryLine(AccountId account, Side side, Money amount, Optional<FxDetail> fx,
                        Map<Dimension, String> dimensions) {

    public EntryLine {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(fx, "fx");
        Objects.requireNonNull(dimensions, "dimensions");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("line amount must be positive: " + amount);
        }
        EnumMap<Dimension, String> copy = new EnumMap<>(Dimension.class);
        dimensions.forEach((dimension, value) -> {
            Objects.requireNonNull(value, dimension.name());
            if (value.isBlank() || value.length() > dimension.maxLength()) {
                throw new IllegalArgumentException(dimension + " must be 1.." + dimension.maxLength() + " characters");
            }
            copy.put(dimension, value);
        });
        dimensions = Collections.unmodifiableMap(copy);
    }

    public static EntryLine debit(AccountId account, Money amount) {
        return new EntryLine(account, Side.DEBIT, amount, Optional.empty(), Map.of());
    }

    public static EntryLine credit(AccountId account, Money amount) {
        return new EntryLine(account, Side.CREDIT, amount, Optional.empty(), Map.of());
    }

    public EntryLine with(Dimension dimension, String value) {
        Map<Dimension, String> copy = new EnumMap<>(Dimension.class);
        copy.putAll(dimensions);
        copy.put(dimension, value);
        return new EntryLine(account, side, amount, fx, copy);
    }

    public EntryLine withFx(FxDetail detail) {
        return new EntryLine(account, side, amount, Optional.of(detail), dimensions);
    }

    public EntryLine withAmount(Money newAmount) {
        return new EntryLine(account, side, newAmount, fx, dimensions);
    }

    public EntryLine withoutFx() {
        return new EntryLine(account, side, amount, Optional.empty(), dimensions);
    }

    /** The same line on the other side: what a reversal posts. */
    public EntryLine reversed() {
        return new EntryLine(account, side.opposite(), amount, fx, dimensions);
    }
}
