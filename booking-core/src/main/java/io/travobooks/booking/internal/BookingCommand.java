package io.travobooks.booking.internal;

import io.travobooks.booking.RefundQuote;
import io.travobooks.booking.VoidWindow;
import io.travobooks.spi.Money;
import io.travobooks.spi.supplier.ExchangeOffer;
import io.travobooks.spi.travel.Document;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What may happen to a booking: a caller's request ({@link Hold}, {@link RequestIssue}, {@link RequestVoid} ...)
 * or a supplier's answer ({@link IssueConfirmed}, {@link IssueAmbiguous} ...). Every command that depends on the
 * time carries {@code now}, read from the caller's injected clock, so the machine stays a pure function.
 */
public sealed interface BookingCommand {

    /** The supplier created the hold (PNR/order) until {@code ticketingTimeLimit}. */
    record Hold(Instant ticketingTimeLimit, Instant now) implements BookingCommand {
        public Hold {
            Objects.requireNonNull(ticketingTimeLimit, "ticketingTimeLimit");
            Objects.requireNonNull(now, "now");
        }
    }

    /** The supplier priced the held booking and guarantees the price until {@code priceGuaranteeUntil}. */
    record Price(Instant priceGuaranteeUntil, Instant now, Optional<Currency> fareCurrency) implements BookingCommand {
        public Price {
            Objects.requireNonNull(priceGuaranteeUntil, "priceGuaranteeUntil");
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(fareCurrency, "fareCurrency");
        }

        /** A pricing that leaves the fare as it is. */
        public Price(Instant priceGuaranteeUntil, Instant now) {
            this(priceGuaranteeUntil, now, Optional.empty());
        }
    }

    /**
     * Issue the priced booking with a new supplier request id; {@code approvalRequired} is the tenant's approval
     * policy's answer for this booking and actor.
     */
    record RequestIssue(String requestId, boolean approvalRequired, Instant now) implements BookingCommand {
        public RequestIssue {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(now, "now");
        }
    }

    record Approve(String approver, Instant now) implements BookingCommand {
        public Approve {
            Objects.requireNonNull(approver, "approver");
            Objects.requireNonNull(now, "now");
        }
    }

