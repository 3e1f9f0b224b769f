package io.travobooks.identity.approval;

import io.travobooks.spi.Outcome;
import io.travobooks.spi.RetryPolicy;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.approval.ApprovalRecord;
import io.travobooks.spi.approval.ApprovalStore;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Maker-checker over a store: a request is kept with its exact payload; a different person approves it or rejects
 * it. The rules are {@link PendingApproval}'s; the store makes a decision stick once, so of checkers racing one gets
 * Ok. The decision is committed before the payload runs: the caller runs it under an idempotency key made from the
 * approval's id, and a checker who repeats their approval (after a lost answer or a crash) gets the same Ok back, so
 * that the payload is run, and run once.
 */
public final class Approvals {
    private final ApprovalStore store;
    private final Clock clock;
    private final RetryPolicy retries;

    public Approvals(ApprovalStore store, Clock clock, RetryPolicy retries) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retries = Objects.requireNonNull(retries, "retries");
    }

    /**
     * Holds {@code payload} (the request's exact bytes as text) for a second person, under {@code policy}. The same
     * request again (same id, maker, operation and payload) answers the first.
     */
    public Outcome<ApprovalRecord> request(TenantId tenant, String id, String operation, String payload, String maker,
                                           ApprovalPolicy policy) {
        ApprovalRecord request;
        try {
            PendingApproval rules = PendingApproval.request(id, tenant, operation,
                    payload.getBytes(StandardCharsets.UTF_8), maker, now(), policy);
            request = ApprovalRecord.pending(tenant, id, operation, payload, rules.payloadHash(), maker,
                    rules.requestedAt(), rules.expiresAt());
        } catch (IllegalArgumentException | NullPointerException invalid) {
            return Outcome.refused(ApprovalErrorCode.APPROVAL_INVALID_INPUT, String.valueOf(invalid.getMessage()));
        }
        return store.transactions().inTransactionUnlessRefused(uow -> {
            if (store.add(uow, request)) {
                return Outcome.ok(request);
            }
            ApprovalRecord first = store.find(uow, tenant, id).orElseThrow();
            return first.maker().equals(maker) && first.operation().equals(operation)
                    && first.payloadHash().equals(request.payloadHash()) ? Outcome.ok(first)
                    : Outcome.refused(ApprovalErrorCode.APPROVAL_DUPLICATE, "another request has this id");
        }, retries);
    }

    public Optional<ApprovalRecord> find(TenantId tenant, String id) {
        return store.transactions().inTransaction(uow -> store.find(uow, tenant, id));
    }

    /** Approves the request whose payload hashes to {@code approvedHash}; Ok for the approval that decided it. */
    public Outcome<ApprovalRecord> approve(TenantId tenant, String id, String checker, String approvedHash) {
        return decide(tenant, id, checker, (rules, stored, now) -> rules.approve(checker, approvedHash, now)
                .map(decided -> stored.decided(ApprovalRecord.Status.APPROVED, checker, now, Optional.empty())),
                stored -> stored.status() == ApprovalRecord.Status.APPROVED
                        && stored.payloadHash().equals(approvedHash));
    }

    public Outcome<ApprovalRecord> reject(TenantId tenant, String id, String checker, String reason) {
        if (reason == null || reason.length() > ApprovalRecord.MAX_REASON_LENGTH) {
            return Outcome.refused(ApprovalErrorCode.APPROVAL_INVALID_INPUT, "a reason has at most "
                    + ApprovalRecord.MAX_REASON_LENGTH + " characters");
        }
        return decide(tenant, id, checker, (rules, stored, now) -> rules.reject(checker, reason, now)
                .map(decided -> stored.decided(ApprovalRecord.Status.REJECTED, checker, now, Optional.of(reason))),
                stored -> stored.status() == ApprovalRecord.Status.REJECTED);
    }

    private interface Decision {
        Outcome<ApprovalRecord> apply(PendingApproval rules, ApprovalRecord stored, Instant now);
    }

    private Outcome<ApprovalRecord> decide(TenantId tenant, String id, String checker, Decision decision,
                                           Predicate<ApprovalRecord> sameDecision) {
        if (checker == null || checker.isBlank() || checker.length() > ApprovalRecord.MAX_PRINCIPAL_LENGTH) {
            return Outcome.refused(ApprovalErrorCode.APPROVAL_INVALID_INPUT, "a checker is named, in at most "
                    + ApprovalRecord.MAX_PRINCIPAL_LENGTH + " characters");
        }
        return store.transactions().inTransactionUnlessRefused(uow -> {
            Optional<ApprovalRecord> stored = store.find(uow, tenant, id);
            if (stored.isEmpty()) {
                return Outcome.refused(ApprovalErrorCode.APPROVAL_NOT_FOUND, "no such request");
            }
            if (stored.get().checker().filter(checker::equals).isPresent() && sameDecision.test(stored.get())) {
                return Outcome.ok(stored.get()); // this checker's decision, repeated: the first answer again
            }
            Instant now = now(); // read in each attempt: a retry after a lock wait decides at its own time
            return decision.apply(PendingApproval.of(stored.get()), stored.get(), now).flatMap(decided ->
                    store.decide(uow, decided) ? Outcome.ok(decided)
                            : Outcome.refused(ApprovalErrorCode.APPROVAL_DECIDED, "this request was already decided"));
        }, retries);
    }

    /** The clock at the precision the store keeps, so that what is answered is what is read back. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
