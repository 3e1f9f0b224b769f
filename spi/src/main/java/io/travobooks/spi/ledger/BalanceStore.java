package io.travobooks.spi.ledger;

import io.travobooks.spi.TenantId;
import io.travobooks.spi.UnitOfWork;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Balance projections of the journal: running totals per account and currency, and per-day totals. */
public interface BalanceStore {
    Map<BalanceKey, BalanceRow> findBalances(UnitOfWork uow, Set<BalanceKey> keys);

    List<BalanceRow> listBalances(UnitOfWork uow, TenantId tenant);

    /** Every per-day total row of a tenant, in (account, currency, day) order: what verification folds against. */
    List<DailyTotal> listDailyTotals(UnitOfWork uow, TenantId tenant);

    /** Adds each delta to its row (creating missing rows at zero), in ascending key order. */
    void addToBalances(UnitOfWork uow, List<BalanceRow> deltas);

    /** Adds each delta to its day row (creating missing rows at zero), in ascending key order. */
    void addToDailyTotals(UnitOfWork uow, List<DailyTotal> deltas);

    /** One account and currency's day rows dated within {@code [from, to]}, in day order (days with lines only). */
    List<DailyTotal> dailyTotals(UnitOfWork uow, BalanceKey key, LocalDate from, LocalDate to);

    /** Posted debits and credits of one account and currency dated on or before {@code asOf}. */
    AccountTotal totalAsOf(UnitOfWork uow, BalanceKey key, LocalDate asOf);

    /**
     * Posted totals of every account of a tenant with lines dated within {@code [from, to]}, per currency.
     * {@link LocalDate#MIN} as {@code from} means since the beginning.
     */
    List<AccountTotal> totalsBetween(UnitOfWork uow, TenantId tenant, LocalDate from, LocalDate to);
}
