package io.travobooks.spi.ledger;

import io.travobooks.spi.EntryId;

import java.time.LocalDate;
import java.util.Map;

/** A posted line of one account, in statement order (effective date, seq, line number). */
public record StatementLine(EntryId entryId, long seq, int lineNo, LocalDate effectiveDate, Side side,
                            long amountMinor, String description, Map<Dimension, String> dimensions) {
    public StatementLine {
        dimensions = Map.copyOf(dimensions);
    }
}
