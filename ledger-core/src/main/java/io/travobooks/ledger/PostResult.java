package io.travobooks.ledger;

import io.travobooks.spi.EntryId;
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

    static Rejected rejected(EntryId id, LedgerErrorCode code, String detail) {
        return new Rejected(id, new Rejection(code, detail));
    }
}
