package io.travobooks.ledger;

import io.travobooks.spi.AccountId;
import io.travobooks.spi.ledger.StatementLine;

import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * One page of an account's lines in {@code [from, to]}. Balances are minor units in the account's normal direction.
 *
 * @param opening    the balance at the end of the day before {@code from}
 * @param closing    the balance at the end of {@code to}
 * @param nextCursor pass it back for the next page; empty on the last page
 */
public record AccountStatement(AccountId account, Currency currency, LocalDate from, LocalDate to, long opening,
                               List<Row> rows, long closing, Optional<String> nextCursor) {

    public AccountStatement {
        rows = List.copyOf(rows);
    }

    /** A line with the balance after it. */
    public record Row(StatementLine line, long runningBalance) {
    }
}
