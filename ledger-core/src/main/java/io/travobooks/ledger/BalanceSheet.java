package io.travobooks.ledger;

import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** Assets, liabilities and equity at the end of {@code asOf}, one sheet per currency in currency code order. */
public record BalanceSheet(LocalDate asOf, SortedMap<Currency, Section> byCurrency) {

    public BalanceSheet {
        byCurrency = CurrencyOrder.copyOf(byCurrency);
    }

    /** The sheets in any map; they are kept in currency code order all the same. */
    public BalanceSheet(LocalDate asOf, Map<Currency, Section> byCurrency) {
        this(asOf, CurrencyOrder.copyOf(byCurrency));
    }

    /**
     * Each line is positive in its account's normal direction.
     *
     * @param currentEarnings revenue less expenses not yet closed into retained earnings
     */
    public record Section(List<ReportLine> assets, List<ReportLine> liabilities, List<ReportLine> equity,
                          long totalAssets, long totalLiabilities, long totalEquity, long currentEarnings) {
        public Section {
            assets = List.copyOf(assets);
            liabilities = List.copyOf(liabilities);
            equity = List.copyOf(equity);
        }

        /** Assets equal liabilities plus equity plus unclosed earnings. */
        public boolean balanced() {
            return totalAssets == totalLiabilities + totalEquity + currentEarnings;
        }
    }
}
