package io.travobooks.ledger.internal;

import io.travobooks.spi.ledger.BalanceRow;
import io.travobooks.spi.ledger.Side;

/** Balances in an account's normal direction; shared by the constraint checks and the balance view. */
public final class BalanceMath {
    private BalanceMath() {
    }

    public static long normalPosted(Side normal, BalanceRow row) {
        return normal == Side.DEBIT
                ? Math.subtractExact(row.postedDebit(), row.postedCredit())
                : Math.subtractExact(row.postedCredit(), row.postedDebit());
    }

    /** Posted, less pending amounts on the side opposite the normal one. */
    public static long available(Side normal, BalanceRow row) {
        long against = normal == Side.DEBIT ? row.pendingCredit() : row.pendingDebit();
        return Math.subtractExact(normalPosted(normal, row), against);
    }

    /** Posted, plus pending amounts on the normal side: the most the balance can reach. */
    public static long committedToward(Side normal, BalanceRow row) {
        long toward = normal == Side.DEBIT ? row.pendingDebit() : row.pendingCredit();
        return Math.addExact(normalPosted(normal, row), toward);
    }
}