    record RejectApproval(String approver, String reason) implements BookingCommand {
        public RejectApproval {
            Objects.requireNonNull(approver, "approver");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The supplier issued {@code documents} for {@code requestId} at {@code issuedAt} (its answer, or a
     * reconciler's retrieve later: the void window counts from the supplier's issue time).
     */
    record IssueConfirmed(String requestId, List<Document> documents, Instant issuedAt) implements BookingCommand {
        public IssueConfirmed {
            Objects.requireNonNull(requestId, "requestId");
            documents = List.copyOf(documents);
            Objects.requireNonNull(issuedAt, "issuedAt");
        }
    }

    /** The supplier's answer was ambiguous (timeout, 5xx): the airline may have issued. */
    record IssueAmbiguous(String requestId, String reason, Instant now) implements BookingCommand {
        public IssueAmbiguous {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(now, "now");
        }
    }

    /** The supplier said it did not issue (its answer, or a reconciler's retrieve found no order). */
    record IssueRejected(String requestId, String reason) implements BookingCommand {
        public IssueRejected {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Void the issued documents; {@code window} is the supplier and channel's void window. */
    record RequestVoid(VoidWindow window, Instant now) implements BookingCommand {
        public RequestVoid {
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(now, "now");
        }
    }

    /** The supplier voided the documents. */
    record VoidConfirmed(Instant now) implements BookingCommand {
        public VoidConfirmed {
            Objects.requireNonNull(now, "now");
        }
    }

    /** Ask the supplier what refunding these documents would return. */
    record RequestRefundQuote(Set<String> documentNumbers) implements BookingCommand {
        public RequestRefundQuote {
            documentNumbers = Set.copyOf(documentNumbers);
        }
    }

    record RefundQuoteReceived(RefundQuote quote) implements BookingCommand {
        public RefundQuoteReceived {
            Objects.requireNonNull(quote, "quote");
        }
    }

    /** Accept the quote the booking holds; the supplier is then asked to confirm it. */
    record ConfirmRefund(String quoteId, Instant now) implements BookingCommand {
        public ConfirmRefund {
            Objects.requireNonNull(quoteId, "quoteId");
            Objects.requireNonNull(now, "now");
        }
    }

    record DeclineRefund(String quoteId) implements BookingCommand {
        public DeclineRefund {
            Objects.requireNonNull(quoteId, "quoteId");
        }
    }

    /** The supplier refunded the quote's documents. */
    record RefundConfirmed(String quoteId, Instant now) implements BookingCommand {
        public RefundConfirmed {
            Objects.requireNonNull(quoteId, "quoteId");
            Objects.requireNonNull(now, "now");
        }
    }

    /**
     * The supplier refused the confirmed quote (it expired, a coupon changed), or it expired with the documents
     * untouched: the booking is issued again, and a new quote may be asked for.
     */
    record RefundRefused(String quoteId, String reason) implements BookingCommand {
        public RefundRefused {
            Objects.requireNonNull(quoteId, "quoteId");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The supplier exchanged the booking's tickets {@code exchanged} for {@code newDocuments} (after its own quote
     * step).
     */
    record ExchangeConfirmed(Set<String> exchanged, List<Document> newDocuments, Instant now)
            implements BookingCommand {
        public ExchangeConfirmed {
            exchanged = Set.copyOf(exchanged);
            newDocuments = List.copyOf(newDocuments);
            Objects.requireNonNull(now, "now");
        }
    }

    /** The supplier refused to confirm the exchange quote {@code quoteId}: the confirmation is over. */
    record ExchangeRefused(String quoteId) implements BookingCommand {
        public ExchangeRefused {
            Objects.requireNonNull(quoteId, "quoteId");
        }
    }

    /** Ask the supplier what exchanging the booking's {@code tickets} for the itinerary of {@code newOfferId} costs. */
    record RequestExchangeQuote(String newOfferId, Set<String> tickets) implements BookingCommand {
        public RequestExchangeQuote {
            Objects.requireNonNull(newOfferId, "newOfferId");
            tickets = Set.copyOf(tickets);
        }
    }

    /** The supplier quoted the exchange: the booking keeps the quote for a confirmation to name. */
    record ExchangeQuoteReceived(ExchangeOffer quote) implements BookingCommand {
        public ExchangeQuoteReceived {
            Objects.requireNonNull(quote, "quote");
        }
    }

    /**
     * Confirm the exchange quote {@code quoteId} the booking keeps, the new tickets going to the follow-on booking
     * {@code newBookingId}; {@code newBookingIdTaken} says whether a booking of that id exists already (read by the
     * service under the booking's lock, as the machine reads nothing itself).
     */
    record ConfirmExchange(String quoteId, String newBookingId, boolean newBookingIdTaken) implements BookingCommand {
        public ConfirmExchange {
            Objects.requireNonNull(quoteId, "quoteId");
            Objects.requireNonNull(newBookingId, "newBookingId");
        }
    }

    /**
     * Ask the supplier for an EMD (an extra bag, a seat) of {@code amount} per passenger on the issued booking, with
     * a new request id; {@code earlierRequestOpen} says whether another EMD request of the booking is unsettled
     * (read by the service under the booking's lock, as the machine reads nothing itself).
     */
    record RequestEmd(String requestId, Money amount, boolean earlierRequestOpen) implements BookingCommand {
        public RequestEmd {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(amount, "amount");
        }
    }

    /** Hold the customer's deposit, as the pending ledger entry {@code holdId}, until the booking is ticketed. */
    record HoldDeposit(String holdId) implements BookingCommand {
        public HoldDeposit {
            Objects.requireNonNull(holdId, "holdId");
        }
    }

    /** The supplier issued the EMDs {@code documents} for {@code requestId}. */
    record EmdIssued(String requestId, List<Document> documents) implements BookingCommand {
        public EmdIssued {
            Objects.requireNonNull(requestId, "requestId");
            documents = List.copyOf(documents);
        }
    }

    /** The sweeper found the hold past its ticketing time limit. */
    record Expire(Instant now) implements BookingCommand {
        public Expire {
            Objects.requireNonNull(now, "now");
        }
    }

    record Cancel(String reason) implements BookingCommand {
        public Cancel {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
