package io.travobooks.booking.service;

import io.travobooks.spi.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * What an airline pays the agency per ticket: a fixed amount, or a percentage of the base fare (carrier surcharges
 * and taxes earn none). A {@link CommissionRule} says which one applies to an airline and booking class, and its
 * builder refuses a negative amount or a percentage outside 0 to 100.
 */
public sealed interface Commission permits Commission.Fixed, Commission.Percent {

    static Commission fixed(Money perTicket) {
        return new Fixed(perTicket);
    }

    /** {@code percent} of the base fare: 7 is 7%. */
    static Commission percent(BigDecimal percent) {
        return new Percent(percent);
    }

    /** The commission on one ticket of {@code baseFare}. */
    Money on(Money baseFare);

    /** The same amount on every ticket, whatever its fare. */
    record Fixed(Money perTicket) implements Commission {
        public Fixed {
            Objects.requireNonNull(perTicket, "perTicket");
        }

        @Override
        public Money on(Money baseFare) {
            return perTicket;
        }
    }

    /**
     * A percentage of the base fare, kept without trailing zeros (7.50 is 7.5), so that a stored and a read copy
     * are equal.
     */
    record Percent(BigDecimal percent) implements Commission {
        public Percent {
            Objects.requireNonNull(percent, "percent");
            percent = normalized(percent);
        }

        /**
         * Base fare x percent / 100, rounded half up to the currency's minor unit: 7% of 333.33 is 23.3331, so
         * 23.33; 0.5% of 1.00 is 0.005, so 0.01. Half up because the airline's commission recall and the
         * commission on an exchange's fare difference round the same way (see BookingEntries), so the three
         * agree to the minor unit.
         */
        @Override
        public Money on(Money baseFare) {
            BigDecimal minor = BigDecimal.valueOf(baseFare.minor()).multiply(percent).movePointLeft(2)
                    .setScale(0, RoundingMode.HALF_UP);
            return new Money(minor.longValueExact(), baseFare.currency());
        }

        static BigDecimal normalized(BigDecimal percent) {
            BigDecimal stripped = percent.stripTrailingZeros();
            return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
        }
    }
}
