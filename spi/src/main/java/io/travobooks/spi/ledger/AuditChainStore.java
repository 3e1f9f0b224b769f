package io.travobooks.spi.ledger;

import io.travobooks.spi.TenantId;
import io.travobooks.spi.UnitOfWork;

import java.util.List;
import java.util.Optional;

/** The hash chain over each tenant's journal, kept in its own table so journal rows stay untouched. */
public interface AuditChainStore {
    Optional<ChainLink> lastLink(UnitOfWork uow, TenantId tenant);

    /** @return false when another chainer appended links for these seqs first (nothing is written then) */
    boolean appendLinks(UnitOfWork uow, TenantId tenant, List<ChainLink> links);

    List<ChainLink> linksAfter(UnitOfWork uow, TenantId tenant, long afterSeq, int limit);

    /** Tenants whose journal has entries not yet chained (entries up to the tenant row's {@code nextSeq - 1}). */
    List<TenantId> tenantsWithUnchainedEntries(UnitOfWork uow, int limit);
}
