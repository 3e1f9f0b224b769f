package io.travobooks.spi.supplier;

import io.travobooks.spi.Money;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An exchange (reissue) quote: what the airline collects to exchange these documents for the itinerary of
 * {@code newOfferId}, per document: the fare difference and the change penalty, until {@code expiresAt}.
 */
public record ExchangeOffer(String quoteId, String pnr, Set<String> documentNumbers, String newOfferId,
                            Money fareDifference, Money changePenalty, Instant expiresAt) {
    public ExchangeOffer {
        Objects.requireNonNull(quoteId, "quoteId");
        Objects.requireNonNull(pnr, "pnr");
        documentNumbers = Set.copyOf(documentNumbers);
        Objects.requireNonNull(newOfferId, "newOfferId");
        Objects.requireNonNull(fareDifference, "fareDifference");
        Objects.requireNonNull(changePenalty, "changePenalty");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
