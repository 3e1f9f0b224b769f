package io.travobooks.spi.supplier;

import io.travobooks.spi.travel.Document;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The supplier's view of an order (PNR): its status, the documents issued on it, and every issue request id it
 * has processed, which is how a reconciler settles an ambiguous issue. The ticketing time limit and the price
 * guarantee are those of the hold and the last pricing; {@code issuedAt} is the supplier's issue time (empty before
 * issue), from which void windows count.
 */
public record SupplierOrder(String pnr, Status status, List<Passenger> passengers, Offer offer,
                            Instant ticketingTimeLimit, Instant priceGuaranteeUntil, List<Document> documents,
                            List<String> issueRequestIds, Optional<Instant> issuedAt) {

    /** {@code EXPIRED}: a hold whose ticketing time limit passed; the airline released the seats. */
    public enum Status { HELD, ISSUED, VOIDED, REFUNDED, CANCELLED, EXPIRED }

    public SupplierOrder {
        Objects.requireNonNull(pnr, "pnr");
        Objects.requireNonNull(status, "status");
        passengers = List.copyOf(passengers);
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(ticketingTimeLimit, "ticketingTimeLimit");
        Objects.requireNonNull(priceGuaranteeUntil, "priceGuaranteeUntil");
        documents = List.copyOf(documents);
        issueRequestIds = List.copyOf(issueRequestIds);
        Objects.requireNonNull(issuedAt, "issuedAt");
    }
}
