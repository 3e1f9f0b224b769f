package io.travobooks.booking.service;

import io.travobooks.booking.BookingStatus;
import io.travobooks.booking.posting.PostingAmount;
import io.travobooks.booking.posting.PostingFacts;
import io.travobooks.spi.Money;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.supplier.ExchangeOffer;
import io.travobooks.spi.supplier.Fare;
import io.travobooks.spi.supplier.Passenger;
import io.travobooks.spi.travel.Document;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A booking as the service keeps it: the supplier's order (PNR, airline, passengers, fare per passenger), the
 * agency's terms, the machine's status, the documents issued on it (empty before issue), the pending ledger
 * entry that holds the customer's deposit, if one was taken, the supplier's last exchange quote, which a
 * confirmation posts, the follow-on booking that quote is being confirmed as (from the request to the airline until
 * the exchange is recorded), and the posting that waits for the ledger, if it refused one after the supplier acted.
 */
public record Booking(TenantId tenant, String id, long version, String pnr, String airlinePrefix,
                      List<Passenger> passengers, Fare farePerPassenger, BookingTerms terms, BookingStatus status,
                      List<Document> documents, Optional<String> depositHold, Optional<ExchangeOffer> exchangeQuote,
                      Optional<String> exchangeFollowOn, Optional<Unposted> unposted) {
    public Booking {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pnr, "pnr");
        Objects.requireNonNull(airlinePrefix, "airlinePrefix");
        passengers = List.copyOf(passengers);
        Objects.requireNonNull(farePerPassenger, "farePerPassenger");
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(status, "status");
        documents = List.copyOf(documents);
        Objects.requireNonNull(depositHold, "depositHold");
        Objects.requireNonNull(exchangeQuote, "exchangeQuote");
        Objects.requireNonNull(exchangeFollowOn, "exchangeFollowOn");
        Objects.requireNonNull(unposted, "unposted");
    }

    Booking with(BookingStatus next, List<Document> newDocuments) {
        return new Booking(tenant, id, version + 1, pnr, airlinePrefix, passengers, farePerPassenger, terms, next,
                newDocuments, depositHold, exchangeQuote, exchangeFollowOn, unposted);
    }

    /**
     * The same booking version at another fare per passenger (a repricing's), for the transition to store; a
     * percentage commission is worked out on its base fare.
     */
    Booking withFare(Fare fare) {
        return new Booking(tenant, id, version, pnr, airlinePrefix, passengers, fare, terms.commissionOn(fare.base()),
                status, documents, depositHold, exchangeQuote, exchangeFollowOn, unposted);
    }

    /** What the airline is paid for the booking's tickets, one per passenger: the fare with its taxes. */
    public Money fareTotal() {
        Money each = farePerPassenger.total();
        return new Money(Math.multiplyExact(each.minor(), passengers.size()), each.currency());
    }

    /**
     * What the customer is invoiced for the booking's tickets, one per passenger: the fare with its taxes, the
     * markup, and the service fee with its tax ({@code CUSTOMER_TOTAL} of the postings).
     */
    public Money customerTotal() {
        return new PostingFacts(farePerPassenger.base().currency(), BookingEntries.saleFacts(this, passengers.size()),
                Map.of()).amount(PostingAmount.CUSTOMER_TOTAL);
    }

    /**
     * What the customer gets back if the refund quote the booking holds is confirmed: per refunded document, its
     * share of what the airline pays back less the agency's refund fee and its tax (the amount the refund posts as
     * {@code REFUND_TO_CUSTOMER}, to refunds payable in the default rules), added up. Negative when the fees exceed
     * the refund. Empty when the booking holds no refund quote; after the confirmation, the refund's entries
     * say it.
     */
    public Optional<Money> refundToCustomer() {
        return status instanceof BookingStatus.RefundQuoted quoted
                ? Optional.of(BookingEntries.refundToCustomer(this, quoted.quote()))
                : Optional.empty();
    }

    /** The same version, holding the customer's deposit as the pending entry {@code pendingEntryId}. */
    Booking withDepositHold(String pendingEntryId) {
        return new Booking(tenant, id, version, pnr, airlinePrefix, passengers, farePerPassenger, terms, status,
                documents, Optional.of(pendingEntryId), exchangeQuote, exchangeFollowOn, unposted);
    }

    /** The same version, keeping the supplier's exchange quote. */
    Booking withExchangeQuote(ExchangeOffer quote) {
        return new Booking(tenant, id, version, pnr, airlinePrefix, passengers, farePerPassenger, terms, status,
                documents, depositHold, Optional.of(quote), exchangeFollowOn, unposted);
    }

    /** The same version, confirming its exchange quote as booking {@code followOn}, or no longer ({@code empty}). */
    Booking withExchangeFollowOn(Optional<String> followOn) {
        return new Booking(tenant, id, version, pnr, airlinePrefix, passengers, farePerPassenger, terms, status,
                documents, depositHold, exchangeQuote, followOn, unposted);
    }

    /** The same booking version with a posting waiting for the ledger, or none ({@code Optional.empty()}). */
    Booking withUnposted(Optional<Unposted> waiting) {
        return new Booking(tenant, id, version, pnr, airlinePrefix, passengers, farePerPassenger, terms, status,
                documents, depositHold, exchangeQuote, exchangeFollowOn, waiting);
    }
}
