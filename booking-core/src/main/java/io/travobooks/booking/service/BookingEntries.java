package io.travobooks.booking.service;

import io.travobooks.booking.RefundQuote;
import io.travobooks.booking.posting.PostingAmount;
import io.travobooks.booking.posting.PostingEventType;
import io.travobooks.booking.posting.PostingFacts;
import io.travobooks.booking.posting.PostingKey;
import io.travobooks.booking.posting.PostingRules;
import io.travobooks.booking.posting.SettlementChannel;
import io.travobooks.ledger.JournalEntry;
import io.travobooks.spi.Money;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.ledger.Dimension;
import io.travobooks.spi.ledger.EntryLine;
import io.travobooks.spi.supplier.ExchangeOffer;
import io.travobooks.spi.travel.Document;
import io.travobooks.spi.travel.DocumentType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The journal entries of a booking's events, one set per document so that every line carries its document
 * number. Entry ids derive from the booking, the event and the document, so that doing a transition again (a
 * retry, a reconciler finishing a crashed issue) posts nothing twice: the ledger answers a repeated id with the
 * first result.
 */
final class BookingEntries {
    private BookingEntries() {
    }

    /** Ids of the entries an event posts for one document: {@code <booking>.<event>.<document>.<n>}. */
    static String entryId(Booking booking, String event, Document document, int n) {
        return booking.id() + "." + event + "." + document.number() + "." + n;
    }

    /** The issue entries of every ticket: fare, commission and fees per ticket, by the tenant's rules. */
    static Outcome<List<JournalEntry>> issue(Booking booking, List<Document> documents, PostingRules rules,
                                             LocalDate date) {
        PostingKey key = key(booking, PostingEventType.ISSUE);
        List<JournalEntry> entries = new ArrayList<>();
        for (Document document : documents) {
            if (document.type() != DocumentType.TICKET) {
                continue; // EMDs post as their own event
            }
            Outcome<List<JournalEntry>> built = build(booking, "IS", document, key, saleFacts(booking, 1),
                    booking.farePerPassenger().taxesByCode(), rules, date, "Issue of " + document.number());
            if (!(built instanceof Outcome.Ok<List<JournalEntry>> ok)) {
                return built;
            }
            entries.addAll(ok.value());
        }
        return Outcome.ok(entries);
    }

    /** The deposit held for a booking: what the customer will be invoiced for all its passengers. */
    static Outcome<JournalEntry> deposit(Booking booking, String entryId, PostingRules rules, LocalDate date) {
        PostingFacts facts = new PostingFacts(booking.terms().currency(),
                saleFacts(booking, booking.passengers().size()), Map.of(Dimension.AIRLINE, booking.airlinePrefix(),
                Dimension.BOOKING_ID, booking.id()));
        return rules.linesFor(key(booking, PostingEventType.DEPOSIT), facts).map(entries -> {
            JournalEntry.Builder entry = JournalEntry.builder(entryId, date)
                    .description("Deposit held for " + booking.id()).externalRef(booking.pnr())
                    .sourceDocument("booking:" + booking.id());
            entries.forEach(entry::lines);
            return entry.build();
        });
    }

    /** The facts of selling {@code tickets} tickets of the booking: fare, commission, fee and its tax, markup. */
    static Map<PostingAmount, Money> saleFacts(Booking booking, int tickets) {
        Map<PostingAmount, Money> facts = new EnumMap<>(PostingAmount.class);
        facts.put(PostingAmount.BASE_FARE, times(booking.farePerPassenger().base(), tickets));
        facts.put(PostingAmount.CARRIER_SURCHARGES, times(booking.farePerPassenger().carrierSurcharges(), tickets));
        facts.put(PostingAmount.TAXES, times(booking.farePerPassenger().taxes(), tickets));
        facts.put(PostingAmount.COMMISSION, times(booking.terms().commission(), tickets));
        facts.put(PostingAmount.SERVICE_FEE, times(booking.terms().serviceFee(), tickets));
        facts.put(PostingAmount.SERVICE_FEE_TAX, times(booking.terms().serviceFeeTax(), tickets));
        facts.put(PostingAmount.MARKUP, times(booking.terms().markup(), tickets));
        return facts;
    }

    private static Money times(Money money, int count) {
        return new Money(Math.multiplyExact(money.minor(), count), money.currency());
    }

