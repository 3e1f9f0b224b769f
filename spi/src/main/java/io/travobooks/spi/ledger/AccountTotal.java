package io.travobooks.spi.ledger;

import io.travobooks.spi.AccountId;

import java.util.Currency;

/** Summed posted debits and credits of one account in one currency over some date range. */
public record AccountTotal(AccountId account, Currency currency, long debit, long credit) {
}
