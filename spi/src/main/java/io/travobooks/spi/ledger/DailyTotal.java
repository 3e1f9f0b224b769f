package io.travobooks.spi.ledger;

import java.time.LocalDate;

/**
 * Posted debits and credits of one account and currency on one effective date: the snapshot that lets an as-of
 * balance sum a few hundred day rows instead of every line. Also used as a delta to add to the stored row.
 */
public record DailyTotal(BalanceKey key, LocalDate day, long debit, long credit) {
}
