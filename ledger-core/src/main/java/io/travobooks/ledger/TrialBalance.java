package io.travobooks.ledger;

import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/** Posted balances of every account at the end of {@code asOf}, one table per currency. */
public record TrialBalance(LocalDate asOf, Map<Currency, Table> byCurrency) {

    public TrialBalance {
        byCurrency = Map.copyOf(byCurrency);
    }

    /**
     * @param lines       debit-positive net balances, with roll-ups
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
    }

    public boolean balanced() {
        return byCurrency.values().stream().allMatch(Table::balanced);
    }
}
