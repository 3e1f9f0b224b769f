package io.travobooks.spi.ledger;

import java.time.LocalDate;

/** Where a statement page ends: the last line returned, in statement order. */
public record StatementPosition(LocalDate effectiveDate, long seq, int lineNo) {
}
