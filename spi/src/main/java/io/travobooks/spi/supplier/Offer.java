package io.travobooks.spi.supplier;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A priced itinerary the supplier offers per passenger, valid until {@code expiresAt}. */
public record Offer(String offerId, String airlinePrefix, List<Segment> segments, Fare farePerPassenger,
                    Instant expiresAt) {
    public Offer {
        Objects.requireNonNull(offerId, "offerId");
        Objects.requireNonNull(airlinePrefix, "airlinePrefix");
        segments = List.copyOf(segments);
        Objects.requireNonNull(farePerPassenger, "farePerPassenger");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
