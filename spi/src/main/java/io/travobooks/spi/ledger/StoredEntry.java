package io.travobooks.spi.ledger;

import io.travobooks.spi.EntryId;
import io.travobooks.spi.TenantId;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A journal entry as the store keeps it. Written once, never updated.
 *
 * @param seq          position in the tenant's journal, gap-free from 1; orders the audit chain
 * @param reference    the entry this one reverses (REVERSAL) or resolves (POST_PENDING, VOID_PENDING)
 * @param contentHash  hex SHA-256 of the caller's request, to tell a replay from a conflicting reuse of the id
 */
public record StoredEntry(TenantId tenant, EntryId id, long seq, EntryKind kind, LocalDate effectiveDate,
                          Instant postedAt, String description, Optional<String> externalRef,
                          Optional<String> sourceDocument, Map<String, String> metadata,
                          Optional<EntryId> reference, Optional<Instant> expiresAt, String actor,
                          String contentHash, List<EntryLine> lines) {

    public StoredEntry {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(effectiveDate, "effectiveDate");
        Objects.requireNonNull(postedAt, "postedAt");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(externalRef, "externalRef");
        Objects.requireNonNull(sourceDocument, "sourceDocument");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(contentHash, "contentHash");
        metadata = Map.copyOf(metadata);
        lines = List.copyOf(lines);
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1");
        }
    }

    /** Pending entries reserve; their lines do not count in posted balances. */
    public boolean reservesOnly() {
        return kind == EntryKind.PENDING;
    }
}
