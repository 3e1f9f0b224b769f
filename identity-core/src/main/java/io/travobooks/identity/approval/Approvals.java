package io.travobooks.identity.approval;

import io.travobooks.spi.Outcome;
import io.travobooks.spi.RetryPolicy;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.approval.ApprovalRecord;
import io.travobooks.spi.approval.ApprovalStore;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Maker-checker over a store: a request is kept with its exact payload; a different person approves it (and then the
 * caller executes that payload, once: {@link #approve} answers the request to the one approval that won) or rejects
 * it. The rules are {@link PendingApproval}'s; the store makes a decision stick once.
 */
public final class Approvals {
    private final ApprovalStore store;
    private final Clock clock;

    public Approvals(ApprovalStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Holds {@code payload} (the request's exact bytes as text) for a second person, under {@code policy}. */
    public Outcome<ApprovalRecord> request(TenantId tenant, String id, String operation, String payload, String maker,
                                           ApprovalPolicy policy) {
        PendingApproval rules = PendingApproval.request(id, tenant, operation,
                payload.getBytes(StandardCharsets.UTF_8), maker, clock.instant(), policy);
        ApprovalRecord request = ApprovalRecord.pending(tenant, id, operation, payload, rules.payloadHash(), maker,
                rules.requestedAt(), rules.expiresAt());
        boolean added = store.transactions().inTransactionRetrying(uow -> store.add(uow, request), RetryPolicy.DEFAULT);
        return added ? Outcome.ok(request)
                : Outcome.refused(ApprovalErrorCode.APPROVAL_DUPLICATE, "a request " + id + " exists already");
    }

    public Optional<ApprovalRecord> find(TenantId tenant, String id) {
        return store.transactions().inTransaction(uow -> store.find(uow, tenant, id));
    }

    /**
     * Approves the request whose payload hashes to {@code approvedHash}. Ok only for the one approval that decided
     * it: its caller, and no one else, executes the payload.
     */
    public Outcome<ApprovalRecord> approve(TenantId tenant, String id, String checker, String approvedHash) {
        Instant now = clock.instant();
        return decide(tenant, id, (rules, stored) -> rules.approve(checker, approvedHash, now)
                .map(decided -> stored.decided(ApprovalRecord.Status.APPROVED, checker, now, Optional.empty())));
    }

    public Outcome<ApprovalRecord> reject(TenantId tenant, String id, String checker, String reason) {
        Instant now = clock.instant();
        return decide(tenant, id, (rules, stored) -> rules.reject(checker, reason, now)
                .map(decided -> stored.decided(ApprovalRecord.Status.REJECTED, checker, now, Optional.of(reason))));
    }

    private interface Decision {
        Outcome<ApprovalRecord> apply(PendingApproval rules, ApprovalRecord stored);
    }

    private Outcome<ApprovalRecord> decide(TenantId tenant, String id, Decision decision) {
        return store.transactions().inTransactionUnlessRefused(uow -> {
            Optional<ApprovalRecord> stored = store.find(uow, tenant, id);
            if (stored.isEmpty()) {
                return Outcome.refused(ApprovalErrorCode.APPROVAL_NOT_FOUND, "no request " + id);
            }
            return decision.apply(PendingApproval.of(stored.get()), stored.get()).flatMap(decided ->
                    store.decide(uow, decided) ? Outcome.ok(decided)
                            : Outcome.refused(ApprovalErrorCode.APPROVAL_DECIDED, "this request was already decided"));
        }, RetryPolicy.DEFAULT);
    }
}
