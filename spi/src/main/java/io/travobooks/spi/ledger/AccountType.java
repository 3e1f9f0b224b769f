package io.travobooks.spi.ledger;

/** The five account classes; each has a usual normal balance, which a chart may override (contra accounts). */
public enum AccountType {
    ASSET(Side.DEBIT), LIABILITY(Side.CREDIT), EQUITY(Side.CREDIT), REVENUE(Side.CREDIT), EXPENSE(Side.DEBIT);

    private final Side usualNormalSide;

    AccountType(Side usualNormalSide) {
        this.usualNormalSide = usualNormalSide;
    }

    public Side usualNormalSide() {
        return usualNormalSide;
    }

    /** Revenue and expense accounts are emptied into retained earnings at year end. */
    public boolean isIncomeStatement() {
        return this == REVENUE || this == EXPENSE;
    }
}
