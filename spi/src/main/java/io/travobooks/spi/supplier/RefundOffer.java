package io.travobooks.spi.supplier;

import io.travobooks.spi.Money;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/** A refund quote: what the airline pays back for these documents and what it keeps, until {@code expiresAt}. */
public record RefundOffer(String quoteId, String pnr, Set<String> documentNumbers, Money refundable, Money penalty,
                          Instant expiresAt) {
    public RefundOffer {
        Objects.requireNonNull(quoteId, "quoteId");
        Objects.requireNonNull(pnr, "pnr");
        documentNumbers = Set.copyOf(documentNumbers);
        Objects.requireNonNull(refundable, "refundable");
        Objects.requireNonNull(penalty, "penalty");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
