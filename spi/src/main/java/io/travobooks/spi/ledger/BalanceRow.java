package io.travobooks.spi.ledger;

/**
 * Running totals of one account in one currency. Used both as the stored row and as a delta to add to it.
 * All amounts are minor units and never negative in a stored row.
 */
public record BalanceRow(BalanceKey key, long postedDebit, long postedCredit, long pendingDebit, long pendingCredit) {

    public static BalanceRow zero(BalanceKey key) {
        return new BalanceRow(key, 0, 0, 0, 0);
    }

    public BalanceRow plus(BalanceRow delta) {
        return new BalanceRow(key,
                Math.addExact(postedDebit, delta.postedDebit),
                Math.addExact(postedCredit, delta.postedCredit),
                Math.addExact(pendingDebit, delta.pendingDebit),
                Math.addExact(pendingCredit, delta.pendingCredit));
    }

    public boolean isZero() {
        return postedDebit == 0 && postedCredit == 0 && pendingDebit == 0 && pendingCredit == 0;
    }
}
