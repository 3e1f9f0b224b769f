package io.travobooks.storage.jdbc;

import io.travobooks.spi.AccountId;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.ledger.Account;
import io.travobooks.spi.ledger.AccountStatus;
import io.travobooks.spi.ledger.AccountType;
import io.travobooks.spi.ledger.ChartStore;
import io.travobooks.spi.ledger.Side;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The ledger's chart of accounts ({@code ledger_account}): each tenant's accounts, inserted, updated and read. */
final class JdbiChartStore extends JdbiStore implements ChartStore {
    private static final String ACCOUNT_COLUMNS = "partner_id, account_code, name, account_type, normal_side, "
            + "parent_code, status, currency, no_negative, limit_minor";

    JdbiChartStore(TransactionRunner transactions) {
        super(transactions);
    }

    @Override
    public boolean insertAccount(UnitOfWork uow, Account account) {
        Handle handle = handle(uow);
        boolean exists = handle.createQuery(
                        "SELECT COUNT(*) FROM ledger_account WHERE partner_id = :p AND account_code = :a")
                .bind("p", account.tenant().value()).bind("a", account.id().value())
                .mapTo(Integer.class).one() > 0;
        if (exists) {
            return false;
        }
        handle.createUpdate("INSERT INTO ledger_account (" + ACCOUNT_COLUMNS + ") VALUES (:p, :a, :name, :type, "
                        + ":normal, :parent, :status, :currency, :noNegative, :limit)")
                .bind("p", account.tenant().value())
                .bind("a", account.id().value())
                .bind("name", account.name())
                .bind("type", account.type().name())
                .bind("normal", account.normalSide().name())
                .bind("parent", account.parent().map(AccountId::value).orElse(null))
                .bind("status", account.status().name())
                .bind("currency", account.currency().map(Currency::getCurrencyCode).orElse(null))
                .bind("noNegative", account.noNegative())
                .bind("limit", account.limitMinor().isPresent() ? account.limitMinor().getAsLong() : null)
                .execute();
        return true;
    }

    @Override
    public void updateAccount(UnitOfWork uow, Account account) {
        handle(uow).createUpdate("UPDATE ledger_account SET name = :name, parent_code = :parent, status = :status, "
                        + "currency = :currency, no_negative = :noNegative, limit_minor = :limit "
                        + "WHERE partner_id = :p AND account_code = :a")
                .bind("p", account.tenant().value())
                .bind("a", account.id().value())
                .bind("name", account.name())
                .bind("parent", account.parent().map(AccountId::value).orElse(null))
                .bind("status", account.status().name())
                .bind("currency", account.currency().map(Currency::getCurrencyCode).orElse(null))
                .bind("noNegative", account.noNegative())
                .bind("limit", account.limitMinor().isPresent() ? account.limitMinor().getAsLong() : null)
                .execute();
    }

    @Override
    public Map<AccountId, Account> findAccounts(UnitOfWork uow, TenantId tenant, Collection<AccountId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<AccountId, Account> found = new HashMap<>();
        handle(uow).createQuery("SELECT " + ACCOUNT_COLUMNS + " FROM ledger_account WHERE partner_id = :p "
                        + "AND account_code IN (<ids>)")
                .bind("p", tenant.value())
                .bindList("ids", ids.stream().map(AccountId::value).distinct().toList())
                .map((rs, ctx) -> account(rs))
                .forEach(account -> found.put(account.id(), account));
        return found;
    }

    @Override
    public List<Account> listAccounts(UnitOfWork uow, TenantId tenant) {
        return handle(uow).createQuery("SELECT " + ACCOUNT_COLUMNS + " FROM ledger_account WHERE partner_id = :p "
                        + "ORDER BY account_code")
                .bind("p", tenant.value())
                .map((rs, ctx) -> account(rs))
                .list();
    }

    private static Account account(ResultSet rs) throws SQLException {
        long limit = rs.getLong("limit_minor");
        boolean hasLimit = !rs.wasNull();
        return new Account(TenantId.of(rs.getString("partner_id")), AccountId.of(rs.getString("account_code")),
                rs.getString("name"), AccountType.valueOf(rs.getString("account_type")),
                Side.valueOf(rs.getString("normal_side")),
                Optional.ofNullable(rs.getString("parent_code")).map(AccountId::of),
                AccountStatus.valueOf(rs.getString("status")),
                Optional.ofNullable(rs.getString("currency")).map(Currency::getInstance),
                rs.getBoolean("no_negative"), hasLimit ? OptionalLong.of(limit) : OptionalLong.empty());
    }
}
