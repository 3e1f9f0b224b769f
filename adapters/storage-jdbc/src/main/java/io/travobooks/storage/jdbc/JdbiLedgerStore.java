package io.travobooks.storage.jdbc;

import io.travobooks.spi.AccountId;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.ledger.Account;
import io.travobooks.spi.ledger.AccountTotal;
import io.travobooks.spi.ledger.BalanceKey;
import io.travobooks.spi.ledger.BalanceRow;
import io.travobooks.spi.ledger.BatchStart;
import io.travobooks.spi.ledger.ChainLink;
import io.travobooks.spi.ledger.DailyTotal;
import io.travobooks.spi.ledger.EntryHeader;
import io.travobooks.spi.ledger.EntryKind;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.spi.ledger.PendingRef;
import io.travobooks.spi.ledger.PostingWrite;
import io.travobooks.spi.ledger.StatementLine;
import io.travobooks.spi.ledger.StatementPosition;
import io.travobooks.spi.ledger.StoredEntry;
import io.travobooks.spi.ledger.TenantRow;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ledger's storage on MySQL/MariaDB and H2 through Jdbi, in SQL both understand.
 *
 * <p>One store per role the SPI separates ({@link JdbiTenantStore}, {@link JdbiChartStore}, {@link JdbiJournalStore},
 * {@link JdbiBalanceStore}, {@link JdbiAuditChainStore}) does the work; this class delegates to them, and on MySQL and
 * MariaDB combines the statements of several roles that start and write a posting batch into one round trip each.
 */
public final class JdbiLedgerStore extends JdbiStore implements LedgerStore {
    private final boolean multiStatements;
    private final JdbiTenantStore tenantStore;
    private final JdbiChartStore chartStore;
    private final JdbiJournalStore journalStore;
    private final JdbiBalanceStore balanceStore;
    private final JdbiAuditChainStore chainStore;

    /** @param multiStatements the connection takes several statements in one round trip (MySQL, MariaDB) */
    JdbiLedgerStore(TransactionRunner transactions, boolean multiStatements) {
        super(transactions);
        this.multiStatements = multiStatements;
        this.tenantStore = new JdbiTenantStore(transactions);
        this.chartStore = new JdbiChartStore(transactions);
        this.journalStore = new JdbiJournalStore(transactions);
        this.balanceStore = new JdbiBalanceStore(transactions);
        this.chainStore = new JdbiAuditChainStore(transactions);
    }

    @Override
    public void writePostings(UnitOfWork uow, PostingWrite write) {
        if (!multiStatements) {
            LedgerStore.super.writePostings(uow, write);
            return;
        }
        SqlScript script = new SqlScript();
        JdbiJournalStore.entryWrites(write.entries()).appendTo(script);
        JdbiBalanceStore.balanceUpsert(write.balanceDeltas()).appendTo(script);
        JdbiBalanceStore.dailyUpsert(write.dailyDeltas()).appendTo(script);
        JdbiTenantStore.tenantUpsert(write.tenants()).appendTo(script);
        LedgerSql.execute(handle(uow), script);
    }

    @Override
    public BatchStart startBatch(UnitOfWork uow, Collection<TenantId> tenants,
                                 Map<TenantId, ? extends Collection<EntryId>> ids) {
        if (!multiStatements || tenants.isEmpty()) {
            return LedgerStore.super.startBatch(uow, tenants, ids);
        }
        // One round trip: the lock first (the server runs the statements in order), then the lookups.
        SqlScript script = new SqlScript();
        List<Object> tenantIds = JdbiTenantStore.lockedTenantIds(tenants);
        script.add(JdbiTenantStore.lockTenantsSql(tenantIds.size()), tenantIds);
        Map<TenantId, TenantRow> rows = new HashMap<>();
        List<SqlScript.RowHandler> handlers = new ArrayList<>();
        handlers.add(rs -> {
            TenantRow row = JdbiTenantStore.tenantRow(rs);
            rows.put(row.tenant(), row);
        });
        Map<TenantId, Map<EntryId, EntryHeader>> found = new HashMap<>();
        for (JdbiJournalStore.HeaderQuery headerQuery : JdbiJournalStore.headerQueries(ids)) {
            script.add(headerQuery.sql(), headerQuery.binds());
            handlers.add(rs -> JdbiJournalStore.addHeader(found, JdbiJournalStore.headerRow(rs)));
        }
        LedgerSql.query(handle(uow), script, handlers);
        return new BatchStart(rows, found);
    }

    // ---------------------------------------------------------------- tenants

    @Override
    public boolean insertTenant(UnitOfWork uow, TenantRow tenant) {
        return tenantStore.insertTenant(uow, tenant);
    }

    @Override
    public Optional<TenantRow> findTenant(UnitOfWork uow, TenantId tenant) {
        return tenantStore.findTenant(uow, tenant);
    }

    @Override
    public Map<TenantId, TenantRow> lockTenants(UnitOfWork uow, Collection<TenantId> tenants) {
        return tenantStore.lockTenants(uow, tenants);
    }

