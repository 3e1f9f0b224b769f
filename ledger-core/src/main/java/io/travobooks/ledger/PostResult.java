package io.travobooks.ledger;

import io.travobooks.spi.EntryId;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.Rejection;

import java.time.Instant;
import java.util.Objects;

/** What became of a posting request. Outcomes are data: only broken infrastructure throws. */
public sealed interface PostResult {

    EntryId entryId();

    /** The entry was written now. */
    record Posted(EntryId entryId, long seq, Instant postedAt) implements PostResult {
    }

    /** The id was posted before with the same content; this is the original result and nothing was written. */
    record AlreadyPosted(EntryId entryId, long seq, Instant postedAt) implements PostResult {
    }

    /** The id was posted before with different content; {@code field} names the first field that differs. */
    record Conflict(EntryId entryId, String field) implements PostResult {
        public Conflict {
            Objects.requireNonNull(field, "field");
        }
    }

    /** Refused; nothing was written. */
    record Rejected(EntryId entryId, Rejection rejection) implements PostResult {
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }

        public LedgerErrorCode code() {
            return (LedgerErrorCode) rejection.code();
        }
    }

    /** True for {@link Posted} and {@link AlreadyPosted}: the entry exists as asked. */
    default boolean isSuccess() {
        return this instanceof Posted || this instanceof AlreadyPosted;
    }

    /**
     * This result in the style of the rest of the API: itself when the entry exists as asked, else a refusal with a
     * stable code ({@code LEDGER_ID_CONFLICT} for an id posted before with other content, naming the field).
     */
    default Outcome<PostResult> toOutcome() {
        return switch (this) {
            case Posted ignored -> Outcome.ok(this);
            case AlreadyPosted ignored -> Outcome.ok(this);
            case Conflict conflict -> Outcome.refused(LedgerErrorCode.LEDGER_ID_CONFLICT, "entry "
                    + conflict.entryId() + " was posted before with another " + conflict.field());
            case Rejected rejected -> new Outcome.Refused<>(rejected.rejection());
        };
    }

    static Rejected rejected(EntryId id, LedgerErrorCode code, String detail) {
        return new Rejected(id, new Rejection(code, detail));
    }
}
