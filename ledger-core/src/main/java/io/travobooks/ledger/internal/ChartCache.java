package io.travobooks.ledger.internal;

import io.travobooks.spi.AccountId;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.ledger.Account;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.spi.ledger.TenantRow;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Each tenant's chart, reused while the tenant row's chart version is unchanged. Every chart change writes a new
 * random version under the tenant lock, so a cached chart is exactly the committed one even across nodes, and a
 * rolled-back change can never leave a version that later means other content.
 */
public final class ChartCache {
    private record Cached(long version, Map<AccountId, Account> accounts) {
    }

    private final LedgerStore store;
    private final Map<TenantId, Cached> byTenant = new ConcurrentHashMap<>();

    public ChartCache(LedgerStore store) {
        this.store = store;
    }

    /** The chart of a tenant whose row the caller read (and locked) in this unit of work. */
    public Map<AccountId, Account> chart(UnitOfWork uow, TenantRow tenant) {
        Cached cached = byTenant.get(tenant.tenant());
        if (cached != null && cached.version() == tenant.chartVersion()) {
            return cached.accounts();
        }
        Map<AccountId, Account> accounts = store.listAccounts(uow, tenant.tenant()).stream()
                .collect(Collectors.toUnmodifiableMap(Account::id, Function.identity()));
        byTenant.put(tenant.tenant(), new Cached(tenant.chartVersion(), accounts));
        return accounts;
    }
}
