package io.travobooks.booking.service;

import io.travobooks.booking.BookingErrorCode;
import io.travobooks.booking.BookingStatus;
import io.travobooks.booking.RefundQuote;
import io.travobooks.booking.internal.BookingEffect;
import io.travobooks.booking.posting.PostingRules;
import io.travobooks.ledger.JournalEntry;
import io.travobooks.ledger.Ledger;
import io.travobooks.ledger.LedgerBatch;
import io.travobooks.ledger.LedgerErrorCode;
import io.travobooks.ledger.PostResult;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.Money;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.Rejection;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.ledger.StoredEntry;
import io.travobooks.spi.supplier.ExchangeOffer;
import io.travobooks.spi.travel.Document;
import io.travobooks.spi.travel.DocumentType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The ledger side of a booking's events: each event's postings as one batch that stands or falls together (an
 * issue's entries with the deposit capture, a void's reversals of what the documents posted), checked against the
 * ledger before the supplier is asked to act and applied when it has.
 */
final class BookingPostings {
    private final Ledger ledger;
    private final Function<TenantId, PostingRules> rules;

    BookingPostings(Ledger ledger, Function<TenantId, PostingRules> rules) {
        this.ledger = ledger;
        this.rules = rules;
    }

    /** Documents that stand for the ones an issue will return, one ticket per passenger, to check before the call. */
    static List<Document> sampleTickets(Booking booking) {
        return IntStream.range(0, booking.passengers().size())
                .mapToObj(i -> Document.issued(String.format("%013d", i), DocumentType.TICKET, 1)).toList();
    }

    static final Document SAMPLE_EMD = Document.issued("0000000000000", DocumentType.EMD_ASSOCIATED, 1);

    /** The entries an issue of the tickets posts, without the deposit's capture: what a preview shows. */
    Outcome<List<JournalEntry>> issueEntries(Booking booking, List<Document> tickets, LocalDate date) {
        return BookingEntries.issue(booking, tickets, rulesOf(booking), date);
    }

    /** The issue of the tickets, with the capture of the booking's deposit hold (dated the day of the issue). */
    Outcome<LedgerBatch> issue(Booking booking, List<Document> tickets, LocalDate date) {
        return issueEntries(booking, tickets, date).map(entries -> {
            LedgerBatch batch = LedgerBatch.of(entries);
            booking.depositHold().ifPresent(hold ->
                    batch.capture(EntryId.of(hold + ".captured"), EntryId.of(hold), date));
            return batch;
        });
    }

    /**
     * The ledger reversal of every entry the documents posted (issue, EMD, reissue), read back in the caller's
     * transaction; unbuildable when a document posted nothing, since a void must reverse something.
     */
    Outcome<LedgerBatch> voidOf(UnitOfWork uow, RequestContext context, Booking booking, List<Document> documents,
                       LocalDate date) {
        LedgerBatch batch = new LedgerBatch();
        for (Document document : documents) {
            List<StoredEntry> posted = new ArrayList<>();
            for (String event : List.of("IS", "EM", "EX")) {
                for (int n = 0; ; n++) {
                    Optional<StoredEntry> entry = ledger.entryWithin(uow, context,
                            EntryId.of(BookingEntries.entryId(booking, event, document, n)));
                    if (entry.isEmpty()) {
                        break;
                    }
                    posted.add(entry.get());
                }
            }
            if (posted.isEmpty()) {
                return Outcome.refused(BookingErrorCode.BOOKING_POSTING_REFUSED,
                        "document " + document.number() + " posted nothing to reverse");
            }
            for (int n = 0; n < posted.size(); n++) {
                batch.reverse(EntryId.of(BookingEntries.entryId(booking, "VD", document, n)), posted.get(n).id(),
                        date, "Void of " + document.number());
            }
        }
        return Outcome.ok(batch);
    }

    Outcome<LedgerBatch> refund(Booking booking, RefundQuote quote, LocalDate date, long version) {
        return BookingEntries.refund(booking, quote, booking.documents(), rulesOf(booking), date, version)
                .map(LedgerBatch::of);
    }

    Outcome<LedgerBatch> emd(Booking booking, List<Document> emds, Money amount, LocalDate date) {
        return BookingEntries.emd(booking, emds, amount, rulesOf(booking), date).map(LedgerBatch::of);
    }

    /** The exchange's postings on the follow-on booking, from the original's kept quote. */
    Outcome<LedgerBatch> exchange(Booking followOn, Booking original, ExchangeOffer quote, List<Document> newTickets,
                                  LocalDate date) {
        return BookingEntries.exchange(followOn, original, quote, newTickets, rulesOf(original), date)
                .map(LedgerBatch::of);
    }

    /** What the success of a refund confirmation on this quoted booking would post. */
    Outcome<LedgerBatch> refundOf(Booking booking, LocalDate date) {
        RefundQuote quote = ((BookingStatus.RefundQuoted) booking.status()).quote();
        return refund(booking, quote, date, booking.version() + 1);
    }

    /** Why the ledger would refuse the batch now, if it would: asked before the supplier acts. */
    Optional<Rejection> wouldRefuse(UnitOfWork uow, RequestContext context, LedgerBatch batch, String what) {
        return firstRefusal(ledger.checkWithin(uow, context, batch))
                .map(refusal -> new Rejection(BookingErrorCode.BOOKING_POSTING_REFUSED, "the ledger would refuse "
                        + what + ", so the supplier was not asked: " + refusal));
    }

    /** Posts the batch all or nothing; the ledger's refusal, if it refused. */
    Optional<String> apply(UnitOfWork uow, RequestContext context, LedgerBatch batch) {
        return firstRefusal(ledger.applyWithin(uow, context, batch)).map(PostResult::toString);
    }

    /** The first result that is a refusal of its own (not a replay, not a success). */
    static Optional<PostResult> firstRefusal(List<PostResult> results) {
        return results.stream().filter(result -> !result.isSuccess()
                && !(result instanceof PostResult.Rejected rejected
                && rejected.code() == LedgerErrorCode.LEDGER_BATCH_ABORTED)).findFirst();
    }

    private PostingRules rulesOf(Booking booking) {
        return rules.apply(booking.tenant());
    }

}
