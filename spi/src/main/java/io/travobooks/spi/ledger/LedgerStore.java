package io.travobooks.spi.ledger;

import io.travobooks.spi.AccountId;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.UnitOfWork;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the ledger stores, grouped by role. Every method runs inside the caller's {@link UnitOfWork};
 * the store never opens or commits a transaction itself. The store keeps data and answers queries; every rule
 * (balancing, idempotency, period close, constraints) lives in {@code ledger-core}.
 */
public interface LedgerStore extends LedgerStore.Tenants, LedgerStore.Chart, LedgerStore.Journal,
        LedgerStore.Balances, LedgerStore.AuditChain {

    /** The transactions this store's methods run in. */
    TransactionRunner transactions();

    interface Tenants {
        /** @return false when the tenant already exists (nothing is changed then) */
        boolean insertTenant(UnitOfWork uow, TenantRow tenant);

        Optional<TenantRow> findTenant(UnitOfWork uow, TenantId tenant);

        /**
         * Locks the tenants' header rows until the unit of work ends, in ascending tenant order (so two writers never
         * wait on each other in a cycle), and returns the rows found.
         */
        Map<TenantId, TenantRow> lockTenants(UnitOfWork uow, Collection<TenantId> tenants);

        void updateTenant(UnitOfWork uow, TenantRow tenant);
    }

    interface Chart {
        /** @return false when an account with that id exists already */
        boolean insertAccount(UnitOfWork uow, Account account);

        void updateAccount(UnitOfWork uow, Account account);

        Map<AccountId, Account> findAccounts(UnitOfWork uow, TenantId tenant, Collection<AccountId> ids);

        List<Account> listAccounts(UnitOfWork uow, TenantId tenant);
    }

    interface Journal {
        /** Appends entries with their lines. Ids and seqs must be new; the store refuses to overwrite. */
        void insertEntries(UnitOfWork uow, List<StoredEntry> entries);

        Map<EntryId, EntryHeader> findHeaders(UnitOfWork uow, TenantId tenant, Collection<EntryId> ids);

        Optional<StoredEntry> findEntry(UnitOfWork uow, TenantId tenant, EntryId id);

        /** Of the given entries, the ones that another entry references (reverses or resolves), mapped to it. */
        Map<EntryId, EntryId> findReferencing(UnitOfWork uow, TenantId tenant, Collection<EntryId> referenced);

        /** Entries with seq in {@code (afterSeq, afterSeq + limit]}, in seq order. */
        List<StoredEntry> entriesAfter(UnitOfWork uow, TenantId tenant, long afterSeq, int limit);

        /** Pending entries of any tenant that expired at or before {@code now} and are still unresolved. */
        List<PendingRef> expiredPending(UnitOfWork uow, Instant now, int limit);

        /** Posted lines of an account in statement order, strictly after {@code after} when given. */
        List<StatementLine> statementLines(UnitOfWork uow, BalanceKey key, LocalDate from, LocalDate to,
                                           Optional<StatementPosition> after, int limit);

        /** Posted lines of entries of the given kind, dated within the range, summed per account and currency. */
        List<AccountTotal> totalsOfKind(UnitOfWork uow, TenantId tenant, EntryKind kind, LocalDate from, LocalDate to);
    }

    interface Balances {
        Map<BalanceKey, BalanceRow> findBalances(UnitOfWork uow, Set<BalanceKey> keys);

        List<BalanceRow> listBalances(UnitOfWork uow, TenantId tenant);

        /** Adds each delta to its row (creating missing rows at zero), in ascending key order. */
        void addToBalances(UnitOfWork uow, List<BalanceRow> deltas);

        /** Adds each delta to its day row (creating missing rows at zero), in ascending key order. */
        void addToDailyTotals(UnitOfWork uow, List<DailyTotal> deltas);

        /** Posted debits and credits of one account and currency dated on or before {@code asOf}. */
        AccountTotal totalAsOf(UnitOfWork uow, BalanceKey key, LocalDate asOf);

        /**
         * Posted totals of every account of a tenant with lines dated within {@code [from, to]}, per currency.
         * {@link LocalDate#MIN} as {@code from} means since the beginning.
         */
        List<AccountTotal> totalsBetween(UnitOfWork uow, TenantId tenant, LocalDate from, LocalDate to);
    }

    interface AuditChain {
        Optional<ChainLink> lastLink(UnitOfWork uow, TenantId tenant);

        /** @return false when another chainer appended links for these seqs first (nothing is written then) */
        boolean appendLinks(UnitOfWork uow, TenantId tenant, List<ChainLink> links);

        List<ChainLink> linksAfter(UnitOfWork uow, TenantId tenant, long afterSeq, int limit);

        /** Tenants whose journal has entries not yet chained. */
        List<TenantId> tenantsWithUnchainedEntries(UnitOfWork uow, int limit);
    }

    /** Currency helper for adapters that store codes. */
    static Currency currency(String code) {
        return Currency.getInstance(code);
    }
}
