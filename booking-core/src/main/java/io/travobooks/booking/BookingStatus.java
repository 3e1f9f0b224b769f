package io.travobooks.booking;

import io.travobooks.spi.travel.Document;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A booking's state together with exactly the data that state needs, so that no state can lack its data (a held
 * booking always has its ticketing time limit, an issuing one its supplier request id).
 */
public sealed interface BookingStatus {

    BookingState state();

    record Draft() implements BookingStatus {
        @Override
        public BookingState state() {
            return BookingState.DRAFT;
        }
    }

    /** The supplier holds the seats until {@code ticketingTimeLimit}; after it the hold expires. */
    record Held(Instant ticketingTimeLimit) implements BookingStatus {
        public Held {
            Objects.requireNonNull(ticketingTimeLimit, "ticketingTimeLimit");
        }

        @Override
        public BookingState state() {
            return BookingState.HELD;
        }
    }

    /**
     * Held, with a price the supplier guarantees until {@code priceGuaranteeUntil}. {@code usedRequestIds} are
     * the issue requests already sent for the booking: a new attempt after a definite failure needs a new id, so
     * that a reconciler's retrieve by request id is never confused by an older attempt.
     */
    record Priced(Instant ticketingTimeLimit, Instant priceGuaranteeUntil, Set<String> usedRequestIds)
            implements BookingStatus {
        public Priced {
            Objects.requireNonNull(ticketingTimeLimit, "ticketingTimeLimit");
            Objects.requireNonNull(priceGuaranteeUntil, "priceGuaranteeUntil");
            usedRequestIds = Set.copyOf(usedRequestIds);
        }

        public Priced(Instant ticketingTimeLimit, Instant priceGuaranteeUntil) {
            this(ticketingTimeLimit, priceGuaranteeUntil, Set.of());
        }

        /** The same price, with {@code requestId} among the used ones. */
        public Priced using(String requestId) {
            Set<String> used = new HashSet<>(usedRequestIds);
            used.add(requestId);
            return new Priced(ticketingTimeLimit, priceGuaranteeUntil, used);
        }

        @Override
        public BookingState state() {
            return BookingState.PRICED;
        }
    }

    /** Issuance was asked for and waits for an approver (maker-checker); {@code requestId} is reserved for it. */
    record PendingApproval(Priced priced, String requestId) implements BookingStatus {
        public PendingApproval {
            Objects.requireNonNull(priced, "priced");
            Objects.requireNonNull(requestId, "requestId");
        }

        @Override
        public BookingState state() {
            return BookingState.PENDING_APPROVAL;
        }
    }

    /** The issue request {@code requestId} is recorded and is being (or about to be) sent to the supplier. */
    record Issuing(Priced priced, String requestId) implements BookingStatus {
        public Issuing {
            Objects.requireNonNull(priced, "priced");
            Objects.requireNonNull(requestId, "requestId");
        }

        @Override
        public BookingState state() {
            return BookingState.ISSUING;
        }
    }

    /**
     * The supplier's answer to {@code requestId} was ambiguous (a timeout, a 5xx): the airline may or may not have
     * issued. Only a retrieve by the request id settles it; the request is never sent again.
     */
    record IssueUnknown(Priced priced, String requestId, Instant since) implements BookingStatus {
        public IssueUnknown {
            Objects.requireNonNull(priced, "priced");
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(since, "since");
        }

        @Override
        public BookingState state() {
            return BookingState.ISSUE_UNKNOWN;
        }
    }

    /** The supplier said it did not issue; the booking may be issued again (a new request) or cancelled. */
    record IssueFailed(Priced priced, String requestId, String reason) implements BookingStatus {
        public IssueFailed {
            Objects.requireNonNull(priced, "priced");
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public BookingState state() {
            return BookingState.ISSUE_FAILED;
        }
    }

    /** Ticketed: the documents the booking holds now (after a partial refund, some coupons are refunded). */
    record Issued(List<Document> documents, Instant issuedAt) implements BookingStatus {
        public Issued {
            documents = List.copyOf(documents);
            Objects.requireNonNull(issuedAt, "issuedAt");
            if (documents.isEmpty()) {
                throw new IllegalArgumentException("an issued booking holds at least one document");
            }
        }

        @Override
        public BookingState state() {
            return BookingState.ISSUED;
        }
    }

    /**
     * Issued, with a refund quote the agency may confirm or decline; {@code confirming} once the confirmation
     * went to the supplier, after which only the supplier's answer moves the booking.
     */
    record RefundQuoted(Issued issued, RefundQuote quote, boolean confirming) implements BookingStatus {
        public RefundQuoted {
            Objects.requireNonNull(issued, "issued");
            Objects.requireNonNull(quote, "quote");
        }

        @Override
        public BookingState state() {
            return BookingState.REFUND_QUOTED;
        }
    }

    record Voided(List<Document> documents) implements BookingStatus {
        public Voided {
            documents = List.copyOf(documents);
        }

        @Override
        public BookingState state() {
            return BookingState.VOIDED;
        }
    }

    record Refunded(List<Document> documents) implements BookingStatus {
        public Refunded {
            documents = List.copyOf(documents);
        }

        @Override
        public BookingState state() {
            return BookingState.REFUNDED;
        }
    }

    /** The documents were exchanged for {@code newDocuments}, which the follow-on booking holds. */
    record Exchanged(List<Document> documents, List<Document> newDocuments) implements BookingStatus {
        public Exchanged {
            documents = List.copyOf(documents);
            newDocuments = List.copyOf(newDocuments);
        }

        @Override
        public BookingState state() {
            return BookingState.EXCHANGED;
        }
    }

    record Expired() implements BookingStatus {
        @Override
        public BookingState state() {
            return BookingState.EXPIRED;
        }
    }

    record Cancelled(String reason) implements BookingStatus {
        public Cancelled {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public BookingState state() {
            return BookingState.CANCELLED;
        }
    }
}
