package io.travobooks.booking.service;

import io.travobooks.booking.BookingErrorCode;
import io.travobooks.spi.Money;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.supplier.Offer;
import io.travobooks.spi.supplier.Segment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An agency's commission agreements: a default, what an airline pays, and what it pays on some booking classes.
 * The most specific match wins: the airline and booking class, then the airline, then the default.
 *
 * <p>An airline is named by its three-digit ticketing prefix (176 for Emirates), the one its tickets and
 * {@link Booking#airlinePrefix()} carry: the validating carrier pays the commission, and a segment's two-letter
 * carrier is the marketing one, which a codeshare makes another airline. A booking class matches an offer whose
 * every segment is sold in that class ({@link Segment#bookingClass()}); an offer with mixed classes, or whose
 * supplier gives none, takes the airline's commission.
 *
 * <p>{@link BookingService#hold(io.travobooks.spi.RequestContext, String, String, List, BookingTerms, CommissionRule)}
 * resolves the rule on the held offer and keeps what it found with the booking's terms.
 */
public final class CommissionRule {
    private final Commission fallback;
    private final Map<String, Commission> byAirline;
    private final Map<Key, Commission> byClass;

    private CommissionRule(Commission fallback, Map<String, Commission> byAirline, Map<Key, Commission> byClass) {
        this.fallback = fallback;
        this.byAirline = Map.copyOf(byAirline);
        this.byClass = Map.copyOf(byClass);
    }

    /** A rule whose default is {@code fallback}: what every airline not named pays. */
    public static Builder builder(Commission fallback) {
        return new Builder(fallback);
    }

    /** The commission of the most specific agreement for the airline and, if known, the booking class. */
    public Commission resolve(String airlinePrefix, Optional<String> bookingClass) {
        Objects.requireNonNull(airlinePrefix, "airlinePrefix");
        Optional<Commission> forClass = bookingClass.map(code -> byClass.get(new Key(airlinePrefix, code)));
        return forClass.orElseGet(() -> byAirline.getOrDefault(airlinePrefix, fallback));
    }

    /** The commission for the offer's validating airline and its booking class, if every segment has the same. */
    public Commission resolve(Offer offer) {
        return resolve(offer.airlinePrefix(), bookingClassOf(offer));
    }

    /** The currencies of the fixed amounts the rule may give: a booking in another one cannot take them. */
    Set<Currency> fixedCurrencies() {
        Set<Currency> currencies = new HashSet<>();
        List<Commission> all = new ArrayList<>(byAirline.values());
        all.addAll(byClass.values());
        all.add(fallback);
        for (Commission commission : all) {
            if (commission instanceof Commission.Fixed fixed) {
                currencies.add(fixed.perTicket().currency());
            }
        }
        return currencies;
    }

    /** The class every segment of the offer is sold in; empty when they differ or one has none. */
    static Optional<String> bookingClassOf(Offer offer) {
        Set<Optional<String>> classes = new HashSet<>();
        offer.segments().forEach(segment -> classes.add(segment.bookingClass()));
        return classes.size() == 1 ? classes.iterator().next() : Optional.empty();
    }

    private record Key(String airlinePrefix, String bookingClass) {
    }

    /**
     * Collects the agreements; {@link #build} checks them all and refuses the rule
     * ({@code BOOKING_INVALID_COMMAND}) when one is wrong.
     */
    public static final class Builder {
        private final Commission fallback;
        private final Map<String, Commission> byAirline = new HashMap<>();
        private final Map<Key, Commission> byClass = new HashMap<>();
        private final List<String> problems = new ArrayList<>();

        private Builder(Commission fallback) {
            this.fallback = Objects.requireNonNull(fallback, "fallback");
        }

        /** What the airline with the ticketing prefix {@code airlinePrefix} (three digits) pays. */
        public Builder airline(String airlinePrefix, Commission commission) {
            Objects.requireNonNull(airlinePrefix, "airlinePrefix");
            Objects.requireNonNull(commission, "commission");
            if (byAirline.putIfAbsent(airlinePrefix, commission) != null) {
                problems.add("airline " + airlinePrefix + " is given twice");
            }
            return this;
        }

        /** What the airline pays on tickets sold in {@code bookingClass} (one capital letter). */
        public Builder bookingClass(String airlinePrefix, String bookingClass, Commission commission) {
            Objects.requireNonNull(airlinePrefix, "airlinePrefix");
            Objects.requireNonNull(bookingClass, "bookingClass");
            Objects.requireNonNull(commission, "commission");
            if (byClass.putIfAbsent(new Key(airlinePrefix, bookingClass), commission) != null) {
                problems.add("class " + bookingClass + " of airline " + airlinePrefix + " is given twice");
            }
            return this;
        }

        /**
         * The rule; refused when an airline prefix is not three digits, a booking class not one capital letter, an
         * agreement is given twice, a fixed amount is negative or a percentage is not between 0 and 100.
         */
        public Outcome<CommissionRule> build() {
            List<String> found = new ArrayList<>(problems);
            check("the default", fallback, found);
            byAirline.forEach((airline, commission) -> {
                checkAirline(airline, found);
                check("airline " + airline, commission, found);
            });
            byClass.forEach((key, commission) -> {
                checkAirline(key.airlinePrefix(), found);
                if (!Segment.isBookingClass(key.bookingClass())) {
                    found.add("a booking class is one capital letter: " + key.bookingClass());
                }
                check("class " + key.bookingClass() + " of airline " + key.airlinePrefix(), commission, found);
            });
            if (!found.isEmpty()) {
                return Outcome.refused(BookingErrorCode.BOOKING_INVALID_COMMAND,
                        "the commission rule is refused: " + String.join("; ", found.stream().sorted().toList()));
            }
            return Outcome.ok(new CommissionRule(fallback, byAirline, byClass));
        }

        private static void checkAirline(String airlinePrefix, List<String> found) {
            if (airlinePrefix.length() != 3 || !airlinePrefix.chars().allMatch(c -> c >= '0' && c <= '9')) {
                found.add("an airline is named by its three-digit ticketing prefix: " + airlinePrefix);
            }
        }

        private static void check(String what, Commission commission, List<String> found) {
            switch (commission) {
                case Commission.Fixed fixed -> {
                    Money amount = fixed.perTicket();
                    if (amount.minor() < 0) {
                        found.add(what + " pays a negative commission: " + amount);
                    }
                }
                case Commission.Percent percent -> {
                    BigDecimal value = percent.percent();
                    if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0) {
                        found.add(what + " pays " + value.toPlainString() + "%, not between 0 and 100");
                    }
                }
            }
        }
    }
}
