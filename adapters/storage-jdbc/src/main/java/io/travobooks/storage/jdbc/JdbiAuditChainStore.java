package io.travobooks.storage.jdbc;

import io.travobooks.spi.EntryId;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.ledger.AuditChainStore;
import io.travobooks.spi.ledger.ChainLink;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The hash chain over each tenant's journal: its links ({@code ledger_chain_link}) and its head row per tenant. */
final class JdbiAuditChainStore extends JdbiStore implements AuditChainStore {

    JdbiAuditChainStore(TransactionRunner transactions) {
        super(transactions);
    }

    @Override
    public Optional<ChainLink> lastLink(UnitOfWork uow, TenantId tenant) {
        return handle(uow).createQuery("SELECT seq, entry_id, link_hash FROM ledger_chain_head WHERE partner_id = :p")
                .bind("p", tenant.value())
                .map((rs, ctx) -> chainLink(rs))
                .findOne();
    }

    @Override
    public boolean appendLinks(UnitOfWork uow, TenantId tenant, List<ChainLink> links) {
        if (links.isEmpty()) {
            return true;
        }
        Handle handle = handle(uow);
        // Claim the first seq with a single-row insert: a concurrent chainer that got there first makes it fail
        // as a duplicate key; report that as "someone else chained these" instead of an error.
        boolean taken = handle.createQuery("SELECT COUNT(*) FROM ledger_chain_link WHERE partner_id = :p "
                        + "AND seq = :s")
                .bind("p", tenant.value()).bind("s", links.getFirst().seq()).mapTo(Integer.class).one() > 0;
        if (taken) {
            return false;
        }
        MultiRowInsert insert = new MultiRowInsert("INSERT INTO ledger_chain_link (partner_id, seq, entry_id, "
                + "link_hash) VALUES", 4, "");
        links.forEach(link -> insert.add(tenant.value(), link.seq(), link.entryId().value(), link.hash()));
        insert.execute(handle);
        ChainLink head = links.getLast();
        MultiRowInsert moveHead = new MultiRowInsert("INSERT INTO ledger_chain_head (partner_id, seq, entry_id, "
                + "link_hash) VALUES", 4, "ON DUPLICATE KEY UPDATE seq = VALUES(seq), entry_id = VALUES(entry_id), "
                + "link_hash = VALUES(link_hash)");
        moveHead.add(tenant.value(), head.seq(), head.entryId().value(), head.hash());
        moveHead.execute(handle);
        return true;
    }

    @Override
    public List<ChainLink> linksAfter(UnitOfWork uow, TenantId tenant, long afterSeq, int limit) {
        return handle(uow).createQuery("SELECT seq, entry_id, link_hash FROM ledger_chain_link WHERE partner_id = :p "
                        + "AND seq > :after ORDER BY seq LIMIT :limit")
                .bind("p", tenant.value())
                .bind("after", afterSeq)
                .bind("limit", limit)
                .map((rs, ctx) -> chainLink(rs))
                .list();
    }

    @Override
    public List<TenantId> tenantsWithUnchainedEntries(UnitOfWork uow, int limit) {
        // The tenant row knows its last seq and the head row its last link: a join, no scan of entries or links.
        return handle(uow).createQuery("SELECT t.partner_id FROM ledger_tenant t LEFT JOIN ledger_chain_head c "
                        + "ON c.partner_id = t.partner_id WHERE t.next_seq - 1 > COALESCE(c.seq, 0) "
                        + "ORDER BY t.partner_id LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> TenantId.of(rs.getString("partner_id")))
                .list();
    }

    private static ChainLink chainLink(ResultSet rs) throws SQLException {
        return new ChainLink(rs.getLong("seq"), EntryId.of(rs.getString("entry_id")), rs.getString("link_hash"));
    }
}
