package io.travobooks.ledger;

import io.travobooks.spi.AccountId;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.ledger.Dimension;
import io.travobooks.spi.ledger.EntryLine;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.spi.ledger.StoredEntry;
import io.travobooks.spi.UnitOfWork;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds journal entries in posting order by account, effective dates, external reference or a line's dimension.
 * It reads the journal forward from a position and keeps what matches, reading at most {@link #MAX_SCAN} entries
 * per call, so a page that finds little still answers quickly and says where to go on.
 */
public final class JournalSearch {
    public static final int MAX_PAGE = 1000;
    public static final int MAX_SCAN = 5_000;
    private static final int CHUNK = 500;

    private final LedgerStore store;

    JournalSearch(LedgerStore store) {
        this.store = store;
    }

    /** What an entry must have to be found; every part given must hold. */
    public record Filter(Optional<AccountId> account, Optional<LocalDate> from, Optional<LocalDate> to,
                         Optional<String> externalRef, Optional<Dimension> dimension,
                         Optional<String> dimensionValue) {
        public Filter {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(externalRef, "externalRef");
            Objects.requireNonNull(dimension, "dimension");
            Objects.requireNonNull(dimensionValue, "dimensionValue");
            if (dimensionValue.isPresent() && dimension.isEmpty()) {
                throw new IllegalArgumentException("a dimension value needs its dimension");
            }
        }

        public static Filter everything() {
            return new Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }

        public boolean matches(StoredEntry entry) {
            return from.map(day -> !entry.effectiveDate().isBefore(day)).orElse(true)
                    && to.map(day -> !entry.effectiveDate().isAfter(day)).orElse(true)
                    && externalRef.map(ref -> entry.externalRef().equals(Optional.of(ref))).orElse(true)
                    && (account.isEmpty() && dimension.isEmpty()
                        || entry.lines().stream().anyMatch(this::matches));
        }

        private boolean matches(EntryLine line) {
            return account.map(line.account()::equals).orElse(true)
                    && dimension.map(d -> dimensionValue.map(value -> value.equals(line.dimensions().get(d)))
                            .orElse(line.dimensions().containsKey(d))).orElse(true);
        }
    }

    /**
     * Entries found, and the position to search on from when the journal may hold more (the last entry read: the
     * last found on a full page, or the last scanned when the scan budget ran out first), and for each entry found
     * that a later one reverses, captures or voids, that later entry's id.
     */
    public record Page(List<StoredEntry> entries, Optional<Long> resumeAfterSeq, Map<EntryId, EntryId> referencedBy) {
        public Page {
            entries = List.copyOf(entries);
            referencedBy = Map.copyOf(referencedBy);
        }
    }

    /** For each of these entries that a later one reverses, captures or voids, that later entry's id. */
    public Map<EntryId, EntryId> referencedBy(RequestContext context, Collection<EntryId> entries) {
        return store.transactions().inTransaction(uow -> store.findReferencing(uow, context.tenant(), entries));
    }

    /** Up to {@code limit} matching entries with a seq after {@code afterSeq} (0 for the start). */
    public Page find(RequestContext context, Filter filter, long afterSeq, int limit) {
        if (limit < 1 || limit > MAX_PAGE || afterSeq < 0) {
            throw new IllegalArgumentException("need a limit of 1.." + MAX_PAGE + " and a position >= 0");
        }
        return store.transactions().inTransaction(uow -> {
            List<StoredEntry> found = new ArrayList<>();
            long position = afterSeq;
            int scanned = 0;
            while (scanned < MAX_SCAN) {
                int wanted = Math.min(CHUNK, MAX_SCAN - scanned);
                List<StoredEntry> chunk = store.entriesAfter(uow, context.tenant(), position, wanted);
                for (StoredEntry entry : chunk) {
                    position = entry.seq();
                    if (filter.matches(entry)) {
                        found.add(entry);
                        if (found.size() == limit) {
                            return page(uow, context, found, Optional.of(position));
                        }
                    }
                }
                scanned += chunk.size();
                if (chunk.size() < wanted) {
                    return page(uow, context, found, Optional.empty()); // the end of the journal
                }
            }
            return page(uow, context, found, Optional.of(position));
        });
    }

    private Page page(UnitOfWork uow, RequestContext context, List<StoredEntry> found, Optional<Long> resume) {
        Map<EntryId, EntryId> referencedBy = found.isEmpty() ? Map.of()
                : store.findReferencing(uow, context.tenant(), found.stream().map(StoredEntry::id).toList());
        return new Page(found, resume, referencedBy);
    }
}
