package io.travobooks.booking.service;

import io.travobooks.booking.BookingErrorCode;
import io.travobooks.booking.posting.AccountingModel;
import io.travobooks.booking.posting.BillingCalendar;
import io.travobooks.booking.posting.FormOfPayment;
import io.travobooks.booking.posting.PostingAmount;
import io.travobooks.booking.posting.PostingEventType;
import io.travobooks.booking.posting.PostingFacts;
import io.travobooks.booking.posting.PostingKey;
import io.travobooks.booking.posting.PostingRules;
import io.travobooks.booking.posting.SettlementChannel;
import io.travobooks.ledger.AccountStatement;
import io.travobooks.ledger.JournalEntry;
import io.travobooks.ledger.Ledger;
import io.travobooks.ledger.LedgerReports;
import io.travobooks.ledger.PostResult;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.Money;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.Rejection;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.booking.BookingStore;
import io.travobooks.spi.ledger.Dimension;
import io.travobooks.spi.ledger.EntryLine;
import io.travobooks.spi.ledger.Side;
import io.travobooks.spi.ledger.StatementLine;
import io.travobooks.spi.travel.Document;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The money events of a booking that do not change its state (a deposit hold is the booking service's, since
 * issue and expiry resolve it): the customer's payment,
 * paying a refund out, BSP memos on its documents (ADM accepted, recharged or disputed, a won dispute, ACM), and
 * the BSP remittance of a billing period. Each posts through the tenant's posting rules with the booking's
 * settlement channel, form of payment and model, and carries the booking, document and airline dimensions, on the
 * caller's {@code date} (the value date of the payment, the memo's billing date). Ids are the caller's (a payment
 * id, a memo number): posting one again with the same content returns the first result.
 */
public final class BookingAccounting {
    private static final int MAX_REFERENCE = 24;
    /** The most days {@link #billingPeriods} reads, the first and the last included: a quarter. */
    public static final int MAX_PERIOD_RANGE_DAYS = 92;

    /** The end of every statement a billing period's due is read from. */
    private static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

    private final BookingStore store;
    private final Ledger ledger;
    private final Function<TenantId, PostingRules> rules;

