package io.travobooks.storage.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.Money;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.ledger.Account;
import io.travobooks.spi.ledger.AccountStatus;
import io.travobooks.spi.ledger.AccountTotal;
import io.travobooks.spi.ledger.AccountType;
import io.travobooks.spi.ledger.BalanceKey;
import io.travobooks.spi.ledger.BalanceRow;
import io.travobooks.spi.ledger.BatchStart;
import io.travobooks.spi.ledger.ChainLink;
import io.travobooks.spi.ledger.DailyTotal;
import io.travobooks.spi.ledger.Dimension;
import io.travobooks.spi.ledger.EntryHeader;
import io.travobooks.spi.ledger.EntryKind;
import io.travobooks.spi.ledger.EntryLine;
import io.travobooks.spi.ledger.FxDetail;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.spi.ledger.PendingRef;
import io.travobooks.spi.ledger.PostingWrite;
import io.travobooks.spi.ledger.Side;
import io.travobooks.spi.ledger.StatementLine;
import io.travobooks.spi.ledger.StatementPosition;
import io.travobooks.spi.ledger.StoredEntry;
import io.travobooks.spi.ledger.TenantRow;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.statement.Query;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The ledger's storage on MySQL/MariaDB and H2 through Jdbi, in SQL both understand.
 *
 * <p>Why one class of this size, for now: it implements the five roles the SPI separates (tenants, chart, journal,
 * balances, audit chain) because one posting batch writes across them in a few combined statements. Splitting it
 * into one class per role behind a shared SQL helper is planned.
 */
