package io.travobooks.spi.ledger;

import io.travobooks.spi.EntryId;

import java.time.Instant;
import java.util.Optional;

/** The part of a stored entry that an idempotency check needs, without its lines. */
public record EntryHeader(EntryId id, long seq, EntryKind kind, Instant postedAt, String contentHash,
                          Optional<EntryId> reference) {
}
