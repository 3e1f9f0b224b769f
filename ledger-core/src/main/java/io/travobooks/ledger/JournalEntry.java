package io.travobooks.ledger;

import io.travobooks.spi.EntryId;
import io.travobooks.spi.ledger.EntryLine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A journal entry as a caller submits it. Balance and account rules are checked when it is posted, so that a
 * refused entry comes back as data with a stable code; the constructor only refuses what no entry can have.
 *
 * @param id             the caller's id; posting it again returns the first result
 * @param effectiveDate  the accounting date (which period the entry belongs to), separate from the posting time
 * @param sourceDocument a link to what the entry records, for example {@code booking:BK123} or {@code ticket:1761234567890}
 * @param metadata       free key/value pairs, stored as JSON
 */
public record JournalEntry(EntryId id, LocalDate effectiveDate, String description, Optional<String> externalRef,
                           Optional<String> sourceDocument, Map<String, String> metadata, List<EntryLine> lines) {

    public static final int MAX_DESCRIPTION = 500;
    public static final int MAX_REFERENCE = 128;
    public static final int MAX_SOURCE_DOCUMENT = 256;
    /**
     * The largest line amount, in minor units (10^15: ten trillion of a two-decimal currency). An entry's sums, and
     * the totals of any account short of some nine thousand such lines, stay within a {@code long}.
     */
    public static final long MAX_AMOUNT_MINOR = 1_000_000_000_000_000L;

    public JournalEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(effectiveDate, "effectiveDate");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(externalRef, "externalRef");
        Objects.requireNonNull(sourceDocument, "sourceDocument");
        metadata = Map.copyOf(metadata);
        lines = List.copyOf(lines);
    }

    public static Builder builder(String id, LocalDate effectiveDate) {
        return new Builder(EntryId.of(id), effectiveDate);
    }

    public static Builder builder(EntryId id, LocalDate effectiveDate) {
        return new Builder(id, effectiveDate);
    }

    public static final class Builder {
        private final EntryId id;
        private final LocalDate effectiveDate;
        private String description = "";
        private String externalRef;
        private String sourceDocument;
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private final List<EntryLine> lines = new ArrayList<>();

        private Builder(EntryId id, LocalDate effectiveDate) {
            this.id = id;
            this.effectiveDate = effectiveDate;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder externalRef(String value) {
            this.externalRef = value;
            return this;
        }

        public Builder sourceDocument(String value) {
            this.sourceDocument = value;
            return this;
        }

        public Builder metadata(String key, String value) {
            metadata.put(key, value);
            return this;
        }

        public Builder line(EntryLine line) {
            lines.add(line);
            return this;
        }

        public Builder lines(List<EntryLine> more) {
            lines.addAll(more);
            return this;
        }

        public JournalEntry build() {
            return new JournalEntry(id, effectiveDate, description, Optional.ofNullable(externalRef),
                    Optional.ofNullable(sourceDocument), metadata, lines);
        }
    }
}