public final class JdbiLedgerStore extends JdbiStore implements LedgerStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final Map<Dimension, String> DIMENSION_COLUMNS = new EnumMap<>(Map.of(
            Dimension.AIRLINE, "airline",
            Dimension.DOCUMENT_NUMBER, "document_number",
            Dimension.BILLING_PERIOD, "billing_period",
            Dimension.TAX_CODE, "tax_code",
            Dimension.BOOKING_ID, "booking_id"));
    private static final String ENTRY_COLUMNS = "partner_id, entry_id, seq, kind, effective_date, posted_at, "
            + "description, external_ref, source_document, metadata, reference_id, expires_at, actor, content_hash";
    private static final String LINE_COLUMNS = "partner_id, seq, line_no, account_code, currency, side, "
            + "amount_minor, effective_date, reserved, functional_minor, fx_rate, airline, document_number, "
            + "billing_period, tax_code, booking_id";
    private static final String ACCOUNT_COLUMNS = "partner_id, account_code, name, account_type, normal_side, "
            + "parent_code, status, currency, no_negative, limit_minor";

    private final boolean multiStatements;

    /** @param multiStatements the connection takes several statements in one round trip (MySQL, MariaDB) */
    JdbiLedgerStore(TransactionRunner transactions, boolean multiStatements) {
        super(transactions);
        this.multiStatements = multiStatements;
    }

    @Override
    public void writePostings(UnitOfWork uow, PostingWrite write) {
        if (!multiStatements) {
            LedgerStore.super.writePostings(uow, write);
            return;
        }
        SqlScript script = new SqlScript();
        entryWrites(write.entries()).appendTo(script);
        balanceUpsert(write.balanceDeltas()).appendTo(script);
        dailyUpsert(write.dailyDeltas()).appendTo(script);
        tenantUpsert(write.tenants()).appendTo(script);
        try {
            script.execute(h(uow).getConnection());
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    // ---------------------------------------------------------------- tenants

    @Override
    public boolean insertTenant(UnitOfWork uow, TenantRow tenant) {
        Handle handle = h(uow);
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
        return h(uow).createQuery("SELECT * FROM ledger_tenant WHERE partner_id = :p")
                .bind("p", tenant.value()).map((rs, ctx) -> tenantRow(rs)).findOne();
    }

    @Override
    public Map<TenantId, TenantRow> lockTenants(UnitOfWork uow, Collection<TenantId> tenants) {
        Map<TenantId, TenantRow> rows = new HashMap<>();
        if (!tenants.isEmpty()) {
            List<Object> ids = lockedTenantIds(tenants);
            query(uow, lockTenantsSql(ids.size()), ids, rs -> {
                TenantRow row = tenantRow(rs);
                rows.put(row.tenant(), row);
            });
        }
        return rows;
    }

    /** The ids in ascending order (the lock order), padded to a power of two so a few statement texts recur. */
    private static List<Object> lockedTenantIds(Collection<TenantId> tenants) {
        List<Object> ids = new ArrayList<>(new TreeSet<>(tenants).stream().map(TenantId::value).toList());
        int padded = Math.max(1, Integer.highestOneBit(ids.size() - 1) << 1);
        while (ids.size() < padded) {
            ids.add(ids.getLast());
        }
        return ids;
    }

    private static String lockTenantsSql(int count) {
        return "SELECT * FROM ledger_tenant WHERE partner_id IN (" + placeholders(count)
                + ") ORDER BY partner_id FOR UPDATE";
    }

    @Override
    public BatchStart startBatch(UnitOfWork uow, Collection<TenantId> tenants,
                                 Map<TenantId, ? extends Collection<EntryId>> ids) {
        if (!multiStatements || tenants.isEmpty()) {
            return LedgerStore.super.startBatch(uow, tenants, ids);
        }
        // One round trip: the lock first (the server runs the statements in order), then the lookups.
        SqlScript script = new SqlScript();
        List<Object> tenantIds = lockedTenantIds(tenants);
        script.add(lockTenantsSql(tenantIds.size()), tenantIds);
        Map<TenantId, TenantRow> rows = new HashMap<>();
        List<SqlScript.RowHandler> handlers = new ArrayList<>();
        handlers.add(rs -> {
            TenantRow row = tenantRow(rs);
            rows.put(row.tenant(), row);
        });
        Map<TenantId, Map<EntryId, EntryHeader>> found = new HashMap<>();
        for (HeaderQuery headerQuery : headerQueries(ids)) {
            script.add(headerQuery.sql(), headerQuery.binds());
            handlers.add(rs -> addHeader(rs, found));
        }
        try {
            script.query(h(uow).getConnection(), handlers);
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
        return new BatchStart(rows, found);
    }

    @Override
    public void updateTenants(UnitOfWork uow, Collection<TenantRow> tenants) {
        executePadded(uow, tenantUpsert(tenants), row -> row); // the same row twice sets the same values twice
    }

    /** The rows exist and are locked by this transaction: the upsert only ever updates, in one statement. */
    private static MultiRowInsert tenantUpsert(Collection<TenantRow> tenants) {
        MultiRowInsert upsert = new MultiRowInsert("INSERT INTO ledger_tenant (partner_id, functional_currency, "
                + "closed_through, next_seq, chart_version) VALUES", 5, "ON DUPLICATE KEY UPDATE "
                + "closed_through = VALUES(closed_through), next_seq = VALUES(next_seq), "
                + "chart_version = VALUES(chart_version)");
        new TreeMap<>(tenants.stream().collect(Collectors.toMap(TenantRow::tenant, t -> t))).values()
                .forEach(tenant -> upsert.add(tenant.tenant().value(), tenant.functionalCurrency().getCurrencyCode(),
                        tenant.closedThrough().orElse(null), tenant.nextSeq(), tenant.chartVersion()));
        return upsert;
    }

    private static TenantRow tenantRow(ResultSet rs) throws SQLException {
        return new TenantRow(TenantId.of(rs.getString("partner_id")),
                Currency.getInstance(rs.getString("functional_currency")),
                Optional.ofNullable(rs.getObject("closed_through", LocalDate.class)),
                rs.getLong("next_seq"), rs.getLong("chart_version"));
    }

    // ---------------------------------------------------------------- chart

    @Override
    public boolean insertAccount(UnitOfWork uow, Account account) {
        Handle handle = h(uow);
        boolean exists = handle.createQuery(
                        "SELECT COUNT(*) FROM ledger_account WHERE partner_id = :p AND account_code = :a")
                .bind("p", account.tenant().value()).bind("a", account.id().code())
                .mapTo(Integer.class).one() > 0;
        if (exists) {
            return false;
        }
        handle.createUpdate("INSERT INTO ledger_account (" + ACCOUNT_COLUMNS + ") VALUES (:p, :a, :name, :type, "
                        + ":normal, :parent, :status, :currency, :noNegative, :limit)")
                .bind("p", account.tenant().value())
                .bind("a", account.id().code())
                .bind("name", account.name())
                .bind("type", account.type().name())
                .bind("normal", account.normalSide().name())
                .bind("parent", account.parent().map(AccountId::code).orElse(null))
                .bind("status", account.status().name())
                .bind("currency", account.currency().map(Currency::getCurrencyCode).orElse(null))
                .bind("noNegative", account.noNegative())
                .bind("limit", account.limitMinor().isPresent() ? account.limitMinor().getAsLong() : null)
                .execute();
        return true;
    }

    @Override
    public void updateAccount(UnitOfWork uow, Account account) {
        h(uow).createUpdate("UPDATE ledger_account SET name = :name, parent_code = :parent, status = :status, "
                        + "currency = :currency, no_negative = :noNegative, limit_minor = :limit "
                        + "WHERE partner_id = :p AND account_code = :a")
                .bind("p", account.tenant().value())
                .bind("a", account.id().code())
                .bind("name", account.name())
                .bind("parent", account.parent().map(AccountId::code).orElse(null))
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
        h(uow).createQuery("SELECT " + ACCOUNT_COLUMNS + " FROM ledger_account WHERE partner_id = :p "
                        + "AND account_code IN (<ids>)")
                .bind("p", tenant.value())
                .bindList("ids", ids.stream().map(AccountId::code).distinct().toList())
                .map((rs, ctx) -> account(rs))
                .forEach(account -> found.put(account.id(), account));
        return found;
    }

    @Override
    public List<Account> listAccounts(UnitOfWork uow, TenantId tenant) {
        return h(uow).createQuery("SELECT " + ACCOUNT_COLUMNS + " FROM ledger_account WHERE partner_id = :p "
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

    // ---------------------------------------------------------------- journal

    @Override
    public void insertEntries(UnitOfWork uow, List<StoredEntry> entries) {
        try {
            entryWrites(entries).execute(h(uow).getConnection());
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /** The rows that entries add: entries, lines, references, expiries, and expiries that resolutions remove. */
    private record EntryWrites(List<MultiRowInsert> inserts, List<String> pendingDeletes,
                               List<List<Object>> pendingDeleteKeys) {
        void execute(java.sql.Connection connection) throws SQLException {
            for (MultiRowInsert insert : inserts) {
                if (!insert.isEmpty()) {
                    insert.execute(connection);
                }
            }
            for (int i = 0; i < pendingDeletes.size(); i++) {
                try (PreparedStatement statement = connection.prepareStatement(pendingDeletes.get(i))) {
                    List<Object> keys = pendingDeleteKeys.get(i);
                    for (int k = 0; k < keys.size(); k++) {
                        statement.setObject(k + 1, keys.get(k));
                    }
                    statement.executeUpdate();
                }
            }
        }

        void appendTo(SqlScript script) {
            inserts.forEach(insert -> insert.appendTo(script));
            for (int i = 0; i < pendingDeletes.size(); i++) {
                script.add(pendingDeletes.get(i), pendingDeleteKeys.get(i));
            }
        }
    }

    private static EntryWrites entryWrites(List<StoredEntry> entries) {
        MultiRowInsert entryRows = new MultiRowInsert("INSERT INTO ledger_entry (" + ENTRY_COLUMNS + ") VALUES",
                14, "");
        MultiRowInsert lineRows = new MultiRowInsert("INSERT INTO ledger_line (" + LINE_COLUMNS + ") VALUES", 16, "");
        MultiRowInsert referenceRows = new MultiRowInsert("INSERT INTO ledger_entry_reference (partner_id, "
                + "referenced_id, entry_id) VALUES", 3, "");
        MultiRowInsert pendingRows = new MultiRowInsert("INSERT INTO ledger_pending (partner_id, entry_id, "
                + "expires_at) VALUES", 3, "");
        List<Object> resolvedPending = new ArrayList<>();
        for (StoredEntry entry : entries) {
            String tenant = entry.tenant().value();
            String id = entry.id().value();
            entryRows.add(tenant, id, entry.seq(), entry.kind().name(), entry.effectiveDate(), utc(entry.postedAt()),
                    entry.description(), entry.externalRef().orElse(null), entry.sourceDocument().orElse(null),
                    entry.metadata().isEmpty() ? null : json(entry.metadata()),
                    entry.reference().map(EntryId::value).orElse(null),
                    entry.expiresAt().map(JdbiLedgerStore::utc).orElse(null), entry.actor(), entry.contentHash());
            entry.reference().ifPresent(reference -> referenceRows.add(tenant, reference.value(), id));
            if (entry.kind() == EntryKind.PENDING && entry.expiresAt().isPresent()) {
                pendingRows.add(tenant, id, utc(entry.expiresAt().get()));
            }
            if (entry.kind() == EntryKind.POST_PENDING || entry.kind() == EntryKind.VOID_PENDING) {
                resolvedPending.add(tenant);
                resolvedPending.add(entry.reference().orElseThrow().value());
            }
            List<EntryLine> lines = entry.lines();
            for (int i = 0; i < lines.size(); i++) {
                EntryLine line = lines.get(i);
                Map<Dimension, String> dims = line.dimensions();
                lineRows.add(tenant, entry.seq(), i, line.account().code(),
                        line.amount().currency().getCurrencyCode(), line.side() == Side.DEBIT ? "D" : "C",
                        line.amount().minor(), entry.effectiveDate(), entry.reservesOnly(),
                        line.fx().map(FxDetail::functionalMinor).orElse(null),
                        line.fx().map(fx -> fx.rate().toPlainString()).orElse(null),
                        dims.get(Dimension.AIRLINE), dims.get(Dimension.DOCUMENT_NUMBER),
                        dims.get(Dimension.BILLING_PERIOD), dims.get(Dimension.TAX_CODE), dims.get(Dimension.BOOKING_ID));
            }
        }
        List<String> deletes = resolvedPending.isEmpty() ? List.of()
                : List.of("DELETE FROM ledger_pending WHERE (partner_id, entry_id) IN ("
                + "(?, ?), ".repeat(resolvedPending.size() / 2 - 1) + "(?, ?))");
        return new EntryWrites(List.of(entryRows, lineRows, referenceRows, pendingRows), deletes,
                resolvedPending.isEmpty() ? List.of() : List.of(resolvedPending));
    }

    private static void execute(UnitOfWork uow, MultiRowInsert insert) {
        if (insert.isEmpty()) {
            return;
        }
        try {
            insert.execute(h(uow).getConnection());
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    private static void executePadded(UnitOfWork uow, MultiRowInsert upsert,
                                      java.util.function.UnaryOperator<Object[]> neutral) {
        if (upsert.isEmpty()) {
            return;
        }
        try {
            upsert.executePadded(h(uow).getConnection(), neutral);
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    @Override
    public Map<TenantId, Map<EntryId, EntryHeader>> findHeaders(UnitOfWork uow,
                                                               Map<TenantId, ? extends Collection<EntryId>> ids) {
        Map<TenantId, Map<EntryId, EntryHeader>> found = new HashMap<>();
        for (HeaderQuery headerQuery : headerQueries(ids)) {
            query(uow, headerQuery.sql(), headerQuery.binds(), rs -> addHeader(rs, found));
        }
        return found;
    }

    private record HeaderQuery(String sql, List<Object> binds) {
    }

    /**
     * One query for every tenant of the batch, up to 256 keys each; the key count is padded to a power of two
     * (repeating the last key) so that a few statement texts recur.
     */
    private static List<HeaderQuery> headerQueries(Map<TenantId, ? extends Collection<EntryId>> ids) {
        List<String[]> keys = new ArrayList<>();
        ids.forEach((tenant, entryIds) -> entryIds.stream().distinct()
                .forEach(id -> keys.add(new String[]{tenant.value(), id.value()})));
        List<HeaderQuery> queries = new ArrayList<>();
        int from = 0;
        while (from < keys.size()) {
            int size = Math.max(1, Math.min(256, Integer.highestOneBit(keys.size() - from - 1) << 1));
            List<Object> binds = new ArrayList<>(size * 2);
            for (int i = 0; i < size; i++) {
                String[] key = keys.get(Math.min(from + i, keys.size() - 1));
                binds.add(key[0]);
                binds.add(key[1]);
            }
            from += size;
            queries.add(new HeaderQuery("SELECT partner_id, entry_id, seq, kind, posted_at, content_hash, reference_id "
                    + "FROM ledger_entry WHERE (partner_id, entry_id) IN (" + "(?, ?), ".repeat(size - 1) + "(?, ?))",
                    binds));
        }
        return queries;
    }

    private static void addHeader(ResultSet rs, Map<TenantId, Map<EntryId, EntryHeader>> found) throws SQLException {
        EntryHeader header = new EntryHeader(EntryId.of(rs.getString("entry_id")), rs.getLong("seq"),
                EntryKind.valueOf(rs.getString("kind")), instant(rs, "posted_at"), rs.getString("content_hash"),
                Optional.ofNullable(rs.getString("reference_id")).map(EntryId::of));
        found.computeIfAbsent(TenantId.of(rs.getString("partner_id")), t -> new HashMap<>()).put(header.id(), header);
    }

    private static void query(UnitOfWork uow, String sql, List<?> binds, SqlScript.RowHandler handler) {
        try (PreparedStatement statement = h(uow).getConnection().prepareStatement(sql)) {
            for (int i = 0; i < binds.size(); i++) {
                statement.setObject(i + 1, binds.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    handler.accept(rs);
                }
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    private static String placeholders(int count) {
        return "?, ".repeat(count - 1) + "?";
    }

    @Override
    public Optional<StoredEntry> findEntry(UnitOfWork uow, TenantId tenant, EntryId id) {
        List<StoredEntry> entries = loadEntries(h(uow), tenant, "entry_id = :id", Map.of("id", id.value()), 1);
        return entries.stream().findFirst();
    }

    @Override
    public Map<EntryId, EntryId> findReferencing(UnitOfWork uow, TenantId tenant, Collection<EntryId> referenced) {
        if (referenced.isEmpty()) {
            return Map.of();
        }
        Map<EntryId, EntryId> found = new HashMap<>();
        h(uow).createQuery("SELECT referenced_id, entry_id FROM ledger_entry_reference WHERE partner_id = :p "
                        + "AND referenced_id IN (<ids>)")
                .bind("p", tenant.value())
                .bindList("ids", referenced.stream().map(EntryId::value).toList())
                .map((rs, ctx) -> Map.entry(EntryId.of(rs.getString("referenced_id")),
                        EntryId.of(rs.getString("entry_id"))))
                .forEach(pair -> found.put(pair.getKey(), pair.getValue()));
        return found;
    }

    @Override
    public List<StoredEntry> entriesAfter(UnitOfWork uow, TenantId tenant, long afterSeq, int limit) {
        return loadEntries(h(uow), tenant, "seq > :after", Map.of("after", afterSeq), limit);
    }

    private List<StoredEntry> loadEntries(Handle handle, TenantId tenant, String condition, Map<String, Object> binds,
                                          int limit) {
        Query query = handle.createQuery("SELECT " + ENTRY_COLUMNS + " FROM ledger_entry WHERE partner_id = :p AND "
                + condition + " ORDER BY seq LIMIT :limit");
        query.bind("p", tenant.value()).bind("limit", limit);
        binds.forEach(query::bind);
        List<EntryRow> rows = query.map((rs, ctx) -> entryRow(rs)).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<EntryLine>> lines = new HashMap<>();
        long minSeq = rows.stream().mapToLong(EntryRow::seq).min().orElseThrow();
        long maxSeq = rows.stream().mapToLong(EntryRow::seq).max().orElseThrow();
        handle.createQuery("SELECT " + LINE_COLUMNS + " FROM ledger_line WHERE partner_id = :p "
                        + "AND seq >= :min AND seq <= :max ORDER BY seq, line_no")
                .bind("p", tenant.value())
                .bind("min", minSeq)
                .bind("max", maxSeq)
                .map((rs, ctx) -> Map.entry(rs.getLong("seq"), line(rs)))
                .forEach(pair -> lines.computeIfAbsent(pair.getKey(), k -> new ArrayList<>()).add(pair.getValue()));
        return rows.stream().map(row -> row.toEntry(tenant, lines.getOrDefault(row.seq, List.of()))).toList();
    }

    /** An entry row before its lines are attached. */
    private record EntryRow(String id, long seq, EntryKind kind, LocalDate effectiveDate, Instant postedAt,
                            String description, String externalRef, String sourceDocument, String metadata,
                            String reference, Instant expiresAt, String actor, String contentHash) {
        StoredEntry toEntry(TenantId tenant, List<EntryLine> lines) {
            return new StoredEntry(tenant, EntryId.of(id), seq, kind, effectiveDate, postedAt, description,
                    Optional.ofNullable(externalRef), Optional.ofNullable(sourceDocument),
                    metadata == null ? Map.of() : parseJson(metadata),
                    Optional.ofNullable(reference).map(EntryId::of), Optional.ofNullable(expiresAt), actor,
                    contentHash, lines);
        }
    }

    private static EntryRow entryRow(ResultSet rs) throws SQLException {
        return new EntryRow(rs.getString("entry_id"), rs.getLong("seq"), EntryKind.valueOf(rs.getString("kind")),
                rs.getObject("effective_date", LocalDate.class), instant(rs, "posted_at"),
                rs.getString("description"), rs.getString("external_ref"), rs.getString("source_document"),
                rs.getString("metadata"), rs.getString("reference_id"), instant(rs, "expires_at"),
                rs.getString("actor"), rs.getString("content_hash"));
    }

    private static EntryLine line(ResultSet rs) throws SQLException {
        Money amount = Money.ofMinor(rs.getLong("amount_minor"), rs.getString("currency"));
        long functional = rs.getLong("functional_minor");
        Optional<FxDetail> fx = rs.wasNull() ? Optional.empty()
                : Optional.of(new FxDetail(functional, new BigDecimal(rs.getString("fx_rate"))));
        Map<Dimension, String> dims = new EnumMap<>(Dimension.class);
        for (Map.Entry<Dimension, String> column : DIMENSION_COLUMNS.entrySet()) {
            String value = rs.getString(column.getValue());
            if (value != null) {
                dims.put(column.getKey(), value);
            }
        }
        return new EntryLine(AccountId.of(rs.getString("account_code")),
                "D".equals(rs.getString("side")) ? Side.DEBIT : Side.CREDIT, amount, fx, dims);
    }

    @Override
    public List<PendingRef> expiredPending(UnitOfWork uow, Instant now, Optional<PendingRef> after, int limit) {
        String afterCondition = after.isEmpty() ? "" : " AND (expires_at > :x OR (expires_at = :x AND "
                + "(partner_id > :p OR (partner_id = :p AND entry_id > :e))))";
        Query query = h(uow).createQuery("SELECT partner_id, entry_id, expires_at FROM ledger_pending "
                        + "WHERE expires_at <= :now" + afterCondition
                        + " ORDER BY expires_at, partner_id, entry_id LIMIT :limit")
                .bind("now", SqlTimes.text(utc(now)))
                .bind("limit", limit);
        after.ifPresent(position -> query.bind("x", SqlTimes.text(utc(position.expiresAt())))
                .bind("p", position.tenant().value()).bind("e", position.id().value()));
        return query.map((rs, ctx) -> new PendingRef(TenantId.of(rs.getString("partner_id")),
                        EntryId.of(rs.getString("entry_id")), instant(rs, "expires_at")))
                .list();
    }

    @Override
    public List<StatementLine> statementLines(UnitOfWork uow, BalanceKey key, LocalDate from, LocalDate to,
                                              Optional<StatementPosition> after, int limit) {
        String afterCondition = after.isEmpty() ? "" : " AND (l.effective_date > :d OR (l.effective_date = :d AND "
                + "(l.seq > :s OR (l.seq = :s AND l.line_no > :n))))";
        Query query = h(uow).createQuery("SELECT l.*, e.entry_id, e.description FROM ledger_line l "
                        + "JOIN ledger_entry e ON e.partner_id = l.partner_id AND e.seq = l.seq "
                        + "WHERE l.partner_id = :p AND l.account_code = :a AND l.currency = :c AND l.reserved = FALSE "
                        + "AND l.effective_date >= :from AND l.effective_date <= :to" + afterCondition
                        + " ORDER BY l.effective_date, l.seq, l.line_no LIMIT :limit")
                .bind("p", key.tenant().value())
                .bind("a", key.account().code())
                .bind("c", key.currency().getCurrencyCode())
                .bind("from", from)
                .bind("to", to)
                .bind("limit", limit);
        after.ifPresent(position -> query.bind("d", position.effectiveDate())
                .bind("s", position.seq()).bind("n", position.lineNo()));
        return query.map((rs, ctx) -> {
            EntryLine line = line(rs);
            return new StatementLine(EntryId.of(rs.getString("entry_id")), rs.getLong("seq"), rs.getInt("line_no"),
                    rs.getObject("effective_date", LocalDate.class), line.side(), line.amount().minor(),
                    rs.getString("description"), line.dimensions());
        }).list();
    }

    @Override
    public List<AccountTotal> totalsOfKind(UnitOfWork uow, TenantId tenant, EntryKind kind, LocalDate from,
                                           LocalDate to) {
        return h(uow).createQuery("SELECT l.account_code, l.currency, "
                        + "SUM(CASE WHEN l.side = 'D' THEN l.amount_minor ELSE 0 END) AS debit, "
                        + "SUM(CASE WHEN l.side = 'C' THEN l.amount_minor ELSE 0 END) AS credit "
                        + "FROM ledger_entry e JOIN ledger_line l ON l.partner_id = e.partner_id "
                        + "AND l.seq = e.seq WHERE e.partner_id = :p AND e.kind = :kind "
                        + "AND e.effective_date >= :from AND e.effective_date <= :to "
                        + "GROUP BY l.account_code, l.currency")
                .bind("p", tenant.value())
                .bind("kind", kind.name())
                .bind("from", from)
                .bind("to", to)
                .map((rs, ctx) -> accountTotal(rs))
                .list();
    }

    // ---------------------------------------------------------------- balances

    @Override
    public Map<BalanceKey, BalanceRow> findBalances(UnitOfWork uow, Set<BalanceKey> keys) {
        Map<BalanceKey, BalanceRow> found = new HashMap<>();
        Map<TenantId, List<BalanceKey>> byTenant = keys.stream().collect(Collectors.groupingBy(BalanceKey::tenant));
        byTenant.forEach((tenant, tenantKeys) -> h(uow).createQuery("SELECT * FROM ledger_balance "
                        + "WHERE partner_id = :p AND account_code IN (<accounts>)")
                .bind("p", tenant.value())
                .bindList("accounts", tenantKeys.stream().map(key -> key.account().code()).distinct().toList())
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
        return h(uow).createQuery("SELECT * FROM ledger_balance WHERE partner_id = :p "
                        + "ORDER BY account_code, currency")
                .bind("p", tenant.value())
                .map((rs, ctx) -> balanceRow(rs))
                .list();
    }

    @Override
    public List<DailyTotal> listDailyTotals(UnitOfWork uow, TenantId tenant) {
        return h(uow).createQuery("SELECT * FROM ledger_daily_total WHERE partner_id = :p "
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
        executePadded(uow, balanceUpsert(deltas), row -> new Object[]{row[0], row[1], row[2], 0L, 0L, 0L, 0L});
    }

    private static MultiRowInsert balanceUpsert(List<BalanceRow> deltas) {
        MultiRowInsert upsert = new MultiRowInsert("INSERT INTO ledger_balance (partner_id, account_code, currency, "
                + "posted_debit, posted_credit, pending_debit, pending_credit) VALUES", 7,
                "ON DUPLICATE KEY UPDATE posted_debit = posted_debit + VALUES(posted_debit), "
                        + "posted_credit = posted_credit + VALUES(posted_credit), "
                        + "pending_debit = pending_debit + VALUES(pending_debit), "
                        + "pending_credit = pending_credit + VALUES(pending_credit)");
        deltas.stream().sorted((a, b) -> a.key().compareTo(b.key())).forEach(delta -> upsert.add(
                delta.key().tenant().value(), delta.key().account().code(), delta.key().currency().getCurrencyCode(),
                delta.postedDebit(), delta.postedCredit(), delta.pendingDebit(), delta.pendingCredit()));
        return upsert;
    }

    @Override
    public void addToDailyTotals(UnitOfWork uow, List<DailyTotal> deltas) {
        executePadded(uow, dailyUpsert(deltas), row -> new Object[]{row[0], row[1], row[2], row[3], 0L, 0L});
    }

    private static MultiRowInsert dailyUpsert(List<DailyTotal> deltas) {
        MultiRowInsert upsert = new MultiRowInsert("INSERT INTO ledger_daily_total (partner_id, account_code, "
                + "currency, effective_date, debit, credit) VALUES", 6,
                "ON DUPLICATE KEY UPDATE debit = debit + VALUES(debit), credit = credit + VALUES(credit)");
        deltas.stream()
                .sorted((x, y) -> {
                    int byKey = x.key().compareTo(y.key());
                    return byKey != 0 ? byKey : x.day().compareTo(y.day());
                })
                .forEach(delta -> upsert.add(delta.key().tenant().value(), delta.key().account().code(),
                        delta.key().currency().getCurrencyCode(), delta.day(), delta.debit(), delta.credit()));
        return upsert;
    }

    @Override
    public AccountTotal totalAsOf(UnitOfWork uow, BalanceKey key, LocalDate asOf) {
        return h(uow).createQuery("SELECT :a AS account_code, :c AS currency, COALESCE(SUM(debit), 0) AS debit, "
                        + "COALESCE(SUM(credit), 0) AS credit FROM ledger_daily_total WHERE partner_id = :p "
                        + "AND account_code = :a AND currency = :c AND effective_date <= :asOf")
                .bind("p", key.tenant().value())
                .bind("a", key.account().code())
                .bind("c", key.currency().getCurrencyCode())
                .bind("asOf", asOf)
                .map((rs, ctx) -> accountTotal(rs))
                .one();
    }

    @Override
    public List<AccountTotal> totalsBetween(UnitOfWork uow, TenantId tenant, LocalDate from, LocalDate to) {
        boolean sinceStart = from.equals(LocalDate.MIN);
        Query query = h(uow).createQuery("SELECT account_code, currency, SUM(debit) AS debit, SUM(credit) AS credit "
                        + "FROM ledger_daily_total WHERE partner_id = :p AND effective_date <= :to"
                        + (sinceStart ? "" : " AND effective_date >= :from")
                        + " GROUP BY account_code, currency ORDER BY account_code, currency")
                .bind("p", tenant.value())
                .bind("to", to);
        if (!sinceStart) {
            query.bind("from", from);
        }
        return query.map((rs, ctx) -> accountTotal(rs)).list();
    }

    private static AccountTotal accountTotal(ResultSet rs) throws SQLException {
        return new AccountTotal(AccountId.of(rs.getString("account_code")),
                Currency.getInstance(rs.getString("currency")), rs.getLong("debit"), rs.getLong("credit"));
    }

    // ---------------------------------------------------------------- audit chain

    @Override
    public Optional<ChainLink> lastLink(UnitOfWork uow, TenantId tenant) {
        return h(uow).createQuery("SELECT seq, entry_id, link_hash FROM ledger_chain_head WHERE partner_id = :p")
                .bind("p", tenant.value())
                .map((rs, ctx) -> chainLink(rs))
                .findOne();
    }

    @Override
    public boolean appendLinks(UnitOfWork uow, TenantId tenant, List<ChainLink> links) {
        if (links.isEmpty()) {
            return true;
        }
        Handle handle = h(uow);
        // Claim the first seq with a single-row insert: a concurrent chainer that got there first makes it fail
        // as a duplicate key; report that as "someone else chained these" instead of an error.
        boolean taken = handle.createQuery("SELECT COUNT(*) FROM ledger_chain_link WHERE partner_id = :p "
                        + "AND seq = :s")
                .bind("p", tenant.value()).bind("s", links.getFirst().seq()).mapTo(Integer.class).one() > 0;
        if (taken) {
            return false;
        }
        MultiRowInsert insert = new MultiRowInsert("INSERT INTO ledger_chain_link (partner_id, seq, entry_id, "
                + "link_hash) VALUES", 4, "");
        links.forEach(link -> insert.add(tenant.value(), link.seq(), link.entryId().value(), link.hash()));
        execute(uow, insert);
        ChainLink head = links.getLast();
        MultiRowInsert moveHead = new MultiRowInsert("INSERT INTO ledger_chain_head (partner_id, seq, entry_id, "
                + "link_hash) VALUES", 4, "ON DUPLICATE KEY UPDATE seq = VALUES(seq), entry_id = VALUES(entry_id), "
                + "link_hash = VALUES(link_hash)");
        moveHead.add(tenant.value(), head.seq(), head.entryId().value(), head.hash());
        execute(uow, moveHead);
        return true;
    }

    @Override
    public List<ChainLink> linksAfter(UnitOfWork uow, TenantId tenant, long afterSeq, int limit) {
        return h(uow).createQuery("SELECT seq, entry_id, link_hash FROM ledger_chain_link WHERE partner_id = :p "
                        + "AND seq > :after ORDER BY seq LIMIT :limit")
                .bind("p", tenant.value())
                .bind("after", afterSeq)
                .bind("limit", limit)
                .map((rs, ctx) -> chainLink(rs))
                .list();
    }

    @Override
    public List<TenantId> tenantsWithUnchainedEntries(UnitOfWork uow, int limit) {
        // The tenant row knows its last seq and the head row its last link: a join, no scan of entries or links.
        return h(uow).createQuery("SELECT t.partner_id FROM ledger_tenant t LEFT JOIN ledger_chain_head c "
                        + "ON c.partner_id = t.partner_id WHERE t.next_seq - 1 > COALESCE(c.seq, 0) "
                        + "ORDER BY t.partner_id LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> TenantId.of(rs.getString("partner_id")))
                .list();
    }

    private static ChainLink chainLink(ResultSet rs) throws SQLException {
        return new ChainLink(rs.getLong("seq"), EntryId.of(rs.getString("entry_id")), rs.getString("link_hash"));
    }

    // ---------------------------------------------------------------- conversions

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    private static String json(Map<String, String> metadata) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(metadata));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string map always serialises", e);
        }
    }

    private static Map<String, String> parseJson(String json) {
        try {
            return new LinkedHashMap<>(JSON.readValue(json, STRING_MAP));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable metadata in the journal: " + json, e);
        }
    }
}
