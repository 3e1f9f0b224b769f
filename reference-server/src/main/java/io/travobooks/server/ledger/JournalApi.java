package io.travobooks.server.ledger;

import io.travobooks.ledger.JournalEntry;
import io.travobooks.ledger.JournalSearch;
import io.travobooks.ledger.Ledger;
import io.travobooks.ledger.LedgerErrorCode;
import io.travobooks.ledger.PostResult;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Call;
import io.travobooks.server.http.DeferredHandler;
import io.travobooks.server.http.Handler;
import io.travobooks.server.http.Page;
import io.travobooks.server.http.Problems;
import io.travobooks.server.http.Reply;
import io.travobooks.server.runtime.AgencyTime;
import io.travobooks.server.runtime.Metrics;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.ledger.Dimension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Journal entries: post one or a batch, read and find them, reverse them; pending entries. */
final class JournalApi {
    /** On the operations whose path names an entry, these mean that entry is not there. */
    private static final Set<LedgerErrorCode> ENTRY_MISSING = Set.of(LedgerErrorCode.LEDGER_ENTRY_NOT_FOUND);

    private final Ledger ledger;
    private final Metrics metrics;
    private final AgencyTime time;

    JournalApi(Ledger ledger, Metrics metrics, AgencyTime time) {
        this.ledger = ledger;
        this.metrics = metrics;
        this.time = time;
    }

    Map<String, Handler> handlers() {
        return Map.of(
                "listJournalEntries", this::list,
                "postJournalEntry", (DeferredHandler) this::post,
                "postJournalBatch", this::postBatch,
                "getJournalEntry", this::get,
                "reverseJournalEntry", this::reverse,
                "reservePendingEntry", this::reserve,
                "postPendingEntry", this::capture,
                "voidPendingEntry", this::release);
    }

    private Reply list(Call call) {
        if (call.query("dimension_value").isPresent() && call.query("dimension").isEmpty()) {
            throw ApiProblem.invalid("dimension_value", "needs dimension");
        }
        JournalSearch.Filter filter = new JournalSearch.Filter(call.query("account").map(AccountId::of),
                call.queryDate("from"), call.queryDate("to"), call.query("external_ref"),
                call.query("dimension").map(Dimension::valueOf), call.query("dimension_value"));
        long after;
        try {
            after = Page.position(call).map(Long::parseLong).orElse(0L);
        } catch (NumberFormatException e) {
            throw ApiProblem.invalid("cursor", "not a cursor this server gave");
        }
        JournalSearch.Page page = ledger.journal().find(call.context(), filter, after, Page.limit(call));
        return Reply.ok(new Page<>(page.entries().stream()
                .map(entry -> LedgerViews.EntryView.of(entry, page.referencedBy())).toList(),
                page.resumeAfterSeq().map(seq -> Page.encode(Long.toString(seq)))));
    }

    /** Posted from the Idempotency-Key claim's answer: the entry goes to the ledger the moment the key is ours. */
    private DeferredHandler.Effect<PostResult> post(Call call) {
        JournalEntry entry = call.bodyAs(LedgerRequests.NewEntry.class).toEntry("");
        RequestContext context = call.context();
        return new DeferredHandler.Effect<>(() -> ledger.postAsyncWithoutWaiting(context, entry),
                result -> Postings.reply(result, Set.of()));
    }

    private Reply postBatch(Call call) {
        LedgerRequests.Batch batch = call.bodyAs(LedgerRequests.Batch.class);
        List<JournalEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.entries().size(); i++) {
            entries.add(batch.entries().get(i).toEntry("/entries/" + i));
        }
        List<PostResult> results = ledger.postAll(call.context(), entries, batch.allOrNothing().orElse(true));
        metrics.journalBatch(entries.size());
        return Reply.ok(Map.of("results", results.stream().map(result -> batchItem(result, call)).toList()));
    }

    record BatchItem(String entryId, String status, Optional<Long> seq, Optional<Instant> postedAt,
                     Optional<Object> problem) {
    }

    private static BatchItem batchItem(PostResult result, Call call) {
        return switch (result) {
            case PostResult.Posted posted -> new BatchItem(posted.entryId().value(), "POSTED",
                    Optional.of(posted.seq()), Optional.of(posted.postedAt()), Optional.empty());
            case PostResult.AlreadyPosted again -> new BatchItem(again.entryId().value(), "ALREADY_POSTED",
                    Optional.of(again.seq()), Optional.of(again.postedAt()), Optional.empty());
            case PostResult.Conflict conflict -> new BatchItem(conflict.entryId().value(), "CONFLICT",
                    Optional.empty(), Optional.empty(), Optional.of(Problems.body(ApiProblem.conflict(
                            LedgerErrorCode.LEDGER_ID_CONFLICT.name(), "entry " + conflict.entryId()
                                    + " was posted before with another " + conflict.field()),
                            "/v1/journal-entries/batch", call.requestId())));
            case PostResult.Rejected rejected -> new BatchItem(rejected.entryId().value(), "REFUSED",
                    Optional.empty(), Optional.empty(), Optional.of(Problems.body(
                            ApiProblem.refused(rejected.rejection()), "/v1/journal-entries/batch", call.requestId())));
        };
    }

    private Reply get(Call call) {
        EntryId id = EntryId.of(call.path("entry_id"));
        return ledger.entry(call.context(), id)
                .map(entry -> LedgerViews.EntryView.of(entry,
                        ledger.journal().referencedBy(call.context(), Set.of(id))))
                .map(Reply::ok)
                .orElseThrow(() -> ApiProblem.notFound(LedgerErrorCode.LEDGER_ENTRY_NOT_FOUND, "no entry " + id));
    }

    private Reply reverse(Call call) {
        LedgerRequests.refuseBudgetSpace("entry_id", call.path("entry_id"));
        LedgerRequests.Reversal request = call.bodyAs(LedgerRequests.Reversal.class);
        return Postings.reply(ledger.reverse(call.context(), EntryId.of(request.id()),
                EntryId.of(call.path("entry_id")), request.effectiveDate().orElseGet(time::today),
                request.description().orElse("")), ENTRY_MISSING);
    }

    private Reply reserve(Call call) {
        LedgerRequests.NewEntry request = call.bodyAs(LedgerRequests.NewEntry.class);
        return Postings.reply(ledger.reserve(call.context(), request.toEntry(""), request.expiresAt()), Set.of());
    }

    private Reply capture(Call call) {
        LedgerRequests.refuseBudgetSpace("entry_id", call.path("entry_id"));
        LedgerRequests.Capture request = call.bodyAs(LedgerRequests.Capture.class);
        EntryId pending = EntryId.of(call.path("entry_id"));
        PostResult result = request.amountsMinor().isEmpty() && request.effectiveDate().isEmpty()
                ? ledger.postPending(call.context(), EntryId.of(request.id()), pending)
                : ledger.postPending(call.context(), EntryId.of(request.id()), pending,
                        request.amountsMinor().orElseThrow(() -> ApiProblem.invalid("/amounts_minor",
                                "is required with effective_date")),
                        request.effectiveDate().orElseGet(time::today));
        return Postings.reply(result, ENTRY_MISSING);
    }

    private Reply release(Call call) {
        LedgerRequests.refuseBudgetSpace("entry_id", call.path("entry_id"));
        LedgerRequests.Release request = call.bodyAs(LedgerRequests.Release.class);
        return Postings.reply(ledger.voidPending(call.context(), EntryId.of(request.id()),
                EntryId.of(call.path("entry_id"))), ENTRY_MISSING);
    }
}