    /**
     * The refund entries of a confirmed quote, split over its documents (the remainder of an uneven split on the
     * first): what the airline pays back, the commission it recalls on the refunded base, and the agency's refund
     * fee with its tax, per document.
     */
    static Outcome<List<JournalEntry>> refund(Booking booking, RefundQuote quote, List<Document> documents,
                                              PostingRules rules, LocalDate date, long version) {
        PostingKey key = key(booking, PostingEventType.REFUND);
        List<JournalEntry> entries = new ArrayList<>();
        for (DocumentFacts refunded : refundFacts(booking, quote, documents)) {
            Document document = refunded.document();
            Outcome<List<JournalEntry>> built = build(booking, "RF" + version, document, key, refunded.amounts(),
                    Map.of(), rules, date, "Refund of " + document.number() + " (quote " + quote.quoteId() + ")");
            if (!(built instanceof Outcome.Ok<List<JournalEntry>> ok)) {
                return built;
            }
            entries.addAll(ok.value());
        }
        return Outcome.ok(entries);
    }

    /**
     * What the customer gets back on the quote: the {@code REFUND_TO_CUSTOMER} of each document's refund facts,
     * the very facts {@link #refund} posts, so that the figure and the posting cannot differ.
     */
    static Money refundToCustomer(Booking booking, RefundQuote quote) {
        Money total = new Money(0, booking.terms().currency());
        for (DocumentFacts refunded : refundFacts(booking, quote, booking.documents())) {
            // The amounts alone decide it: the lines' dimensions do not enter the sum.
            total = total.plus(new PostingFacts(booking.terms().currency(), refunded.amounts(), Map.of(), Map.of())
                    .amount(PostingAmount.REFUND_TO_CUSTOMER));
        }
        return total;
    }

    /** One document's facts of an event. */
    private record DocumentFacts(Document document, Map<PostingAmount, Money> amounts) {
    }

    /** The refund facts of each of the quote's documents the booking holds, in document number order. */
    private static List<DocumentFacts> refundFacts(Booking booking, RefundQuote quote, List<Document> documents) {
        List<Document> refunded = documents.stream()
                .filter(document -> quote.documentNumbers().contains(document.number()))
                .sorted((a, b) -> a.number().compareTo(b.number()))
                .toList();
        List<DocumentFacts> all = new ArrayList<>();
        List<Money> shares = split(quote.refundable(), refunded.size());
        List<Money> penalties = split(quote.penalty(), refunded.size());
        for (int i = 0; i < refunded.size(); i++) {
            Document document = refunded.get(i);
            Map<PostingAmount, Money> facts = new EnumMap<>(PostingAmount.class);
            facts.put(PostingAmount.REFUNDABLE, shares.get(i));
            if (document.type() == DocumentType.TICKET) {
                facts.put(PostingAmount.COMMISSION_RECALLED, recalledCommission(booking, penalties.get(i)));
            }
            facts.put(PostingAmount.SERVICE_FEE, booking.terms().refundFee());
            facts.put(PostingAmount.SERVICE_FEE_TAX, booking.terms().refundFeeTax());
            all.add(new DocumentFacts(document, facts));
        }
        return all;
    }

    /** The EMD entries: {@code amount} per EMD, no commission (docs/accounting.md: 1100 / 2100 6,000). */
    static Outcome<List<JournalEntry>> emd(Booking booking, List<Document> emds, Money amount, PostingRules rules,
                                           LocalDate date) {
        PostingKey key = key(booking, PostingEventType.EMD);
        List<JournalEntry> entries = new ArrayList<>();
        for (Document document : emds) {
            Outcome<List<JournalEntry>> built = build(booking, "EM", document, key,
                    Map.of(PostingAmount.EMD_AMOUNT, amount), Map.of(), rules, date, "EMD " + document.number());
            if (!(built instanceof Outcome.Ok<List<JournalEntry>> ok)) {
                return built;
            }
            entries.addAll(ok.value());
        }
        return Outcome.ok(entries);
    }

    /**
     * The exchange entries, on the follow-on booking, per new ticket: the quote's fare difference and change
     * penalty, the commission on the difference (the old ticket's commission rate on its base: docs/accounting.md 7% x
     * 2,000 = 140), and the reissue fee with its tax.
     */
    static Outcome<List<JournalEntry>> exchange(Booking followOn, Booking original, ExchangeOffer quote,
                                                List<Document> newTickets, PostingRules rules, LocalDate date) {
        PostingKey key = key(followOn, PostingEventType.EXCHANGE);
        Money commission = commissionOn(original, quote.fareDifference());
        List<JournalEntry> entries = new ArrayList<>();
        for (Document document : newTickets) {
            Map<PostingAmount, Money> facts = new EnumMap<>(PostingAmount.class);
            facts.put(PostingAmount.FARE_DIFFERENCE, quote.fareDifference());
            facts.put(PostingAmount.CHANGE_PENALTY, quote.changePenalty());
            facts.put(PostingAmount.COMMISSION, commission);
            facts.put(PostingAmount.SERVICE_FEE, followOn.terms().reissueFee());
            facts.put(PostingAmount.SERVICE_FEE_TAX, followOn.terms().reissueFeeTax());
            Outcome<List<JournalEntry>> built = build(followOn, "EX", document, key, facts, Map.of(), rules, date,
                    "Reissue " + document.number() + " (quote " + quote.quoteId() + ")");
            if (!(built instanceof Outcome.Ok<List<JournalEntry>> ok)) {
                return built;
            }
            entries.addAll(ok.value());
        }
        return Outcome.ok(entries);
    }

