package io.travobooks.spi.approval;

import io.travobooks.spi.TenantId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A request held for a second person, as stored: what was asked (the operation and its exact payload, with the
 * payload's hash), by whom, until when, and what was decided by whom.
 *
 * @param payload the request's exact payload, executed as it is once approved
 */
public record ApprovalRecord(TenantId tenant, String id, String operation, String payload, String payloadHash,
                             String maker, Instant requestedAt, Instant expiresAt, Status status,
                             Optional<String> checker, Optional<Instant> decidedAt, Optional<String> reason) {
    public static final int MAX_ID_LENGTH = 64;
    public static final int MAX_PAYLOAD_CHARS = 65_536;
    /** Operation names, principals (makers and checkers) and reasons are kept to these lengths. */
    public static final int MAX_OPERATION_LENGTH = 100;
    public static final int MAX_PRINCIPAL_LENGTH = 200;
    public static final int MAX_REASON_LENGTH = 1_000;
    /** Room for an algorithm's name and its digest in hex ({@code sha256:} and 64 digits is 71). */
    public static final int MAX_HASH_LENGTH = 80;

    /** Where a request stands. */
    public enum Status { PENDING, APPROVED, REJECTED }

    public ApprovalRecord {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(payloadHash, "payloadHash");
        Objects.requireNonNull(maker, "maker");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(checker, "checker");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(reason, "reason");
        if (id.isBlank() || id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("an approval id has 1 to " + MAX_ID_LENGTH + " characters");
        }
        if (payload.length() > MAX_PAYLOAD_CHARS) {
            throw new IllegalArgumentException("an approval's payload has at most " + MAX_PAYLOAD_CHARS
                    + " characters");
        }
        if (operation.isEmpty() || operation.length() > MAX_OPERATION_LENGTH || maker.isBlank()
                || maker.length() > MAX_PRINCIPAL_LENGTH || payloadHash.isEmpty()
                || payloadHash.length() > MAX_HASH_LENGTH
                || checker.filter(by -> by.isBlank() || by.length() > MAX_PRINCIPAL_LENGTH).isPresent()
                || reason.filter(why -> why.length() > MAX_REASON_LENGTH).isPresent()) {
            throw new IllegalArgumentException("an approval's operation, maker, checker, hash or reason is empty or "
                    + "too long");
        }
        if (!expiresAt.isAfter(requestedAt)) {
            throw new IllegalArgumentException("a request expires after it is made");
        }
        if ((status == Status.PENDING) != checker.isEmpty() || checker.isEmpty() != decidedAt.isEmpty()
                || status != Status.REJECTED && reason.isPresent()) {
            throw new IllegalArgumentException("a decided request has its checker and time, a pending one neither; "
                    + "only a rejection has a reason");
        }
        if (decidedAt.filter(at -> at.isBefore(requestedAt)).isPresent()) {
            throw new IllegalArgumentException("a request is decided after it is made");
        }
    }

    /** A new request, not decided yet. */
    public static ApprovalRecord pending(TenantId tenant, String id, String operation, String payload,
                                         String payloadHash, String maker, Instant requestedAt, Instant expiresAt) {
        return new ApprovalRecord(tenant, id, operation, payload, payloadHash, maker, requestedAt, expiresAt,
                Status.PENDING, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** This request decided. */
    public ApprovalRecord decided(Status decision, String by, Instant at, Optional<String> why) {
        if (decision == Status.PENDING) {
            throw new IllegalArgumentException("a decision approves or rejects");
        }
        return new ApprovalRecord(tenant, id, operation, payload, payloadHash, maker, requestedAt, expiresAt,
                decision, Optional.of(by), Optional.of(at), why);
    }
}
