package io.travobooks.booking.internal;

import io.travobooks.booking.PostingEvent;
import io.travobooks.spi.supplier.ExchangeOffer;
import io.travobooks.spi.travel.Document;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the orchestrator must do after an accepted command, returned as data so that the machine itself does no
 * I/O. Effects that change stored state ({@link StoreDocuments}, {@link PostEntry}, {@link PublishEvent}) commit
 * in the same transaction as the new status; {@link CallSupplier} happens outside any transaction.
 */
public sealed interface BookingEffect {

    enum SupplierCall { ISSUE, VOID, REFUND_QUOTE, REFUND_CONFIRM, EMD, CANCEL_HOLD, EXCHANGE_QUOTE, EXCHANGE_CONFIRM }

    /** Record the supplier request as pending and commit, before the call (the reconciler's starting point). */
    record RecordSupplierRequest(String requestId, SupplierCall call) implements BookingEffect {
        public RecordSupplierRequest {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(call, "call");
        }
    }

    /**
     * Call the supplier; {@code reference} is the request id (issue), quote id (refund or exchange confirm), offer
     * id (exchange quote) or document numbers (void, refund quote) it is about, and "hold" for a cancel (the
     * orchestrator knows the PNR); {@code documents} are the tickets an exchange quote is for.
     */
    record CallSupplier(SupplierCall call, String reference, Set<String> documents) implements BookingEffect {
        public CallSupplier {
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(reference, "reference");
            documents = Set.copyOf(documents);
        }

        public CallSupplier(SupplierCall call, String reference) {
            this(call, reference, Set.of());
        }
    }

    record StoreDocuments(List<Document> documents) implements BookingEffect {
        public StoreDocuments {
            documents = List.copyOf(documents);
        }
    }

    /** Post the journal entry for {@code event} on these documents (a void reverses the issue entry). */
    record PostEntry(PostingEvent event, List<Document> documents) implements BookingEffect {
        public PostEntry {
            Objects.requireNonNull(event, "event");
            documents = List.copyOf(documents);
        }
    }

    /** Write the event to the outbox, for example {@code booking.issued}. */
    record PublishEvent(String type) implements BookingEffect {
        public PublishEvent {
            Objects.requireNonNull(type, "type");
        }
    }

    /** Void the customer deposit held for the booking (a pending two-phase ledger entry), if there is one. */
    record ReleaseDepositHold() implements BookingEffect {
    }

    /** Hold the customer's deposit as a pending ledger entry named {@code holdId}, which the ledger expires then. */
    record ReserveDeposit(String holdId, Instant expiresAt) implements BookingEffect {
        public ReserveDeposit {
            Objects.requireNonNull(holdId, "holdId");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** Keep the supplier's exchange quote with the booking, for a confirmation to name. */
    record KeepExchangeQuote(ExchangeOffer quote) implements BookingEffect {
        public KeepExchangeQuote {
            Objects.requireNonNull(quote, "quote");
        }
    }

    /**
     * Mark the booking as being exchanged into the follow-on booking {@code followOnId} (or, empty, no longer), so
     * that a confirmation whose answer is lost is settled by the reconciler.
     */
    record MarkExchange(Optional<String> followOnId) implements BookingEffect {
        public MarkExchange {
            Objects.requireNonNull(followOnId, "followOnId");
        }
    }
}