    /** {@code amount} x numerator / denominator, rounded half up; zero when the denominator is. */
    private static Money scaled(Money amount, long numerator, long denominator) {
        if (denominator == 0) {
            return new Money(0, amount.currency());
        }
        BigDecimal value = BigDecimal.valueOf(amount.minor())
                .multiply(BigDecimal.valueOf(numerator))
                .divide(BigDecimal.valueOf(denominator), 0, RoundingMode.HALF_UP);
        return new Money(value.longValueExact(), amount.currency());
    }

    /**
     * The commission the airline takes back: the commission on the base fare it refunds, that is the ticket's
     * commission scaled by (base - penalty) / base (docs/accounting.md: 7% x 35,000 = 2,450), rounded half up.
     */
    static Money recalledCommission(Booking booking, Money penalty) {
        long base = booking.farePerPassenger().base().minor();
        return commissionOn(booking, new Money(Math.max(0, base - penalty.minor()),
                booking.farePerPassenger().base().currency()));
    }

    /**
     * The booking's commission on {@code amount} of base fare: its percentage of it when the commission is a
     * percentage (rounded as the commission itself is), else the per-ticket amount in proportion to the base fare.
     */
    static Money commissionOn(Booking booking, Money amount) {
        return booking.terms().commissionPercent()
                .map(percent -> new Commission.Percent(percent).on(amount))
                .orElseGet(() -> scaled(booking.terms().commission(), amount.minor(),
                        booking.farePerPassenger().base().minor()));
    }

    private static Outcome<List<JournalEntry>> build(Booking booking, String event, Document document,
                                                     PostingKey key, Map<PostingAmount, Money> facts,
                                                     Map<String, Money> taxesByCode, PostingRules rules,
                                                     LocalDate date, String description) {
        return switch (rules.linesFor(key, postingFacts(booking, document, facts, taxesByCode, rules, date))) {
            case Outcome.Refused<List<List<EntryLine>>> refused -> new Outcome.Refused<>(refused.rejection());
            case Outcome.Ok<List<List<EntryLine>>> ok -> {
                List<JournalEntry> entries = new ArrayList<>();
                for (int n = 0; n < ok.value().size(); n++) {
                    entries.add(JournalEntry.builder(entryId(booking, event, document, n), date)
                            .description(description)
                            .externalRef(booking.pnr())
                            .sourceDocument("ticket:" + document.number())
                            .lines(ok.value().get(n))
                            .build());
                }
                yield Outcome.ok(entries);
            }
        };
    }

    /** The BSP billing period a line dated {@code date} of a BSP sale belongs to; none for other channels. */
    static Optional<String> billingPeriod(Booking booking, PostingRules rules, LocalDate date) {
        return booking.terms().channel() == SettlementChannel.BSP
                ? Optional.of(rules.billingCalendar().periodOf(date)) : Optional.empty();
    }

    /** The facts of one document's entries, with the dimensions every line carries. */
    private static PostingFacts postingFacts(Booking booking, Document document, Map<PostingAmount, Money> facts,
                                             Map<String, Money> taxesByCode, PostingRules rules, LocalDate date) {
        Map<Dimension, String> dimensions = new EnumMap<>(Dimension.class);
        dimensions.put(Dimension.AIRLINE, document.airlinePrefix());
        dimensions.put(Dimension.DOCUMENT_NUMBER, document.number());
        dimensions.put(Dimension.BOOKING_ID, booking.id());
        billingPeriod(booking, rules, date).ifPresent(period -> dimensions.put(Dimension.BILLING_PERIOD, period));
        return new PostingFacts(booking.terms().currency(), facts, dimensions, taxesByCode);
    }

    private static PostingKey key(Booking booking, PostingEventType event) {
        BookingTerms terms = booking.terms();
        return new PostingKey(event, terms.channel(), terms.payment(), terms.model());
    }

    /** {@code total} in {@code parts} shares of whole minor units, the remainder on the first. */
    static List<Money> split(Money total, int parts) {
        List<Money> shares = new ArrayList<>(parts);
        long share = total.minor() / parts;
        long remainder = total.minor() - share * parts;
        for (int i = 0; i < parts; i++) {
            shares.add(new Money(i == 0 ? share + remainder : share, total.currency()));
        }
        return shares;
    }
}
