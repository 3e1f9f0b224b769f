package io.travobooks.ledger;

import io.travobooks.spi.AccountId;
import io.travobooks.spi.ledger.AccountType;

/**
 * One account in a report, in chart order (depth-first by code). Amounts are minor units, signed as the report
 * says (debit-positive in a trial balance, normal-direction positive in the statements).
 *
 * @param own   the account's own lines
 * @param total own plus every descendant's total: the roll-up
 */
public record ReportLine(AccountId account, String name, AccountType type, int depth, long own, long total) {
}