    public BookingAccounting(BookingStore store, Ledger ledger, Function<TenantId, PostingRules> rules) {
        this.store = Objects.requireNonNull(store, "store");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /** How an agency answers an ADM: accept the loss, recharge it to the customer, or dispute it (a provision). */
    public enum AdmDecision {
        ACCEPTED(PostingEventType.ADM_ACCEPTED), RECHARGED(PostingEventType.ADM_RECHARGED),
        DISPUTED(PostingEventType.ADM_DISPUTED);

        private final PostingEventType event;

        AdmDecision(PostingEventType event) {
            this.event = event;
        }
    }

    public Outcome<PostResult> customerPayment(RequestContext context, String bookingId, String paymentId,
                                               Money amount, LocalDate date) {
        return withBooking(context, bookingId, booking -> post(context, booking, PostingEventType.CUSTOMER_PAYMENT,
                paymentId, Optional.empty(), Map.of(PostingAmount.PAYMENT, amount), "Customer pays " + bookingId, date));
    }

    public Outcome<PostResult> refundPayment(RequestContext context, String bookingId, String paymentId,
                                             Money amount, LocalDate date) {
        return withBooking(context, bookingId, booking -> post(context, booking, PostingEventType.REFUND_PAYMENT,
                paymentId, Optional.empty(), Map.of(PostingAmount.PAYMENT, amount), "Refund paid out for " + bookingId, date));
    }

    /** An ADM (agency debit memo) the airline raised on one of the booking's documents. */
    public Outcome<PostResult> adm(RequestContext context, String bookingId, String memoId, String documentNumber,
                                   Money amount, AdmDecision decision, LocalDate date) {
        return withDocument(context, bookingId, documentNumber, (booking, document) -> post(context, booking,
                decision.event, memoId, Optional.of(document), Map.of(PostingAmount.MEMO_AMOUNT, amount),
                "ADM " + memoId + " " + decision.name().toLowerCase(), date));
    }

    /** The dispute of ADM {@code memoId} was won: its provision is released. */
    public Outcome<PostResult> admDisputeWon(RequestContext context, String bookingId, String memoId,
                                             String documentNumber, Money amount, LocalDate date) {
        return withDocument(context, bookingId, documentNumber, (booking, document) -> post(context, booking,
                PostingEventType.ADM_DISPUTE_WON, memoId, Optional.of(document), Map.of(PostingAmount.MEMO_AMOUNT, amount),
                "ADM " + memoId + " dispute won", date));
    }

    /** The dispute of ADM {@code memoId} was lost: its provision becomes payable to BSP. */
    public Outcome<PostResult> admDisputeLost(RequestContext context, String bookingId, String memoId,
                                              String documentNumber, Money amount, LocalDate date) {
        return withDocument(context, bookingId, documentNumber, (booking, document) -> post(context, booking,
                PostingEventType.ADM_DISPUTE_LOST, memoId, Optional.of(document), Map.of(PostingAmount.MEMO_AMOUNT, amount),
                "ADM " + memoId + " dispute lost", date));
    }

    /** An ACM (agency credit memo): the airline owes the agency, for example under-claimed commission. */
    public Outcome<PostResult> acm(RequestContext context, String bookingId, String memoId, String documentNumber,
                                   Money amount, LocalDate date) {
        return withDocument(context, bookingId, documentNumber, (booking, document) -> post(context, booking,
                PostingEventType.ACM, memoId, Optional.of(document), Map.of(PostingAmount.MEMO_AMOUNT, amount),
                "ACM " + memoId, date));
    }

    /**
     * The passenger travelled on the booking's document: for a tenant that defers commission to travel, the
     * document's commission moves from deferred to earned revenue. Refused (no posting rule) for a tenant that
     * recognises commission at issue.
     */
    public Outcome<PostResult> travelled(RequestContext context, String bookingId, String documentNumber,
                                         LocalDate date) {
        return withDocument(context, bookingId, documentNumber, (booking, document) -> post(context, booking,
                PostingEventType.TRAVEL, documentNumber, Optional.of(document),
                Map.of(PostingAmount.COMMISSION, booking.terms().commission()), "Travelled on " + documentNumber, date));
    }

    /**
     * Pays a BSP billing: {@code billed} is the period's net the agency owes, {@code paid} what its bank paid; an
     * unexplained difference goes to the variance write-off.
     */
    public Outcome<PostResult> remittance(RequestContext context, String remittanceId, String billingPeriod,
                                          Money billed, Money paid, LocalDate date) {
        // A billing may be in the agency's favour (a negative net), so only the currency is checked here.
        Optional<Rejection> invalid = checkReference(remittanceId)
                .or(() -> checkCurrency(billed.currency(), List.of(billed, paid)));
        if (invalid.isPresent()) {
            return new Outcome.Refused<>(invalid.get());
        }
        PostingKey key = new PostingKey(PostingEventType.REMITTANCE, SettlementChannel.BSP, FormOfPayment.AGENCY,
                AccountingModel.AGENT);
        PostingFacts facts = new PostingFacts(billed.currency(), Map.of(PostingAmount.REMITTANCE_BILLED, billed,
                PostingAmount.REMITTANCE_PAID, paid), Map.of(Dimension.BILLING_PERIOD, billingPeriod));
        return entries(context, key, facts, "remit." + remittanceId, "BSP remittance " + billingPeriod,
                Optional.empty(), date);
    }

    /**
     * What the agency owes on {@code payable} (its chart's BSP payable account) for the billing period: the
     * payable's credits less its debits on lines carrying the period, the period's remittance included, so that a
     * settled period answers zero. Refused for a name the tenant's billing calendar does not make.
     */
    public Outcome<Money> billingPeriodDue(RequestContext context, AccountId payable, Currency currency,
                                           String period) {
        Optional<LocalDate> first = rules.apply(context.tenant()).billingCalendar().firstDay(period);
        if (first.isEmpty()) {
            return Outcome.refused(BookingErrorCode.BOOKING_INVALID_COMMAND, "no billing period " + period
                    + " in the tenant's billing calendar");
        }
        return dueByPeriod(context, payable, currency, Set.of(period), first.get())
                .map(due -> new Money(due.getOrDefault(period, 0L), currency));
    }

    /** A billing period: its days, when it must be paid (when the calendar says), and what is owed for it now. */
    public record PeriodDue(String period, LocalDate firstDay, LocalDate lastDay, Optional<LocalDate> remittanceDue,
                            Money due) {
    }

    /**
     * Every billing period of the tenant's calendar that overlaps {@code [from, to]}, each with what is owed on
     * {@code payable} for it, as {@link #billingPeriodDue} counts it.
     */
    public Outcome<List<PeriodDue>> billingPeriods(RequestContext context, AccountId payable, Currency currency,
                                                   LocalDate from, LocalDate to) {
        if (from.isAfter(to) || from.plusDays(MAX_PERIOD_RANGE_DAYS - 1).isBefore(to)) {
            return Outcome.refused(BookingErrorCode.BOOKING_INVALID_COMMAND,
                    "need from <= to, at most " + MAX_PERIOD_RANGE_DAYS + " days with both ends");
        }
        BillingCalendar calendar = rules.apply(context.tenant()).billingCalendar();
        List<String> periods = calendar.periodsBetween(from, to);
        LocalDate scanFrom = calendar.firstDay(periods.getFirst()).orElseThrow();
        return dueByPeriod(context, payable, currency, Set.copyOf(periods), scanFrom).map(due -> periods.stream()
                .map(period -> new PeriodDue(period, calendar.firstDay(period).orElseThrow(),
                        calendar.lastDay(period).orElseThrow(), calendar.remittanceDue(period),
                        new Money(due.getOrDefault(period, 0L), currency)))
                .toList());
    }

    /** The payable's credits less its debits on lines carrying each of the periods, read from {@code from} on. */
    private Outcome<Map<String, Long>> dueByPeriod(RequestContext context, AccountId payable, Currency currency,
                                                   Set<String> periods, LocalDate from) {
        Map<String, Long> due = new HashMap<>();
        Optional<String> cursor = Optional.empty();
        do {
            // A period's lines are dated from its first day on; its remittance comes later, on any day.
            Outcome<AccountStatement> page = ledger.reports().statement(context, payable, currency, from,
                    LAST_DAY, cursor, LedgerReports.MAX_PAGE);
            if (!(page instanceof Outcome.Ok<AccountStatement> ok)) {
                return new Outcome.Refused<>(((Outcome.Refused<AccountStatement>) page).rejection());
            }
            for (AccountStatement.Row row : ok.value().rows()) {
                StatementLine line = row.line();
                String period = line.dimensions().get(Dimension.BILLING_PERIOD);
                if (period != null && periods.contains(period)) {
                    due.merge(period, line.side() == Side.CREDIT ? line.amountMinor() : -line.amountMinor(),
                            Math::addExact);
                }
            }
            cursor = ok.value().nextCursor();
        } while (cursor.isPresent());
        return Outcome.ok(due);
    }

    private Outcome<PostResult> withBooking(RequestContext context, String bookingId,
                                            Function<Booking, Outcome<PostResult>> work) {
        return store.transactions().inTransaction(uow -> store.find(uow, context.tenant(), bookingId)
                        .map(stored -> BookingCodec.decode(stored, store.documents(uow, context.tenant(), bookingId))))
                .map(work)
                .orElseGet(() -> Outcome.refused(BookingErrorCode.BOOKING_NOT_FOUND, "no booking " + bookingId));
    }

    private Outcome<PostResult> withDocument(RequestContext context, String bookingId, String documentNumber,
                                             BiFunction<Booking, Document, Outcome<PostResult>>
                                                     work) {
        return withBooking(context, bookingId, booking -> booking.documents().stream()
                .filter(document -> document.number().equals(documentNumber)).findFirst()
                .map(document -> work.apply(booking, document))
                .orElseGet(() -> Outcome.refused(BookingErrorCode.BOOKING_INVALID_COMMAND,
                        "booking " + bookingId + " holds no document " + documentNumber)));
    }

    private Outcome<PostResult> post(RequestContext context, Booking booking, PostingEventType event,
                                     String reference, Optional<Document> document, Map<PostingAmount, Money> amounts,
                                     String description, LocalDate date) {
        BookingTerms terms = booking.terms();
        Optional<Rejection> invalid = checkReference(reference)
                .or(() -> checkAmounts(terms.currency(), amounts.values()));
        if (invalid.isPresent()) {
            return new Outcome.Refused<>(invalid.get());
        }
        PostingKey key = new PostingKey(event, terms.channel(), terms.payment(), terms.model());
        Map<Dimension, String> dimensions = new EnumMap<>(Dimension.class);
        dimensions.put(Dimension.BOOKING_ID, booking.id());
        dimensions.put(Dimension.AIRLINE, booking.airlinePrefix());
        document.ifPresent(d -> dimensions.put(Dimension.DOCUMENT_NUMBER, d.number()));
        BookingEntries.billingPeriod(booking, rules.apply(context.tenant()), date)
                .ifPresent(period -> dimensions.put(Dimension.BILLING_PERIOD, period));
        return entries(context, key, new PostingFacts(terms.currency(), amounts, dimensions),
                booking.id() + "." + code(event) + "." + reference, description,
                Optional.of("booking:" + booking.id()), date);
    }

    private Outcome<PostResult> entries(RequestContext context, PostingKey key, PostingFacts facts, String idPrefix,
                                        String description, Optional<String> source, LocalDate date) {
        Outcome<List<List<EntryLine>>> lines = rules.apply(context.tenant()).linesFor(key, facts);
        if (!(lines instanceof Outcome.Ok<List<List<EntryLine>>> ok)) {
            return new Outcome.Refused<>(((Outcome.Refused<List<List<EntryLine>>>) lines).rejection());
        }
        List<JournalEntry> entries = new ArrayList<>();
        for (int n = 0; n < ok.value().size(); n++) {
            JournalEntry.Builder entry = JournalEntry.builder(EntryId.of(idPrefix + "." + n), date)
                    .description(description).lines(ok.value().get(n));
            source.ifPresent(entry::sourceDocument);
            entries.add(entry.build());
        }
        // An event's entries stand or fall together: a refused second entry must not leave the first posted.
        List<PostResult> results = ledger.postAll(context, entries, true);
        Optional<PostResult> refusal = BookingPostings.firstRefusal(results);
        return refusal.isPresent() ? Outcome.refused(BookingErrorCode.BOOKING_POSTING_REFUSED,
                refusal.get().toString()) : Outcome.ok(results.getLast());
    }

    private static String code(PostingEventType event) {
        return switch (event) {
            case CUSTOMER_PAYMENT -> "PY";
            case REFUND_PAYMENT -> "RP";
            case ADM_ACCEPTED, ADM_RECHARGED, ADM_DISPUTED -> "ADM";
            case ADM_DISPUTE_WON -> "ADW";
            case ADM_DISPUTE_LOST -> "ADL";
            case ACM -> "ACM";
            case TRAVEL -> "TR";
            default -> event.name();
        };
    }

    /** Every amount of an event is positive and in the currency it posts in: a sign or a currency is never guessed. */
    private static Optional<Rejection> checkAmounts(Currency currency, Collection<Money> amounts) {
        Optional<Rejection> mismatch = checkCurrency(currency, amounts);
        if (mismatch.isPresent()) {
            return mismatch;
        }
        for (Money amount : amounts) {
            if (!amount.isPositive()) {
                return Optional.of(new Rejection(BookingErrorCode.BOOKING_INVALID_COMMAND,
                        "amounts are positive, got " + amount));
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> checkCurrency(Currency currency, Collection<Money> amounts) {
        return amounts.stream().filter(amount -> !amount.currency().equals(currency)).findFirst()
                .map(amount -> new Rejection(BookingErrorCode.BOOKING_CURRENCY_MISMATCH, "an amount in "
                        + amount.currency() + " where the event is in " + currency));
    }

    private static Optional<Rejection> checkReference(String reference) {
        try {
            EntryId.of(Objects.requireNonNull(reference, "reference"));
        } catch (IllegalArgumentException e) {
            return Optional.of(new Rejection(BookingErrorCode.BOOKING_INVALID_COMMAND, e.getMessage()));
        }
        return reference.length() > MAX_REFERENCE
                ? Optional.of(new Rejection(BookingErrorCode.BOOKING_INVALID_COMMAND,
                "a payment or memo id has at most " + MAX_REFERENCE + " characters"))
                : Optional.empty();
    }
}
