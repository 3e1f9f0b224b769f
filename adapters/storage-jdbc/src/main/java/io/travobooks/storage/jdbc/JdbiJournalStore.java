package io.travobooks.storage.jdbc;

import io.travobooks.spi.AccountId;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.Money;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.ledger.AccountTotal;
import io.travobooks.spi.ledger.BalanceKey;
import io.travobooks.spi.ledger.Dimension;
import io.travobooks.spi.ledger.EntryHeader;
import io.travobooks.spi.ledger.EntryKind;
import io.travobooks.spi.ledger.EntryLine;
import io.travobooks.spi.ledger.FxDetail;
import io.travobooks.spi.ledger.JournalStore;
import io.travobooks.spi.ledger.PendingRef;
import io.travobooks.spi.ledger.Side;
import io.travobooks.spi.ledger.StatementLine;
import io.travobooks.spi.ledger.StatementPosition;
import io.travobooks.spi.ledger.StoredEntry;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ledger's journal: append-only entries with their lines, the references between entries and the expiries of
 * pending entries, and the reads over them (entries, headers, statements, totals by kind).
 */
final class JdbiJournalStore extends JdbiStore implements JournalStore {
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

    JdbiJournalStore(TransactionRunner transactions) {
        super(transactions);
    }

    @Override
    public void insertEntries(UnitOfWork uow, List<StoredEntry> entries) {
        entryWrites(entries).execute(handle(uow));
    }

    /** The rows that entries add: entries, lines, references, expiries, and expiries that resolutions remove. */
    record EntryWrites(List<MultiRowInsert> inserts, List<String> pendingDeletes,
                       List<List<Object>> pendingDeleteKeys) {
        void execute(Handle handle) {
            for (MultiRowInsert insert : inserts) {
                insert.execute(handle);
            }
            for (int i = 0; i < pendingDeletes.size(); i++) {
                LedgerSql.bindPositional(handle.createUpdate(pendingDeletes.get(i)), pendingDeleteKeys.get(i))
                        .execute();
            }
        }

        void appendTo(SqlScript script) {
            inserts.forEach(insert -> insert.appendTo(script));
            for (int i = 0; i < pendingDeletes.size(); i++) {
                script.add(pendingDeletes.get(i), pendingDeleteKeys.get(i));
            }
        }
    }

