package io.travobooks.spi.supplier;

import java.time.LocalDateTime;
import java.util.Objects;

/** One flight: marketing carrier, flight number, airports (IATA codes) and local departure time. */
public record Segment(String carrier, String flightNumber, String origin, String destination,
                      LocalDateTime departure) {
    public Segment {
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(flightNumber, "flightNumber");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(departure, "departure");
    }
}
