package io.travobooks.ledger;

import io.travobooks.ledger.internal.BalanceMath;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.Money;
import io.travobooks.spi.ledger.BalanceRow;
import io.travobooks.spi.ledger.Side;

/**
 * An account's balance in one currency, signed in the account's normal direction (a positive liability balance
 * is a credit balance).
 *
 * @param posted    what committed entries add up to
 * @param pending   reservations by pending entries, net, in the normal direction
 * @param available posted, less whatever pending entries would take away (reservations that add are not counted)
 */
public record Balance(AccountId account, Side normalSide, Money posted, Money pending, Money available,
                      Money postedDebits, Money postedCredits) {

    static Balance of(AccountId account, Side normalSide, BalanceRow row) {
        var currency = row.key().currency();
        long posted = BalanceMath.normalPosted(normalSide, row);
        long pending = normalSide == Side.DEBIT
                ? row.pendingDebit() - row.pendingCredit()
                : row.pendingCredit() - row.pendingDebit();
        return new Balance(account, normalSide,
                new Money(posted, currency),
                new Money(pending, currency),
                new Money(BalanceMath.available(normalSide, row), currency),
                new Money(row.postedDebit(), currency),
                new Money(row.postedCredit(), currency));
    }
}
