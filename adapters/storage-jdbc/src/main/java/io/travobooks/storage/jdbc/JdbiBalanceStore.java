package io.travobooks.storage.jdbc;

import io.travobooks.spi.AccountId;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.ledger.AccountTotal;
import io.travobooks.spi.ledger.BalanceKey;
import io.travobooks.spi.ledger.BalanceRow;
import io.travobooks.spi.ledger.BalanceStore;
import io.travobooks.spi.ledger.DailyTotal;
import org.jdbi.v3.core.statement.Query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The ledger's balance projections: running totals per account and currency ({@code ledger_balance}) and per day
 * ({@code ledger_daily_total}), which postings add their deltas to.
 */
final class JdbiBalanceStore extends JdbiStore implements BalanceStore {

    JdbiBalanceStore(TransactionRunner transactions) {
        super(transactions);
    }

    @Override
    public Map<BalanceKey, BalanceRow> findBalances(UnitOfWork uow, Set<BalanceKey> keys) {
        Map<BalanceKey, BalanceRow> found = new HashMap<>();
        Map<TenantId, List<BalanceKey>> byTenant = keys.stream().collect(Collectors.groupingBy(BalanceKey::tenant));
        byTenant.forEach((tenant, tenantKeys) -> handle(uow).createQuery("SELECT * FROM ledger_balance "
                        + "WHERE partner_id = :p AND account_code IN (<accounts>)")
                .bind("p", tenant.value())
                .bindList("accounts", tenantKeys.stream().map(key -> key.account().value()).distinct().toList())
                .map((rs, ctx) -> balanceRow(rs))
                .forEach(row -> {
                    if (keys.contains(row.key())) {
                        found.put(row.key(), row);
                    }
                }));
        return found;
    }

    @Override
    public List<BalanceRow> listBalances(UnitOfWork uow, TenantId tenant) {
        return handle(uow).createQuery("SELECT * FROM ledger_balance WHERE partner_id = :p "
                        + "ORDER BY account_code, currency")
                .bind("p", tenant.value())
                .map((rs, ctx) -> balanceRow(rs))
                .list();
    }

    @Override
    public List<DailyTotal> listDailyTotals(UnitOfWork uow, TenantId tenant) {
        return handle(uow).createQuery("SELECT * FROM ledger_daily_total WHERE partner_id = :p "
                        + "ORDER BY account_code, currency, effective_date")
                .bind("p", tenant.value())
                .map((rs, ctx) -> new DailyTotal(new BalanceKey(tenant, AccountId.of(rs.getString("account_code")),
                        Currency.getInstance(rs.getString("currency"))), rs.getObject("effective_date",
                        LocalDate.class), rs.getLong("debit"), rs.getLong("credit")))
                .list();
    }

    private static BalanceRow balanceRow(ResultSet rs) throws SQLException {
        return new BalanceRow(new BalanceKey(TenantId.of(rs.getString("partner_id")),
                AccountId.of(rs.getString("account_code")), Currency.getInstance(rs.getString("currency"))),
                rs.getLong("posted_debit"), rs.getLong("posted_credit"), rs.getLong("pending_debit"),
                rs.getLong("pending_credit"));
    }

    @Override
    public void addToBalances(UnitOfWork uow, List<BalanceRow> deltas) {
        LedgerSql.executePadded(handle(uow), balanceUpsert(deltas),
                row -> new Object[]{row[0], row[1], row[2], 0L, 0L, 0L, 0L});
    }

