package io.travobooks.spi.ledger;

import io.travobooks.spi.EntryId;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.UnitOfWork;

import java.util.Collection;
import java.util.Map;

/**
 * Everything the ledger stores, grouped by role. Every method runs inside the caller's {@link UnitOfWork};
 * the store never opens or commits a transaction itself. The store keeps data and answers queries; every rule
 * (balancing, idempotency, period close, constraints) lives in {@code ledger-core}.
 */
public interface LedgerStore extends TenantStore, ChartStore, JournalStore, BalanceStore,
        AuditChainStore {

    /** The transactions this store's methods run in. */
    TransactionRunner transactions();

    /**
     * Locks the tenants (see {@link #lockTenants}) and then finds which of the ids exist (see {@link #findHeaders});
     * a store may do both in one round trip.
     */
    default BatchStart startBatch(UnitOfWork uow, Collection<TenantId> tenants,
                                  Map<TenantId, ? extends Collection<EntryId>> ids) {
        Map<TenantId, TenantRow> rows = lockTenants(uow, tenants);
        return new BatchStart(rows, ids.isEmpty() ? Map.of() : findHeaders(uow, ids));
    }

    /** Writes one posting batch; the same as the four calls in order, which a store may combine. */
    default void writePostings(UnitOfWork uow, PostingWrite write) {
        insertEntries(uow, write.entries());
        addToBalances(uow, write.balanceDeltas());
        addToDailyTotals(uow, write.dailyDeltas());
        updateTenants(uow, write.tenants());
    }
}