    static EntryWrites entryWrites(List<StoredEntry> entries) {
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
            entryRows.add(tenant, id, entry.seq(), entry.kind().name(), entry.effectiveDate(),
                    SqlTimes.text(entry.postedAt()), entry.description(), entry.externalRef().orElse(null),
                    entry.sourceDocument().orElse(null),
                    entry.metadata().isEmpty() ? null : LedgerSql.json(entry.metadata()),
                    entry.reference().map(EntryId::value).orElse(null),
                    entry.expiresAt().map(SqlTimes::text).orElse(null), entry.actor(), entry.contentHash());
            entry.reference().ifPresent(reference -> referenceRows.add(tenant, reference.value(), id));
            if (entry.kind() == EntryKind.PENDING && entry.expiresAt().isPresent()) {
                pendingRows.add(tenant, id, SqlTimes.text(entry.expiresAt().get()));
            }
            if (entry.kind() == EntryKind.POST_PENDING || entry.kind() == EntryKind.VOID_PENDING) {
                resolvedPending.add(tenant);
                resolvedPending.add(entry.reference().orElseThrow().value());
            }
            List<EntryLine> lines = entry.lines();
            for (int i = 0; i < lines.size(); i++) {
                EntryLine line = lines.get(i);
                Map<Dimension, String> dims = line.dimensions();
                lineRows.add(tenant, entry.seq(), i, line.account().value(),
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

    @Override
    public Map<TenantId, Map<EntryId, EntryHeader>> findHeaders(UnitOfWork uow,
                                                               Map<TenantId, ? extends Collection<EntryId>> ids) {
        Map<TenantId, Map<EntryId, EntryHeader>> found = new HashMap<>();
        for (HeaderQuery headerQuery : headerQueries(ids)) {
            LedgerSql.bindPositional(handle(uow).createQuery(headerQuery.sql()), headerQuery.binds())
                    .map((rs, ctx) -> headerRow(rs))
                    .forEach(row -> addHeader(found, row));
        }
        return found;
    }

    record HeaderQuery(String sql, List<Object> binds) {
    }

    /**
     * One query for every tenant of the batch, up to 256 keys each; the key count is padded to a power of two
     * (repeating the last key) so that a few statement texts recur.
     */
    static List<HeaderQuery> headerQueries(Map<TenantId, ? extends Collection<EntryId>> ids) {
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

    /** A row of a header query: the entry's header with its tenant. */
    static Map.Entry<TenantId, EntryHeader> headerRow(ResultSet rs) throws SQLException {
        EntryHeader header = new EntryHeader(EntryId.of(rs.getString("entry_id")), rs.getLong("seq"),
                EntryKind.valueOf(rs.getString("kind")), SqlTimes.instant(rs, "posted_at").orElse(null),
                rs.getString("content_hash"), Optional.ofNullable(rs.getString("reference_id")).map(EntryId::of));
        return Map.entry(TenantId.of(rs.getString("partner_id")), header);
    }

    static void addHeader(Map<TenantId, Map<EntryId, EntryHeader>> found, Map.Entry<TenantId, EntryHeader> row) {
        found.computeIfAbsent(row.getKey(), t -> new HashMap<>()).put(row.getValue().id(), row.getValue());
    }

    @Override
    public Optional<StoredEntry> findEntry(UnitOfWork uow, TenantId tenant, EntryId id) {
        List<StoredEntry> entries = loadEntries(handle(uow), tenant, "entry_id = :id", Map.of("id", id.value()), 1);
        return entries.stream().findFirst();
    }

    @Override
    public Map<EntryId, EntryId> findReferencing(UnitOfWork uow, TenantId tenant, Collection<EntryId> referenced) {
        if (referenced.isEmpty()) {
            return Map.of();
        }
        Map<EntryId, EntryId> found = new HashMap<>();
        handle(uow).createQuery("SELECT referenced_id, entry_id FROM ledger_entry_reference WHERE partner_id = :p "
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
        return loadEntries(handle(uow), tenant, "seq > :after", Map.of("after", afterSeq), limit);
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
                    metadata == null ? Map.of() : LedgerSql.parseJson(metadata),
                    Optional.ofNullable(reference).map(EntryId::of), Optional.ofNullable(expiresAt), actor,
                    contentHash, lines);
        }
    }

    private static EntryRow entryRow(ResultSet rs) throws SQLException {
        return new EntryRow(rs.getString("entry_id"), rs.getLong("seq"), EntryKind.valueOf(rs.getString("kind")),
                rs.getObject("effective_date", LocalDate.class), SqlTimes.instant(rs, "posted_at").orElse(null),
                rs.getString("description"), rs.getString("external_ref"), rs.getString("source_document"),
                rs.getString("metadata"), rs.getString("reference_id"), SqlTimes.instant(rs, "expires_at").orElse(null),
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
        Query query = handle(uow).createQuery("SELECT partner_id, entry_id, expires_at FROM ledger_pending "
                        + "WHERE expires_at <= :now" + afterCondition
                        + " ORDER BY expires_at, partner_id, entry_id LIMIT :limit")
                .bind("now", SqlTimes.text(now))
                .bind("limit", limit);
        after.ifPresent(position -> query.bind("x", SqlTimes.text(position.expiresAt()))
                .bind("p", position.tenant().value()).bind("e", position.id().value()));
        return query.map((rs, ctx) -> new PendingRef(TenantId.of(rs.getString("partner_id")),
                        EntryId.of(rs.getString("entry_id")), SqlTimes.instant(rs, "expires_at").orElse(null)))
                .list();
    }

    @Override
    public List<StatementLine> statementLines(UnitOfWork uow, BalanceKey key, LocalDate from, LocalDate to,
                                              Optional<StatementPosition> after, int limit) {
        String afterCondition = after.isEmpty() ? "" : " AND (l.effective_date > :d OR (l.effective_date = :d AND "
                + "(l.seq > :s OR (l.seq = :s AND l.line_no > :n))))";
        Query query = handle(uow).createQuery("SELECT l.*, e.entry_id, e.description FROM ledger_line l "
                        + "JOIN ledger_entry e ON e.partner_id = l.partner_id AND e.seq = l.seq "
                        + "WHERE l.partner_id = :p AND l.account_code = :a AND l.currency = :c AND l.reserved = FALSE "
                        + "AND l.effective_date >= :from AND l.effective_date <= :to" + afterCondition
                        + " ORDER BY l.effective_date, l.seq, l.line_no LIMIT :limit")
                .bind("p", key.tenant().value())
                .bind("a", key.account().value())
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
        return handle(uow).createQuery("SELECT l.account_code, l.currency, "
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
                .map((rs, ctx) -> LedgerSql.accountTotal(rs))
                .list();
    }
}
