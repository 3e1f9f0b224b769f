package io.travobooks.ledger;

import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Revenue and expenses dated within {@code [from, to]}, one statement per currency in currency code order; year-end
 * closing excluded.
 */
public record IncomeStatement(LocalDate from, LocalDate to, SortedMap<Currency, Section> byCurrency) {

    public IncomeStatement {
        byCurrency = CurrencyOrder.copyOf(byCurrency);
    }

    /** The statements in any map; they are kept in currency code order all the same. */
    public IncomeStatement(LocalDate from, LocalDate to, Map<Currency, Section> byCurrency) {
        this(from, to, CurrencyOrder.copyOf(byCurrency));
    }

    /** Revenue lines credit-positive, expense lines debit-positive. */
    public record Section(List<ReportLine> revenue, List<ReportLine> expenses, long totalRevenue,
                          long totalExpenses) {
        public Section {
            revenue = List.copyOf(revenue);
            expenses = List.copyOf(expenses);
        }

        public long netIncome() {
            return totalRevenue - totalExpenses;
        }
    }
}
