package io.travobooks.ledger;

import io.travobooks.spi.AccountId;

import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

/** Debits and credits posted to an account and the accounts under it, day by day, in one currency. */
public record DailyActivity(AccountId account, Currency currency, List<Day> days) {
    /** The longest span one report covers: a year, leap day included. */
    public static final int MAX_DAYS = 366;

    public DailyActivity {
        days = List.copyOf(days);
    }

    /** One day's posted totals, in minor units. */
    public record Day(LocalDate date, long debit, long credit) {
    }
}
