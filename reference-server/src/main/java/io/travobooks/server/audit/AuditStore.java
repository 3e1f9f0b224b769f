package io.travobooks.server.audit;

import io.travobooks.server.auth.SecretBox;
import io.travobooks.server.runtime.ServerDatabase;
import io.travobooks.storage.jdbc.MultiRowInsert;
import io.travobooks.storage.jdbc.SqlTimes;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The audit log's rows, chained as they are inserted: a batch locks the head of each tenant it appends to (in
 * tenant order, so two batches never wait on each other in a circle), numbers its rows after the head, hashes each
 * with the one before (keyed: HMAC under the server's key), and moves the head. Nothing here updates or deletes a
 * row.
 */
final class AuditStore {
    static final String GENESIS = "";
    private static final String COLUMNS = "partner_id, seq, at, actor, action, resource, status, request_id, "
            + "idempotency_key, address, user_agent, detail, hash";
    private static final int COLUMN_COUNT = 13;
    /**
     * A statement's rows, at most: a quarter of the smallest packet MySQL takes by default (4 MiB, MySQL 5.7), however
     * the details are written. A row is at most about 130 KB, so a chunk stays under 1.2 MB.
     */
    static final long MAX_CHUNK_BYTES = 1 << 20;

    private final ServerDatabase database;
    private final SecretBox box;

    AuditStore(ServerDatabase database, SecretBox box) {
        this.database = database;
        this.box = box;
    }

    /** A row's hash: keyed with the server's key, so that rewriting the chain takes the key, not only the database. */
    String link(String previous, AuditRecord record) {
        return box.mac("audit-chain", previous + "\n" + record.canonical());
    }

    void append(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        Map<String, List<AuditRecord>> byChain = new TreeMap<>();
        records.forEach(record -> byChain.computeIfAbsent(record.chain(), c -> new ArrayList<>()).add(record));
        database.inTransactionRetrying(handle -> {
            for (Map.Entry<String, List<AuditRecord>> chain : byChain.entrySet()) {
                append(handle, chain.getKey(), chain.getValue());
            }
            return null;
        });
    }

    private void append(Handle handle, String chain, List<AuditRecord> records) {
        Optional<AuditRow> head = head(handle, chain);
        if (head.isEmpty()) {
            // A first row: make the head, then lock it (a concurrent first insert loses on the key and retries).
            handle.createUpdate("INSERT INTO audit_head (partner_id, seq, hash) VALUES (:chain, 0, :hash)")
                    .bind("chain", chain)
                    .bind("hash", GENESIS)
                    .execute();
            head = head(handle, chain);
        }
        long seq = head.orElseThrow().seq();
        String hash = head.get().hash();
        // Raw rows through one multi-row statement per chunk: binding each row by name costs more than the insert.
        MultiRowInsert rows = newInsert();
        long chunkBytes = 0;
        for (AuditRecord record : records) {
            seq++;
            hash = link(hash, record);
            rows.add(chain, seq, SqlTimes.text(record.at()), record.actor(), record.action(), record.resource(),
                    record.status(), record.requestId(), record.idempotencyKey().orElse(null), record.address(),
                    record.userAgent(), record.detail(), hash);
            chunkBytes += worstCaseBytes(record);
            if (chunkBytes > MAX_CHUNK_BYTES) {
                rows.execute(handle);
                rows = newInsert();
                chunkBytes = 0;
            }
        }
        rows.execute(handle);
        handle.createUpdate("UPDATE audit_head SET seq = :seq, hash = :hash WHERE partner_id = :chain")
                .bind("seq", seq)
                .bind("hash", hash)
                .bind("chain", chain)
                .execute();
    }

    /** What a row can take in the statement: three UTF-8 bytes a character, each escaped at worst, and the rest. */
    private static long worstCaseBytes(AuditRecord record) {
        long characters = record.chain().length() + record.actor().length() + record.action().length()
                + record.resource().length() + record.requestId().length()
                + record.idempotencyKey().map(String::length).orElse(0) + record.address().length()
                + record.userAgent().length() + record.detail().length();
        return 6 * characters + 200;
    }

    private static MultiRowInsert newInsert() {
        return new MultiRowInsert("INSERT INTO audit_log (" + COLUMNS + ") VALUES", COLUMN_COUNT, "");
    }

    /** The chain's head, locked until the transaction ends. */
    private static Optional<AuditRow> head(Handle handle, String chain) {
        return handle.createQuery("SELECT seq, hash FROM audit_head WHERE partner_id = :chain FOR UPDATE")
                .bind("chain", chain)
                .map((rs, ctx) -> new AuditRow(rs.getLong("seq"), null, rs.getString("hash")))
                .findOne();
    }

    /** The head as it is now, without a lock: where a verification stops. */
    Optional<AuditRow> currentHead(String chain) {
        return database.inTransaction(handle -> handle.createQuery("SELECT seq, hash FROM audit_head "
                        + "WHERE partner_id = :chain")
                .bind("chain", chain)
                .map((rs, ctx) -> new AuditRow(rs.getLong("seq"), null, rs.getString("hash")))
                .findOne());
    }

    /** Rows of the chain after {@code afterSeq}, in order. */
    List<AuditRow> after(String chain, long afterSeq, int limit) {
        return database.inTransaction(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM audit_log "
                        + "WHERE partner_id = :chain AND seq > :after ORDER BY seq LIMIT :limit")
                .bind("chain", chain)
                .bind("after", afterSeq)
                .bind("limit", limit)
                .map(AuditStore::read)
                .list());
    }

    private static AuditRow read(ResultSet rs, StatementContext context) throws SQLException {
        AuditRecord record = new AuditRecord(rs.getString("partner_id"), SqlTimes.instant(rs, "at").orElseThrow(),
                rs.getString("actor"), rs.getString("action"), rs.getString("resource"), rs.getInt("status"),
                rs.getString("request_id"), Optional.ofNullable(rs.getString("idempotency_key")),
                rs.getString("address"), rs.getString("user_agent"), rs.getString("detail"));
        return new AuditRow(rs.getLong("seq"), record, rs.getString("hash"));
    }
}
