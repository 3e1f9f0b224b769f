package io.travobooks.booking;

import io.travobooks.spi.travel.Document;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the orchestrator must do after an accepted command, returned as data so that the machine itself does no
 * I/O. Effects that change stored state ({@link StoreDocuments}, {@link PostEntry}, {@link PublishEvent}) commit
 * in the same transaction as the new status; {@link CallSupplier} happens outside any transaction.
 */
public sealed interface BookingEffect {

    enum SupplierCall { ISSUE, VOID, REFUND_QUOTE, REFUND_CONFIRM, EMD, CANCEL_HOLD }

    /** A posting-rule event: the journal entry the travel posting rules turn it into. */
    enum PostingEvent { ISSUE, VOID, REFUND, EXCHANGE, EMD }

    /** Record the supplier request as pending and commit, before the call (the reconciler's starting point). */
    record RecordSupplierRequest(String requestId, SupplierCall call) implements BookingEffect {
        public RecordSupplierRequest {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(call, "call");
        }
    }

    /**
     * Call the supplier; {@code reference} is the request id (issue), quote id (refund confirm) or document
     * numbers (void, refund quote) it is about, and "hold" for a cancel (the orchestrator knows the PNR).
     */
    record CallSupplier(SupplierCall call, String reference) implements BookingEffect {
        public CallSupplier {
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(reference, "reference");
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

    /** Ask the supplier by request id what became of an ambiguous issue, from {@code notBefore} on. */
    record ScheduleReconcile(String requestId, Instant notBefore) implements BookingEffect {
        public ScheduleReconcile {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(notBefore, "notBefore");
        }
    }

    /** Void the customer deposit held for the booking (a pending two-phase ledger entry), if there is one. */
    record ReleaseDepositHold() implements BookingEffect {
    }
}
