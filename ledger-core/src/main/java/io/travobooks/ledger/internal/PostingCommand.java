package io.travobooks.ledger.internal;

import io.travobooks.ledger.JournalEntry;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.ledger.EntryKind;
import io.travobooks.spi.ledger.EntryLine;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request that ends in at most one journal entry. Its {@link #fingerprint()} is the content that an
 * idempotent replay must repeat; the order of its keys is the order in which a conflict names the differing field.
 */
public sealed interface PostingCommand {

    RequestContext context();

    EntryId entryId();

    EntryKind kind();

    Map<String, String> fingerprint();

    default TenantId tenant() {
        return context().tenant();
    }

    /** True for the entries the ledger posts on its own, the only ones allowed an id in {@link SystemIds}' space. */
    default boolean bySystem() {
        return false;
    }

    /** A new entry with its own lines: standard, pending (with an optional expiry) or a year-end closing entry. */
    record NewEntry(RequestContext context, EntryKind kind, JournalEntry entry, Optional<Instant> expiresAt)
            implements PostingCommand {
        @Override
        public EntryId entryId() {
            return entry.id();
        }

        @Override
        public Map<String, String> fingerprint() {
            Map<String, String> fp = Fingerprints.header(kind, entry.effectiveDate(), entry.description(),
                    entry.externalRef(), entry.sourceDocument(), entry.metadata());
            fp.put("expiresAt", expiresAt.map(Instant::toString).orElse(""));
            Fingerprints.putLines(fp, entry.lines());
            return fp;
        }
    }

    /** The exact opposite of {@code original}, dated {@code effectiveDate}. */
    record Reverse(RequestContext context, EntryId entryId, EntryId original, LocalDate effectiveDate,
                   String description) implements PostingCommand {
        @Override
        public EntryKind kind() {
            return EntryKind.REVERSAL;
        }

        @Override
        public Map<String, String> fingerprint() {
            Map<String, String> fp = new LinkedHashMap<>();
            fp.put("kind", kind().name());
            fp.put("reference", original.value());
            fp.put("effectiveDate", effectiveDate.toString());
            fp.put("description", description);
            return fp;
        }
    }

    /**
     * Posts ({@code post}) or voids a pending entry. A post may carry smaller amounts, one per pending line; a post
     * may carry its own effective date (else the pending entry's).
     */
    record Resolve(RequestContext context, EntryId entryId, EntryId pending, boolean post,
                   Optional<List<Long>> amounts, Optional<LocalDate> effectiveDate) implements PostingCommand {
        public Resolve {
            amounts = amounts.map(List::copyOf);
        }

        @Override
        public EntryKind kind() {
            return post ? EntryKind.POST_PENDING : EntryKind.VOID_PENDING;
        }

        @Override
        public Map<String, String> fingerprint() {
            Map<String, String> fp = new LinkedHashMap<>();
            fp.put("kind", kind().name());
            fp.put("reference", pending.value());
            effectiveDate.ifPresent(date -> fp.put("effectiveDate", date.toString()));
            amounts.ifPresent(list -> fp.put("amounts", list.toString()));
            return fp;
        }
    }

    /** The sweeper's void of an expired pending entry, under the id {@link SystemIds#expiryVoid} derives. */
    record ExpiryVoid(TenantId tenant, EntryId pending) implements PostingCommand {
        public static final String ACTOR = "ledger-sweeper";

        @Override
        public RequestContext context() {
            return new RequestContext(tenant, ACTOR);
        }

        @Override
        public EntryId entryId() {
            return SystemIds.expiryVoid(pending);
        }

        @Override
        public EntryKind kind() {
            return EntryKind.VOID_PENDING;
        }

        @Override
        public boolean bySystem() {
            return true;
        }

        @Override
        public Map<String, String> fingerprint() {
            return asResolve().fingerprint();
        }

        /** The same void as a caller's request would be: the rules are the same, only the id space differs. */
        public Resolve asResolve() {
            return new Resolve(context(), entryId(), pending, false, Optional.empty(), Optional.empty());
        }
    }

    /** Builds fingerprints from a request and from what the store kept, so the two can be compared key by key. */
    final class Fingerprints {
        private Fingerprints() {
        }

        static Map<String, String> header(EntryKind kind, LocalDate effectiveDate, String description,
                                          Optional<String> externalRef, Optional<String> sourceDocument,
                                          Map<String, String> metadata) {
            Map<String, String> fp = new LinkedHashMap<>();
            fp.put("kind", kind.name());
            fp.put("effectiveDate", effectiveDate.toString());
            fp.put("description", description);
            fp.put("externalRef", externalRef.orElse(""));
            fp.put("sourceDocument", sourceDocument.orElse(""));
            fp.put("metadata", Canonical.of(metadata));
            return fp;
        }

        static void putLines(Map<String, String> fp, List<EntryLine> lines) {
            fp.put("lines", Integer.toString(lines.size()));
            for (int i = 0; i < lines.size(); i++) {
                EntryLine line = lines.get(i);
                String prefix = "lines[" + i + "].";
                fp.put(prefix + "account", line.account().value());
                fp.put(prefix + "side", line.side().name());
                fp.put(prefix + "amount", line.amount().toString());
                fp.put(prefix + "fx", line.fx().map(fx -> fx.functionalMinor() + "@" + fx.rate().toPlainString())
                        .orElse(""));
                fp.put(prefix + "dimensions", Canonical.of(line.dimensions(), Enum::name));
            }
        }
    }
}
