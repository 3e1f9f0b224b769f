package io.travobooks.identity.approval;

import io.travobooks.spi.Outcome;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.approval.ApprovalRecord;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A request held for a second person: what was asked (the operation and its payload's hash), by whom, until when,
 * and what was decided. The rules of deciding live here; storing a decision once (so that two approvers racing
 * execute the payload once) is the store's compare-and-set on {@link #state}.
 */
public record PendingApproval(String id, TenantId tenant, String operation, String payloadHash, String maker,
                              Instant requestedAt, Instant expiresAt, State state) {

    /** Where a request stands. */
    public sealed interface State {
        record Pending() implements State {
        }

        record Approved(String checker, Instant at) implements State {
        }

        record Rejected(String checker, Instant at, String reason) implements State {
        }
    }

    public PendingApproval {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(payloadHash, "payloadHash");
        Objects.requireNonNull(maker, "maker");
        Objects.requireNonNull(state, "state");
        if (!expiresAt.isAfter(requestedAt)) {
            throw new IllegalArgumentException("an approval expires after it is requested");
        }
    }

    /** A new request, open for as long as {@code policy} allows. */
    public static PendingApproval request(String id, TenantId tenant, String operation, byte[] payload, String maker,
                                          Instant now, ApprovalPolicy policy) {
        return new PendingApproval(id, tenant, operation, PayloadHash.of(payload), maker, now,
                now.plus(policy.validity()), new State.Pending());
    }

    /**
     * Approved by {@code checker}, who saw the payload whose hash is {@code approvedHash}; the caller has already
     * checked that the checker holds the approving scope.
     */
    public Outcome<PendingApproval> approve(String checker, String approvedHash, Instant now) {
        return decidable(checker, now).flatMap(open -> {
            if (!sameHash(approvedHash)) {
                return Outcome.refused(ApprovalErrorCode.APPROVAL_PAYLOAD_CHANGED,
                        "the payload approved is not the one requested");
            }
            return Outcome.ok(withState(new State.Approved(checker, now)));
        });
    }

    public Outcome<PendingApproval> reject(String checker, String reason, Instant now) {
        return decidable(checker, now).map(open -> withState(new State.Rejected(checker, now, reason)));
    }

    /** Whether nobody decided before it ran out. */
    public boolean expired(Instant now) {
        return state instanceof State.Pending && !now.isBefore(expiresAt);
    }

    /** The approver, once approved. */
    public Optional<String> approvedBy() {
        return state instanceof State.Approved approved ? Optional.of(approved.checker()) : Optional.empty();
    }

    private Outcome<PendingApproval> decidable(String checker, Instant now) {
        if (!(state instanceof State.Pending)) {
            return Outcome.refused(ApprovalErrorCode.APPROVAL_DECIDED, "this request was already decided");
        }
        if (expired(now)) {
            return Outcome.refused(ApprovalErrorCode.APPROVAL_EXPIRED, "this request expired at " + expiresAt);
        }
        if (checker.equals(maker)) {
            return Outcome.refused(ApprovalErrorCode.APPROVAL_SELF, "a request is decided by someone other than "
                    + "the one who made it");
        }
        return Outcome.ok(this);
    }

    /** The rules' view of a stored request. */
    static PendingApproval of(ApprovalRecord stored) {
        State state = switch (stored.status()) {
            case PENDING -> new State.Pending();
            case APPROVED -> new State.Approved(stored.checker().orElseThrow(), stored.decidedAt().orElseThrow());
            case REJECTED -> new State.Rejected(stored.checker().orElseThrow(), stored.decidedAt().orElseThrow(),
                    stored.reason().orElse(""));
        };
        return new PendingApproval(stored.id(), stored.tenant(), stored.operation(), stored.payloadHash(),
                stored.maker(), stored.requestedAt(), stored.expiresAt(), state);
    }

    private boolean sameHash(String offered) {
        return offered != null && MessageDigest.isEqual(payloadHash.getBytes(StandardCharsets.US_ASCII),
                offered.getBytes(StandardCharsets.US_ASCII));
    }

    private PendingApproval withState(State next) {
        return new PendingApproval(id, tenant, operation, payloadHash, maker, requestedAt, expiresAt, next);
    }
}
