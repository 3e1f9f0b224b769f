package io.travobooks.booking;

import io.travobooks.spi.Money;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A supplier's refund offer for some of the booking's documents (all of them: a full refund): what the airline
 * keeps as penalty and what it pays back, valid until {@code expiresAt}. Confirming it is a second step.
 */
public record RefundQuote(String quoteId, Set<String> documentNumbers, Money refundable, Money penalty,
                          Instant expiresAt) {
    public RefundQuote {
        Objects.requireNonNull(quoteId, "quoteId");
        documentNumbers = Set.copyOf(documentNumbers);
        Objects.requireNonNull(refundable, "refundable");
        Objects.requireNonNull(penalty, "penalty");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (documentNumbers.isEmpty()) {
            throw new IllegalArgumentException("a refund quote covers at least one document");
        }
    }
}
