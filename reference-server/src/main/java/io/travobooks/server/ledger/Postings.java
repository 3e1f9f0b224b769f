package io.travobooks.server.ledger;

import io.travobooks.ledger.LedgerErrorCode;
import io.travobooks.ledger.PostResult;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Reply;
import io.travobooks.spi.ErrorCode;
import io.travobooks.spi.Outcome;

import java.util.Set;

/**
 * The one mapping of the library's results to HTTP: an entry written is 201, one replayed 200, an id used for other
 * content 409; a refusal is 422, or 404 when what is missing is the resource the path names.
 */
public final class Postings {
    private Postings() {
    }

    /** @param missingResource codes that mean the resource in the path does not exist (404, not 422) */
    public static Reply reply(PostResult result, Set<? extends ErrorCode> missingResource) {
        return switch (result) {
            case PostResult.Posted posted -> Reply.created(LedgerViews.PostingView.of(posted).orElseThrow());
            case PostResult.AlreadyPosted again -> Reply.ok(LedgerViews.PostingView.of(again).orElseThrow());
            case PostResult.Conflict conflict -> throw ApiProblem.conflict(LedgerErrorCode.LEDGER_ID_CONFLICT.name(),
                    "entry " + conflict.entryId() + " was posted before with another " + conflict.field());
            case PostResult.Rejected rejected -> throw ApiProblem.refused(
                    missingResource.contains(rejected.code()) ? 404 : 422, rejected.rejection());
        };
    }

    public static <T> T orThrow(Outcome<T> outcome, Set<? extends ErrorCode> missingResource) {
        return switch (outcome) {
            case Outcome.Ok<T> ok -> ok.value();
            case Outcome.Refused<T> refused -> throw ApiProblem.refused(
                    missingResource.contains(refused.rejection().code()) ? 404 : 422, refused.rejection());
        };
    }
}
