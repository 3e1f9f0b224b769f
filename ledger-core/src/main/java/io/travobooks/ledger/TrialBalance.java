package io.travobooks.ledger;

import io.travobooks.spi.AccountId;
import io.travobooks.spi.ledger.AccountType;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** Posted balances of every account at the end of {@code asOf}, one table per currency in currency code order. */
public record TrialBalance(LocalDate asOf, SortedMap<Currency, Table> byCurrency) {

    public TrialBalance {
        byCurrency = CurrencyOrder.copyOf(byCurrency);
    }

    /** The tables in any map; they are kept in currency code order all the same. */
    public TrialBalance(LocalDate asOf, Map<Currency, Table> byCurrency) {
        this(asOf, CurrencyOrder.copyOf(byCurrency));
    }

    /**
     * @param lines       debit-positive net balances in chart order, with roll-ups: to add them up, use
     *                    {@link #accounts()} instead
     * @param totalDebit  the sum of the accounts' own debit balances
     * @param totalCredit the sum of the accounts' own credit balances
     */
    public record Table(List<ReportLine> lines, long totalDebit, long totalCredit) {
        public Table {
            lines = List.copyOf(lines);
        }

        public boolean balanced() {
            return totalDebit == totalCredit;
        }

        /**
         * Each account's own balance, without roll-ups, in account code order: one row per account with a balance.
         * Their debits add up to {@link #totalDebit()} and their credits to {@link #totalCredit()}.
         */
        public List<AccountBalance> accounts() {
            return lines.stream()
                    .filter(line -> line.own() != 0)
                    .map(line -> new AccountBalance(line.account(), line.name(), line.type(),
                            Math.max(line.own(), 0), line.own() < 0 ? Math.negateExact(line.own()) : 0))
                    .sorted(Comparator.comparing(AccountBalance::account))
                    .toList();
        }
    }

    /** One row of a trial balance: an account's own balance, in the debit or the credit column. */
    public record AccountBalance(AccountId account, String name, AccountType type, long debit, long credit) {
        public AccountBalance {
            if (debit < 0 || credit < 0) {
                throw new IllegalArgumentException("debit and credit must not be negative");
            }
        }
    }

    public boolean balanced() {
        return byCurrency.values().stream().allMatch(Table::balanced);
    }
}
