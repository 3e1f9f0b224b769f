package io.travobooks.spi.approval;

import io.travobooks.spi.TenantId;
import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.UnitOfWork;

import java.util.List;
import java.util.Optional;

/**
 * Requests held for a second person (maker-checker); every method runs in the caller's {@link UnitOfWork}, scoped to
 * a tenant. A decision is stored once: of two checkers deciding at once, one wins, and only the winner executes the
 * payload.
 */
public interface ApprovalStore {

    TransactionRunner transactions();

    /** Stores a new pending request unless the tenant has one with its id: false then, and nothing is written. */
    boolean add(UnitOfWork uow, ApprovalRecord request);

    Optional<ApprovalRecord> find(UnitOfWork uow, TenantId tenant, String id);

    /**
     * Stores {@code decided} (the same request with its decision) if the request is still pending and its payload
     * hash is {@code decided}'s: true when this call decided it; false when someone else already had, or the payload
     * is another, and then nothing is written.
     */
    boolean decide(UnitOfWork uow, ApprovalRecord decided);

    /**
     * The tenant's requests in id order after {@code afterId} (a page's last), only those of {@code status} when
     * given; at most {@code limit}.
     */
    List<ApprovalRecord> list(UnitOfWork uow, TenantId tenant, Optional<ApprovalRecord.Status> status,
                              Optional<String> afterId, int limit);
}