    static MultiRowInsert balanceUpsert(List<BalanceRow> deltas) {
        MultiRowInsert upsert = new MultiRowInsert("INSERT INTO ledger_balance (partner_id, account_code, currency, "
                + "posted_debit, posted_credit, pending_debit, pending_credit) VALUES", 7,
                "ON DUPLICATE KEY UPDATE posted_debit = posted_debit + VALUES(posted_debit), "
                        + "posted_credit = posted_credit + VALUES(posted_credit), "
                        + "pending_debit = pending_debit + VALUES(pending_debit), "
                        + "pending_credit = pending_credit + VALUES(pending_credit)");
        deltas.stream().sorted((a, b) -> a.key().compareTo(b.key())).forEach(delta -> upsert.add(
                delta.key().tenant().value(), delta.key().account().value(), delta.key().currency().getCurrencyCode(),
                delta.postedDebit(), delta.postedCredit(), delta.pendingDebit(), delta.pendingCredit()));
        return upsert;
    }

    @Override
    public void addToDailyTotals(UnitOfWork uow, List<DailyTotal> deltas) {
        LedgerSql.executePadded(handle(uow), dailyUpsert(deltas),
                row -> new Object[]{row[0], row[1], row[2], row[3], 0L, 0L});
    }

    static MultiRowInsert dailyUpsert(List<DailyTotal> deltas) {
        MultiRowInsert upsert = new MultiRowInsert("INSERT INTO ledger_daily_total (partner_id, account_code, "
                + "currency, effective_date, debit, credit) VALUES", 6,
                "ON DUPLICATE KEY UPDATE debit = debit + VALUES(debit), credit = credit + VALUES(credit)");
        deltas.stream()
                .sorted((x, y) -> {
                    int byKey = x.key().compareTo(y.key());
                    return byKey != 0 ? byKey : x.day().compareTo(y.day());
                })
                .forEach(delta -> upsert.add(delta.key().tenant().value(), delta.key().account().value(),
                        delta.key().currency().getCurrencyCode(), delta.day(), delta.debit(), delta.credit()));
        return upsert;
    }

    @Override
    public List<DailyTotal> dailyTotals(UnitOfWork uow, BalanceKey key, LocalDate from, LocalDate to) {
        return handle(uow).createQuery("SELECT effective_date, debit, credit FROM ledger_daily_total "
                        + "WHERE partner_id = :p AND account_code = :a AND currency = :c "
                        + "AND effective_date BETWEEN :from AND :to ORDER BY effective_date")
                .bind("p", key.tenant().value())
                .bind("a", key.account().value())
                .bind("c", key.currency().getCurrencyCode())
                .bind("from", from)
                .bind("to", to)
                .map((rs, ctx) -> new DailyTotal(key, rs.getObject("effective_date", LocalDate.class),
                        rs.getLong("debit"), rs.getLong("credit")))
                .list();
    }

    @Override
    public AccountTotal totalAsOf(UnitOfWork uow, BalanceKey key, LocalDate asOf) {
        return handle(uow).createQuery("SELECT :a AS account_code, :c AS currency, COALESCE(SUM(debit), 0) AS debit, "
                        + "COALESCE(SUM(credit), 0) AS credit FROM ledger_daily_total WHERE partner_id = :p "
                        + "AND account_code = :a AND currency = :c AND effective_date <= :asOf")
                .bind("p", key.tenant().value())
                .bind("a", key.account().value())
                .bind("c", key.currency().getCurrencyCode())
                .bind("asOf", asOf)
                .map((rs, ctx) -> LedgerSql.accountTotal(rs))
                .one();
    }

    @Override
    public List<AccountTotal> totalsBetween(UnitOfWork uow, TenantId tenant, LocalDate from, LocalDate to) {
        boolean sinceStart = from.equals(LocalDate.MIN);
        Query query = handle(uow).createQuery("SELECT account_code, currency, SUM(debit) AS debit, SUM(credit) AS credit "
                        + "FROM ledger_daily_total WHERE partner_id = :p AND effective_date <= :to"
                        + (sinceStart ? "" : " AND effective_date >= :from")
                        + " GROUP BY account_code, currency ORDER BY account_code, currency")
                .bind("p", tenant.value())
                .bind("to", to);
        if (!sinceStart) {
            query.bind("from", from);
        }
        return query.map((rs, ctx) -> LedgerSql.accountTotal(rs)).list();
    }
}
