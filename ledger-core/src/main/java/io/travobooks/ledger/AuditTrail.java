package io.travobooks.ledger;

import io.travobooks.ledger.internal.Canonical;
import io.travobooks.ledger.internal.ContentHash;
import io.travobooks.ledger.internal.JournalFold;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.RetryPolicy;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.ledger.ChainLink;
import io.travobooks.spi.ledger.EntryLine;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.spi.ledger.StoredEntry;
import io.travobooks.spi.ledger.TenantRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tamper-evident audit chain: each entry of a tenant, in seq order, is hashed together with the hash
 * before it. Chaining runs off the posting path (a background job, or a call); {@link #verify} recomputes the chain
 * from the stored rows and names the first entry that no longer matches.
 */
public final class AuditTrail {
    private static final int PAGE = 500;
    private static final String GENESIS = "";

    /** Beyond this many remembered entries, new ones are read back from the store when chained. */
    private static final int MAX_REMEMBERED = 50_000;

    private final LedgerStore store;
    private final RetryPolicy retry;
    private final Map<TenantId, ConcurrentSkipListMap<Long, StoredEntry>> remembered = new ConcurrentHashMap<>();
    private final AtomicInteger rememberedCount = new AtomicInteger();

    AuditTrail(LedgerStore store, RetryPolicy retry) {
        this.store = store;
        this.retry = retry;
    }

    /**
     * Keeps committed entries in memory until they are chained, so that chaining need not read back what this
     * process has just written (the store's round trip guarantees the stored rows equal these). Entries written
     * elsewhere, or past the memory bound, are read from the store.
     */
    void remember(List<StoredEntry> committed) {
        for (StoredEntry entry : committed) {
            if (rememberedCount.get() >= MAX_REMEMBERED) {
                return;
            }
            if (remembered.computeIfAbsent(entry.tenant(), t -> new ConcurrentSkipListMap<>())
                    .put(entry.seq(), entry) == null) {
                rememberedCount.incrementAndGet();
            }
        }
    }

    /** The remembered entries that follow {@code afterSeq} without a gap, forgetting those chained already. */
    private List<StoredEntry> rememberedAfter(TenantId tenant, long afterSeq) {
        ConcurrentSkipListMap<Long, StoredEntry> entries = remembered.get(tenant);
        if (entries == null) {
            return List.of();
        }
        forget(entries.headMap(afterSeq, true));
        List<StoredEntry> next = new ArrayList<>();
        for (long seq = afterSeq + 1; next.size() < PAGE; seq++) {
            StoredEntry entry = entries.get(seq);
            if (entry == null) {
                break;
            }
            next.add(entry);
        }
        return next;
    }

    private void forget(Map<Long, StoredEntry> entries) {
        int count = entries.size();
        entries.clear();
        rememberedCount.addAndGet(-count);
    }

    /** Result of a verification. */
    public sealed interface Verification {
        /** Every chained entry matches; {@code unchained} entries are newer than the chain and were not checked. */
        record Intact(long verified, long unchained) implements Verification {
        }

        /** The first entry whose stored data or presence no longer matches the chain ({@code entryId} null when
         * even its id is gone). */
        record Broken(long seq, EntryId entryId, String reason) implements Verification {
        }

        /**
         * The journal is intact but a stored balance or per-day total is not what its lines add up to: reports, limits
         * and the year-end close read those rows, so they would be wrong.
         */
        record ProjectionMismatch(String detail) implements Verification {
        }
    }

    /** Chains the tenant's entries that are not chained yet. @return how many were chained */
    public int chain(TenantId tenant) {
        int chained = 0;
        while (true) {
            // Two chainers may race for the same links: the loser's insert fails on the key and it starts over from
            // the chain the winner left.
            int now = retry.inTransaction(store.transactions(), uow -> {
                Optional<ChainLink> last = store.lastLink(uow, tenant);
                long afterSeq = last.map(ChainLink::seq).orElse(0L);
                String previous = last.map(ChainLink::hash).orElse(GENESIS);
                List<ChainLink> links = new ArrayList<>();
                List<StoredEntry> next = rememberedAfter(tenant, afterSeq);
                if (next.isEmpty()) {
                    next = store.entriesAfter(uow, tenant, afterSeq, PAGE);
                }
                for (StoredEntry entry : next) {
                    if (entry.seq() != afterSeq + links.size() + 1) {
                        break; // a gap: chain only a contiguous journal, verify will name it
                    }
                    previous = link(previous, entry);
                    links.add(new ChainLink(entry.seq(), entry.id(), previous));
                }
                return links.isEmpty() || !store.appendLinks(uow, tenant, links) ? 0 : links.size();
            });
            chained += now;
            if (now == 0) {
                return chained;
            }
        }
    }

    /** Chains every tenant's new entries. @return how many entries were chained */
    public int chainAll() {
        int chained = 0;
        for (TenantId tenant : store.transactions().inTransaction(uow -> store.tenantsWithUnchainedEntries(uow, 1000))) {
            chained += chain(tenant);
        }
        return chained;
    }

    /**
     * Recomputes the tenant's chain from the journal as stored now and compares it with the recorded links and the
     * chain's head; checks that the journal's seqs run without a gap up to the tenant's last; and folds every line
     * into balances and per-day totals to compare with the stored ones. The last step holds the tenant's ledger
     * while it folds what was posted during the verification and reads the stored rows, so that no posting moves
     * them between the fold and the comparison.
     */
    public Verification verify(TenantId tenant) {
        return store.transactions().inTransaction(uow -> {
            // Read first: a chainer may move it on while the links are read, never back.
            Optional<ChainLink> head = store.lastLink(uow, tenant);
            JournalFold fold = new JournalFold();
            String previous = GENESIS;
            long verified = 0;
            long afterSeq = 0;
            while (true) {
                List<ChainLink> links = store.linksAfter(uow, tenant, afterSeq, PAGE);
                if (links.isEmpty()) {
                    break;
                }
                TreeMap<Long, StoredEntry> entries = new TreeMap<>();
                store.entriesAfter(uow, tenant, afterSeq, links.size())
                        .forEach(entry -> entries.put(entry.seq(), entry));
                for (ChainLink link : links) {
                    StoredEntry entry = entries.get(link.seq());
                    if (entry == null || !entry.id().equals(link.entryId())) {
                        return new Verification.Broken(link.seq(), link.entryId(), "entry is missing from the journal");
                    }
                    previous = link(previous, entry);
                    if (!previous.equals(link.hash())) {
                        return new Verification.Broken(link.seq(), link.entryId(),
                                "stored entry differs from what was chained");
                    }
                    if (head.isPresent() && link.seq() == head.get().seq() && !link.hash().equals(head.get().hash())) {
                        return new Verification.Broken(link.seq(), link.entryId(), "the link differs from the head");
                    }
                    fold.add(entry);
                    verified++;
                    afterSeq = link.seq();
                }
            }
            if (head.isPresent() && afterSeq < head.get().seq()) {
                return new Verification.Broken(head.get().seq(), head.get().entryId(),
                        "the chain ends at seq " + afterSeq + " before its recorded head: links were removed");
            }
            // The unchained tail is folded without a lock; then the tenant's ledger is held only while the few
            // entries posted meanwhile are folded and the stored rows read, so that nothing moves them in between.
            long unlockedLast = store.findTenant(uow, tenant).map(row -> row.nextSeq() - 1).orElse(0L);
            Optional<Verification> gap = foldRange(uow, tenant, fold, afterSeq, unlockedLast);
            if (gap.isPresent()) {
                return gap.get();
            }
            TenantRow row = store.lockTenants(uow, List.of(tenant)).get(tenant);
            long lastSeq = row == null ? 0 : row.nextSeq() - 1;
            gap = foldRange(uow, tenant, fold, Math.max(afterSeq, unlockedLast), lastSeq);
            if (gap.isPresent()) {
                return gap.get();
            }
            long unchained = Math.max(0, lastSeq - afterSeq);
            Optional<String> difference = JournalFold.firstDifference(fold.balances(),
                            store.listBalances(uow, tenant).stream().filter(balance -> !balance.isZero()).toList())
                    .or(() -> JournalFold.firstDailyDifference(fold.dailyTotals(),
                            store.listDailyTotals(uow, tenant).stream()
                                    .filter(total -> total.debit() != 0 || total.credit() != 0).toList()));
            if (difference.isPresent()) {
                return new Verification.ProjectionMismatch(difference.get());
            }
            return new Verification.Intact(verified, unchained);
        });
    }

    /** Folds the entries with seq in {@code (afterSeq, lastSeq]}; the first one missing, if any. */
    private Optional<Verification> foldRange(UnitOfWork uow, TenantId tenant, JournalFold fold, long afterSeq,
                                             long lastSeq) {
        for (long seq = afterSeq; seq < lastSeq; ) {
            List<StoredEntry> page = store.entriesAfter(uow, tenant, seq, (int) Math.min(PAGE, lastSeq - seq));
            for (StoredEntry entry : page) {
                if (entry.seq() != seq + 1) {
                    break;
                }
                fold.add(entry);
                seq++;
            }
            if (seq < lastSeq && (page.isEmpty() || page.getLast().seq() != seq)) {
                return Optional.of(new Verification.Broken(seq + 1, null, "entry " + (seq + 1) + " of " + lastSeq
                        + " is missing from the journal"));
            }
        }
        return Optional.empty();
    }

    /** hash(previous hash, the entry's canonical fields) as hex. */
    static String link(String previous, StoredEntry entry) {
        ContentHash hash = new ContentHash()
                .field(previous)
                .field(entry.tenant().value())
                .field(entry.id().value())
                .field(Long.toString(entry.seq()))
                .field(entry.kind().name())
                .field(entry.effectiveDate().toString())
                .field(entry.postedAt().toString())
                .field(entry.description())
                .field(entry.externalRef().orElse(""))
                .field(entry.sourceDocument().orElse(""))
                .field(Canonical.of(entry.metadata()))
                .field(entry.reference().map(EntryId::value).orElse(""))
                .field(entry.expiresAt().map(Object::toString).orElse(""))
                .field(entry.actor())
                .field(entry.contentHash())
                .field(Integer.toString(entry.lines().size()));
        for (EntryLine line : entry.lines()) {
            hash.field(line.account().value())
                    .field(line.side().name())
                    .field(Long.toString(line.amount().minor()))
                    .field(line.amount().currency().getCurrencyCode())
                    .field(line.fx().map(fx -> fx.functionalMinor() + "@" + fx.rate().toPlainString()).orElse(""))
                    .field(Canonical.of(line.dimensions(), Enum::name));
        }
        return hash.hex();
    }
}
