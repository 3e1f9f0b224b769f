package io.travobooks.booking.service;

import io.travobooks.booking.BookingStatus;
import io.travobooks.booking.RefundQuote;
import io.travobooks.booking.posting.PostingRuleTemplates;
import io.travobooks.ledger.JournalEntry;
import io.travobooks.spi.Money;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.ledger.Side;
import io.travobooks.spi.supplier.Fare;
import io.travobooks.spi.supplier.Passenger;
import io.travobooks.spi.travel.Document;
import io.travobooks.spi.travel.DocumentType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the customer is owed on the refund quote a booking holds, against what the refund would post. */
class RefundToCustomerTest {
    private static final Instant NOW = Instant.parse("2026-03-12T06:00:00Z");
    private static final Document FIRST = Document.issued("1762000000001", DocumentType.TICKET, 1);
    private static final Document SECOND = Document.issued("1762000000002", DocumentType.TICKET, 1);
    /** The worked example's terms: commission 2,800, fee 1,000 + 150 VAT, refund fee 500 + 75 VAT. */
    private static final BookingTerms TERMS = BookingTerms.bspAgent(bdt("2800"), bdt("1000"), bdt("150"))
            .withRefundFee(bdt("500"), bdt("75"));

    private static Money bdt(String amount) {
        return Money.of(amount, "BDT");
    }

    private static Booking booking(BookingStatus status, BookingTerms terms) {
        return new Booking(TenantId.of("t1"), "BK1", 4, "PNR1", "176",
                List.of(new Passenger("RAHIM", "UDDIN"), new Passenger("KARIM", "UDDIN")),
                new Fare(bdt("40000"), bdt("8000"), bdt("6000")), terms, status, List.of(FIRST, SECOND),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static Booking quoted(Set<String> documents, Money refundable, Money penalty, BookingTerms terms) {
        BookingStatus.Issued issued = new BookingStatus.Issued(List.of(FIRST, SECOND), NOW);
        return booking(new BookingStatus.RefundQuoted(issued, new RefundQuote("RQ1", documents, refundable, penalty,
                NOW.plusSeconds(3600)), false), terms);
    }

    /** What the refund entries of the booking's quote credit to refunds payable (2250), by the default rules. */
    private static Money postedTo2250(Booking booking) {
        RefundQuote quote = ((BookingStatus.RefundQuoted) booking.status()).quote();
        List<JournalEntry> entries = BookingEntries.refund(booking, quote, booking.documents(),
                PostingRuleTemplates.travelAgency(), LocalDate.of(2026, 3, 12), 5).orThrow();
        long credited = entries.stream().flatMap(entry -> entry.lines().stream())
                .filter(line -> line.account().value().equals("2250"))
                .mapToLong(line -> line.side() == Side.CREDIT ? line.amount().minor() : -line.amount().minor())
                .sum();
        return new Money(credited, bdt("0").currency());
    }

    @Test
    void oneTicketOfTheWorkedExample() {
        // docs/accounting.md: 54,000 less the 5,000 penalty is 49,000 refundable; less 500 fee and 75 VAT: 48,425
        Booking booking = quoted(Set.of(FIRST.number()), bdt("49000"), bdt("5000"), TERMS);

        assertThat(booking.refundToCustomer()).contains(bdt("48425"));
        assertThat(postedTo2250(booking)).isEqualTo(bdt("48425"));
    }

    @Test
    void eachRefundedTicketBearsTheRefundFee() {
        // 97,999.99 split over two tickets: 49,000.00 and 48,999.99; each less 575: 48,425.00 + 48,424.99
        Booking booking = quoted(Set.of(FIRST.number(), SECOND.number()), bdt("97999.99"), bdt("10000"), TERMS);

        assertThat(booking.refundToCustomer()).contains(bdt("96849.99"));
        assertThat(postedTo2250(booking)).isEqualTo(bdt("96849.99"));
    }

    @Test
    void feesAboveTheRefundLeaveTheCustomerOwingTheDifference() {
        // 400 back from the airline, less 575: the customer owes 175, which the rule posts on the debit side
        Booking booking = quoted(Set.of(FIRST.number()), bdt("400"), bdt("53600"), TERMS);

        assertThat(booking.refundToCustomer()).contains(bdt("-175"));
        assertThat(postedTo2250(booking)).isEqualTo(bdt("-175"));
    }

    @Test
    void withoutARefundQuoteNothingIsOwed() {
        assertThat(booking(new BookingStatus.Issued(List.of(FIRST, SECOND), NOW), TERMS).refundToCustomer()).isEmpty();
        assertThat(booking(new BookingStatus.Refunded(List.of(FIRST, SECOND)), TERMS).refundToCustomer()).isEmpty();
    }
}
