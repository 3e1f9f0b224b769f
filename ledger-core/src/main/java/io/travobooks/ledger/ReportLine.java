package io.travobooks.ledger;

import io.travobooks.spi.AccountId;
import io.travobooks.spi.ledger.AccountType;

/**
 * One account in a report, in chart order: depth-first, each account's sub-accounts by code under it. Amounts are
 * minor units, signed as the report says (debit-positive in a trial balance, normal-direction positive in the
 * statements). Summing {@code own} over a report's lines counts each account once; summing {@code total} counts a
 * sub-account again in every roll-up above it.
 *
 * @param own    the account's own lines
 * @param total  own plus every descendant's total: the roll-up
 * @param rollup whether sub-accounts have lines of their own in this report, so that {@code total} is a subtotal of
 *               them rather than the account's own balance
 */
public record ReportLine(AccountId account, String name, AccountType type, int depth, long own, long total,
                         boolean rollup) {
}
