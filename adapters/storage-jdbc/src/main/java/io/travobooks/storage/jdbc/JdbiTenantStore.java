package io.travobooks.storage.jdbc;

import io.travobooks.spi.TenantId;
import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.ledger.TenantRow;
import io.travobooks.spi.ledger.TenantStore;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The ledger's tenant header rows ({@code ledger_tenant}): each tenant's row lock, sequence and period lock. */
final class JdbiTenantStore extends JdbiStore implements TenantStore {

    JdbiTenantStore(TransactionRunner transactions) {
        super(transactions);
    }

    @Override
    public boolean insertTenant(UnitOfWork uow, TenantRow tenant) {
        Handle handle = handle(uow);
        boolean exists = handle.createQuery("SELECT COUNT(*) FROM ledger_tenant WHERE partner_id = :p")
                .bind("p", tenant.tenant().value()).mapTo(Integer.class).one() > 0;
        if (exists) {
            return false;
        }
        handle.createUpdate("INSERT INTO ledger_tenant (partner_id, functional_currency, closed_through, next_seq, "
                        + "chart_version) VALUES (:p, :c, :closed, :seq, :v)")
                .bind("p", tenant.tenant().value())
                .bind("c", tenant.functionalCurrency().getCurrencyCode())
                .bind("closed", tenant.closedThrough().orElse(null))
                .bind("seq", tenant.nextSeq())
                .bind("v", tenant.chartVersion())
                .execute();
        return true;
    }

    @Override
    public Optional<TenantRow> findTenant(UnitOfWork uow, TenantId tenant) {
        return handle(uow).createQuery("SELECT * FROM ledger_tenant WHERE partner_id = :p")
                .bind("p", tenant.value()).map((rs, ctx) -> tenantRow(rs)).findOne();
    }

    @Override
    public Map<TenantId, TenantRow> lockTenants(UnitOfWork uow, Collection<TenantId> tenants) {
        Map<TenantId, TenantRow> rows = new HashMap<>();
        if (!tenants.isEmpty()) {
            List<Object> ids = lockedTenantIds(tenants);
            LedgerSql.bindPositional(handle(uow).createQuery(lockTenantsSql(ids.size())), ids)
                    .map((rs, ctx) -> tenantRow(rs))
                    .forEach(row -> rows.put(row.tenant(), row));
        }
        return rows;
    }

    /** The ids in ascending order (the lock order), padded to a power of two so a few statement texts recur. */
    static List<Object> lockedTenantIds(Collection<TenantId> tenants) {
        List<Object> ids = new ArrayList<>(new TreeSet<>(tenants).stream().map(TenantId::value).toList());
        int padded = Math.max(1, Integer.highestOneBit(ids.size() - 1) << 1);
        while (ids.size() < padded) {
            ids.add(ids.getLast());
        }
        return ids;
    }

    static String lockTenantsSql(int count) {
        return "SELECT * FROM ledger_tenant WHERE partner_id IN (" + placeholders(count)
                + ") ORDER BY partner_id FOR UPDATE";
    }

    private static String placeholders(int count) {
        return "?, ".repeat(count - 1) + "?";
    }

    @Override
    public void updateTenants(UnitOfWork uow, Collection<TenantRow> tenants) {
        // the same row twice sets the same values twice
        LedgerSql.executePadded(handle(uow), tenantUpsert(tenants), row -> row);
    }

    /** The rows exist and are locked by this transaction: the upsert only ever updates, in one statement. */
    static MultiRowInsert tenantUpsert(Collection<TenantRow> tenants) {
        MultiRowInsert upsert = new MultiRowInsert("INSERT INTO ledger_tenant (partner_id, functional_currency, "
                + "closed_through, next_seq, chart_version) VALUES", 5, "ON DUPLICATE KEY UPDATE "
                + "closed_through = VALUES(closed_through), next_seq = VALUES(next_seq), "
                + "chart_version = VALUES(chart_version)");
        new TreeMap<>(tenants.stream().collect(Collectors.toMap(TenantRow::tenant, t -> t))).values()
                .forEach(tenant -> upsert.add(tenant.tenant().value(), tenant.functionalCurrency().getCurrencyCode(),
                        tenant.closedThrough().orElse(null), tenant.nextSeq(), tenant.chartVersion()));
        return upsert;
    }

    static TenantRow tenantRow(ResultSet rs) throws SQLException {
        return new TenantRow(TenantId.of(rs.getString("partner_id")),
                Currency.getInstance(rs.getString("functional_currency")),
                Optional.ofNullable(rs.getObject("closed_through", LocalDate.class)),
                rs.getLong("next_seq"), rs.getLong("chart_version"));
    }
}
