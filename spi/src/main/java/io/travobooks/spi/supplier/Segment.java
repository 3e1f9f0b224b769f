package io.travobooks.spi.supplier;

import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * One flight: marketing carrier, flight number, airports (IATA codes), local departure time and, when the supplier
 * gives it, the booking class the seat is sold in (one capital letter: Y, B, J ...). Airlines agree commission per
 * booking class, so the class is what a commission rule matches on.
 */
public record Segment(String carrier, String flightNumber, String origin, String destination,
                      LocalDateTime departure, Optional<String> bookingClass) {
    public Segment {
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(flightNumber, "flightNumber");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(departure, "departure");
        Objects.requireNonNull(bookingClass, "bookingClass");
        if (bookingClass.isPresent() && !isBookingClass(bookingClass.get())) {
            throw new IllegalArgumentException("a booking class is one capital letter: " + bookingClass.get());
        }
    }

    /** A segment whose booking class the supplier does not give. */
    public Segment(String carrier, String flightNumber, String origin, String destination, LocalDateTime departure) {
        this(carrier, flightNumber, origin, destination, departure, Optional.empty());
    }

    /** Whether {@code code} is a booking class: one letter from A to Z. */
    public static boolean isBookingClass(String code) {
        return code.length() == 1 && code.charAt(0) >= 'A' && code.charAt(0) <= 'Z';
    }
}