    @Override
    public void updateTenants(UnitOfWork uow, Collection<TenantRow> tenants) {
        tenantStore.updateTenants(uow, tenants);
    }

    // ---------------------------------------------------------------- chart

    @Override
    public boolean insertAccount(UnitOfWork uow, Account account) {
        return chartStore.insertAccount(uow, account);
    }

    @Override
    public void updateAccount(UnitOfWork uow, Account account) {
        chartStore.updateAccount(uow, account);
    }

    @Override
    public Map<AccountId, Account> findAccounts(UnitOfWork uow, TenantId tenant, Collection<AccountId> ids) {
        return chartStore.findAccounts(uow, tenant, ids);
    }

    @Override
    public List<Account> listAccounts(UnitOfWork uow, TenantId tenant) {
        return chartStore.listAccounts(uow, tenant);
    }

    // ---------------------------------------------------------------- journal

    @Override
    public void insertEntries(UnitOfWork uow, List<StoredEntry> entries) {
        journalStore.insertEntries(uow, entries);
    }

    @Override
    public Map<TenantId, Map<EntryId, EntryHeader>> findHeaders(UnitOfWork uow,
                                                               Map<TenantId, ? extends Collection<EntryId>> ids) {
        return journalStore.findHeaders(uow, ids);
    }

    @Override
    public Optional<StoredEntry> findEntry(UnitOfWork uow, TenantId tenant, EntryId id) {
        return journalStore.findEntry(uow, tenant, id);
    }

    @Override
    public Map<EntryId, EntryId> findReferencing(UnitOfWork uow, TenantId tenant, Collection<EntryId> referenced) {
        return journalStore.findReferencing(uow, tenant, referenced);
    }

    @Override
    public List<StoredEntry> entriesAfter(UnitOfWork uow, TenantId tenant, long afterSeq, int limit) {
        return journalStore.entriesAfter(uow, tenant, afterSeq, limit);
    }

    @Override
    public List<PendingRef> expiredPending(UnitOfWork uow, Instant now, Optional<PendingRef> after, int limit) {
        return journalStore.expiredPending(uow, now, after, limit);
    }

    @Override
    public List<StatementLine> statementLines(UnitOfWork uow, BalanceKey key, LocalDate from, LocalDate to,
                                              Optional<StatementPosition> after, int limit) {
        return journalStore.statementLines(uow, key, from, to, after, limit);
    }

    @Override
    public List<AccountTotal> totalsOfKind(UnitOfWork uow, TenantId tenant, EntryKind kind, LocalDate from,
                                           LocalDate to) {
        return journalStore.totalsOfKind(uow, tenant, kind, from, to);
    }

    // ---------------------------------------------------------------- balances

    @Override
    public Map<BalanceKey, BalanceRow> findBalances(UnitOfWork uow, Set<BalanceKey> keys) {
        return balanceStore.findBalances(uow, keys);
    }

    @Override
    public List<BalanceRow> listBalances(UnitOfWork uow, TenantId tenant) {
        return balanceStore.listBalances(uow, tenant);
    }

    @Override
    public List<DailyTotal> listDailyTotals(UnitOfWork uow, TenantId tenant) {
        return balanceStore.listDailyTotals(uow, tenant);
    }

    @Override
    public void addToBalances(UnitOfWork uow, List<BalanceRow> deltas) {
        balanceStore.addToBalances(uow, deltas);
    }

    @Override
    public void addToDailyTotals(UnitOfWork uow, List<DailyTotal> deltas) {
        balanceStore.addToDailyTotals(uow, deltas);
    }

    @Override
    public List<DailyTotal> dailyTotals(UnitOfWork uow, BalanceKey key, LocalDate from, LocalDate to) {
        return balanceStore.dailyTotals(uow, key, from, to);
    }

    @Override
    public AccountTotal totalAsOf(UnitOfWork uow, BalanceKey key, LocalDate asOf) {
        return balanceStore.totalAsOf(uow, key, asOf);
    }

    @Override
    public List<AccountTotal> totalsBetween(UnitOfWork uow, TenantId tenant, LocalDate from, LocalDate to) {
        return balanceStore.totalsBetween(uow, tenant, from, to);
    }

    // ---------------------------------------------------------------- audit chain

    @Override
    public Optional<ChainLink> lastLink(UnitOfWork uow, TenantId tenant) {
        return chainStore.lastLink(uow, tenant);
    }

    @Override
    public boolean appendLinks(UnitOfWork uow, TenantId tenant, List<ChainLink> links) {
        return chainStore.appendLinks(uow, tenant, links);
    }

    @Override
    public List<ChainLink> linksAfter(UnitOfWork uow, TenantId tenant, long afterSeq, int limit) {
        return chainStore.linksAfter(uow, tenant, afterSeq, limit);
    }

    @Override
    public List<TenantId> tenantsWithUnchainedEntries(UnitOfWork uow, int limit) {
        return chainStore.tenantsWithUnchainedEntries(uow, limit);
    }
}
