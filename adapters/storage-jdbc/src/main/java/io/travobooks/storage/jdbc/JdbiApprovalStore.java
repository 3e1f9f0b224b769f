package io.travobooks.storage.jdbc;

import io.travobooks.spi.TenantId;
import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.approval.ApprovalRecord;
import io.travobooks.spi.approval.ApprovalStore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Maker-checker requests on MySQL/MariaDB and H2 through Jdbi (table from {@code V10__approval.sql}). */
public final class JdbiApprovalStore extends JdbiStore implements ApprovalStore {
    private static final String COLUMNS = "partner_id, approval_id, operation, payload, payload_hash, maker, "
            + "requested_at, expires_at, status, checker, decided_at, reason";

    JdbiApprovalStore(TransactionRunner transactions) {
        super(transactions);
    }

    @Override
    public boolean add(UnitOfWork uow, ApprovalRecord request) {
        if (request.status() != ApprovalRecord.Status.PENDING) {
            throw new IllegalArgumentException("a request is added pending, not " + request.status());
        }
        if (find(uow, request.tenant(), request.id()).isPresent()) {
            return false;
        }
        // A concurrent add of the same id fails on the primary key: a retryable conflict, after which the retry
        // finds the request and answers false.
        handle(uow).createUpdate("INSERT INTO approval_request (" + COLUMNS + ") VALUES (:t, :id, :operation, "
                        + ":payload, :hash, :maker, :requestedAt, :expiresAt, 'PENDING', NULL, NULL, NULL)")
                .bind("t", request.tenant().value()).bind("id", request.id())
                .bind("operation", request.operation()).bind("payload", request.payload())
                .bind("hash", request.payloadHash()).bind("maker", request.maker())
                .bind("requestedAt", SqlTimes.text(request.requestedAt()))
                .bind("expiresAt", SqlTimes.text(request.expiresAt()))
                .execute();
        return true;
    }

    @Override
    public Optional<ApprovalRecord> find(UnitOfWork uow, TenantId tenant, String id) {
        return handle(uow).createQuery("SELECT " + COLUMNS + " FROM approval_request WHERE partner_id = :t "
                        + "AND approval_id = :id")
                .bind("t", tenant.value()).bind("id", id)
                .map((rs, ctx) -> record(rs)).findOne();
    }

    @Override
    public boolean decide(UnitOfWork uow, ApprovalRecord decided) {
        if (decided.status() == ApprovalRecord.Status.PENDING) {
            throw new IllegalArgumentException("a decision approves or rejects");
        }
        // Only what a decision changes is written, and only over a pending row whose payload is the decided one's.
        return handle(uow).createUpdate("UPDATE approval_request SET status = :status, checker = :checker, "
                        + "decided_at = :at, reason = :reason WHERE partner_id = :t AND approval_id = :id "
                        + "AND status = 'PENDING' AND payload_hash = :hash")
                .bind("status", decided.status().name()).bind("checker", decided.checker().orElseThrow())
                .bind("at", SqlTimes.text(decided.decidedAt().orElseThrow()))
                .bind("reason", decided.reason().orElse(null))
                .bind("t", decided.tenant().value()).bind("id", decided.id()).bind("hash", decided.payloadHash())
                .execute() == 1;
    }

    @Override
    public List<ApprovalRecord> list(UnitOfWork uow, TenantId tenant, Optional<ApprovalRecord.Status> status,
                                     Optional<String> afterId, int limit) {
        return handle(uow).createQuery("SELECT " + COLUMNS + " FROM approval_request WHERE partner_id = :t"
                        + (status.isPresent() ? " AND status = :status" : "")
                        + (afterId.isPresent() ? " AND approval_id > :after" : "")
                        + " ORDER BY approval_id LIMIT :limit")
                .bind("t", tenant.value())
                .bind("status", status.map(Enum::name).orElse(null))
                .bind("after", afterId.orElse(null))
                .bind("limit", limit)
                .map((rs, ctx) -> record(rs)).list();
    }

    private static ApprovalRecord record(ResultSet rs) throws SQLException {
        return new ApprovalRecord(TenantId.of(rs.getString("partner_id")), rs.getString("approval_id"),
                rs.getString("operation"), rs.getString("payload"), rs.getString("payload_hash"),
                rs.getString("maker"), SqlTimes.instant(rs, "requested_at").orElseThrow(),
                SqlTimes.instant(rs, "expires_at").orElseThrow(), ApprovalRecord.Status.valueOf(rs.getString("status")),
                Optional.ofNullable(rs.getString("checker")), SqlTimes.instant(rs, "decided_at"),
                Optional.ofNullable(rs.getString("reason")));
    }
}
