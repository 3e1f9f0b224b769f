package io.travobooks.spi.ledger;

import io.travobooks.spi.EntryId;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.UnitOfWork;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Journal entries and lines: append-only. */
public interface JournalStore {
    /** Appends entries with their lines. Ids and seqs must be new; the store refuses to overwrite. */
    void insertEntries(UnitOfWork uow, List<StoredEntry> entries);

    /** Headers of the entries that exist among the given ids, for several tenants in one round trip. */
    Map<TenantId, Map<EntryId, EntryHeader>> findHeaders(UnitOfWork uow,
                                                        Map<TenantId, ? extends Collection<EntryId>> ids);

    Optional<StoredEntry> findEntry(UnitOfWork uow, TenantId tenant, EntryId id);

    /** Of the given entries, the ones that another entry references (reverses or resolves), mapped to it. */
    Map<EntryId, EntryId> findReferencing(UnitOfWork uow, TenantId tenant, Collection<EntryId> referenced);

    /** Entries with seq in {@code (afterSeq, afterSeq + limit]}, in seq order. */
    List<StoredEntry> entriesAfter(UnitOfWork uow, TenantId tenant, long afterSeq, int limit);

    /**
     * Pending entries of any tenant that expired at or before {@code now} and are still unresolved, in (expiresAt,
     * tenant, id) order, strictly after {@code after} when given: a sweep pages past every entry it has read, so
     * entries it could not resolve never hide the ones behind them.
     */
    List<PendingRef> expiredPending(UnitOfWork uow, Instant now, Optional<PendingRef> after, int limit);

    /** Posted lines of an account in statement order, strictly after {@code after} when given. */
    List<StatementLine> statementLines(UnitOfWork uow, BalanceKey key, LocalDate from, LocalDate to,
                                       Optional<StatementPosition> after, int limit);

    /** Posted lines of entries of the given kind, dated within the range, summed per account and currency. */
    List<AccountTotal> totalsOfKind(UnitOfWork uow, TenantId tenant, EntryKind kind, LocalDate from, LocalDate to);
}
