package io.travobooks.spi.ledger;

import io.travobooks.spi.TenantId;
import io.travobooks.spi.UnitOfWork;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Tenant header rows: the per-tenant lock, sequence, period lock and chart version. */
public interface TenantStore {
    /** @return false when the tenant already exists (nothing is changed then) */
    boolean insertTenant(UnitOfWork uow, TenantRow tenant);

    Optional<TenantRow> findTenant(UnitOfWork uow, TenantId tenant);

    /**
     * Locks the tenants' header rows until the unit of work ends, in ascending tenant order (so two writers never
     * wait on each other in a cycle), and returns the rows found.
     */
    Map<TenantId, TenantRow> lockTenants(UnitOfWork uow, Collection<TenantId> tenants);

    void updateTenants(UnitOfWork uow, Collection<TenantRow> tenants);
}
