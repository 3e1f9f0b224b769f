package io.travobooks.storage.jdbc;

import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.queue.DeadLetter;
import io.travobooks.spi.queue.Delivery;
import io.travobooks.spi.queue.QueueStats;
import io.travobooks.spi.queue.QueueStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The job queue's storage on MySQL/MariaDB and H2 through Jdbi (tables from {@code V2__queue.sql}), so that the
 * embedded queue survives a restart and several processes on one database share it. Times are sent as text with
 * microseconds ({@link SqlTimes}); every method runs in the caller's transaction.
 */
public final class JdbiQueueStore extends JdbiStore implements QueueStore {
    /** Rows of pending messages looked at per round when reclaiming; bounds one reclaim's transaction. */
    private static final int RECLAIM_ROUNDS = 64;
    /** Messages deleted per trim: keeps the transaction and its undo log small. */
    private static final long TRIM_CHUNK = 10_000;


    JdbiQueueStore(TransactionRunner transactions) {
        super(transactions);
    }

    // ---------------------------------------------------------------- appending

    @Override
    public long append(UnitOfWork uow, String queue, String payload, Instant now) {
        Handle handle = handle(uow);
        // Takes the queue's row lock until commit: ids become visible in the order they were handed out.
        handle.createUpdate("INSERT INTO queue_head (queue_name, last_id) VALUES (:q, 1) "
                        + "ON DUPLICATE KEY UPDATE last_id = last_id + 1")
                .bind("q", queue).execute();
        long id = handle.createQuery("SELECT last_id FROM queue_head WHERE queue_name = :q")
                .bind("q", queue).mapTo(Long.class).one();
        handle.createUpdate("INSERT INTO queue_message (queue_name, id, payload, appended_at) VALUES (:q, :id, :p, :t)")
                .bind("q", queue).bind("id", id).bind("p", payload).bind("t", text(now))
                .execute();
        return id;
    }

    @Override
    public void appendDelayed(UnitOfWork uow, String queue, String payload, Instant dueAt) {
        handle(uow).createUpdate("INSERT INTO queue_delayed (queue_name, due_at, payload) VALUES (:q, :due, :p)")
                .bind("q", queue).bind("due", text(dueAt)).bind("p", payload)
                .execute();
    }

    private record DelayedRow(long id, String payload) {
    }

    @Override
    public int moveDue(UnitOfWork uow, String queue, Instant now, int max) {
        Handle handle = handle(uow);
        List<DelayedRow> due = handle.createQuery("SELECT id, payload FROM queue_delayed "
                        + "WHERE queue_name = :q AND due_at <= :now ORDER BY due_at, id LIMIT :max")
                .bind("q", queue).bind("now", text(now)).bind("max", max)
                .map((rs, ctx) -> new DelayedRow(rs.getLong("id"), rs.getString("payload")))
                .list();
        if (due.isEmpty()) {
            return 0;
        }
        int deleted = handle.createUpdate("DELETE FROM queue_delayed WHERE id IN (<ids>)")
                .bindList("ids", due.stream().map(DelayedRow::id).toList())
                .execute();
        if (deleted != due.size()) {
            // Another transaction moved some of them first; start over on fresh state.
            throw new TransactionRunner.RetryableConflictException(
                    "delayed messages of " + queue + " were moved concurrently", null);
        }
        for (DelayedRow row : due) {
            append(uow, queue, row.payload(), now);
        }
        return due.size();
    }

    @Override
    public Instant nextDue(UnitOfWork uow, String queue) {
        return handle(uow).createQuery("SELECT MIN(due_at) AS due FROM queue_delayed WHERE queue_name = :q")
                .bind("q", queue)
                .map((rs, ctx) -> {
                    LocalDateTime due = rs.getObject("due", LocalDateTime.class);
                    return due == null ? null : due.toInstant(ZoneOffset.UTC);
                })
                .findOne().orElse(null);
    }

    // ---------------------------------------------------------------- claiming

    /**
     * Locks the group's cursor row, creating the group at the start of the history; returns its last id. A new
     * group first takes the queue's head lock, which {@link #trim} holds too: a trim either sees the new cursor or
     * has finished deleting before the group reads its first messages.
     */
    private static long lockGroup(Handle handle, String queue, String group) {
        Optional<Long> lastId = selectGroupForUpdate(handle, queue, group);
        if (lastId.isPresent()) {
            return lastId.get();
        }
        lockHead(handle, queue);
        handle.createUpdate("INSERT INTO queue_group (queue_name, group_name, last_id) VALUES (:q, :g, 0) "
                        + "ON DUPLICATE KEY UPDATE last_id = last_id")
                .bind("q", queue).bind("g", group).execute();
        return selectGroupForUpdate(handle, queue, group)
                .orElseThrow(() -> new IllegalStateException("group " + group + " of " + queue + " vanished"));
    }

    /** Takes the queue's head row lock (creating the row), as appends do; held until the transaction ends. */
    private static void lockHead(Handle handle, String queue) {
        handle.createUpdate("INSERT INTO queue_head (queue_name, last_id) VALUES (:q, 0) "
                        + "ON DUPLICATE KEY UPDATE last_id = last_id")
                .bind("q", queue).execute();
        handle.createQuery("SELECT last_id FROM queue_head WHERE queue_name = :q FOR UPDATE")
                .bind("q", queue).mapTo(Long.class).one();
    }

    private static Optional<Long> selectGroupForUpdate(Handle handle, String queue, String group) {
        return handle.createQuery("SELECT last_id FROM queue_group WHERE queue_name = :q AND group_name = :g "
                        + "FOR UPDATE")
                .bind("q", queue).bind("g", group).mapTo(Long.class).findOne();
    }

    @Override
    public List<Message> read(UnitOfWork uow, String queue, long afterId, int max) {
        return messagesAfter(handle(uow), queue, afterId, max);
    }

    private static List<Message> messagesAfter(Handle handle, String queue, long afterId, int max) {
        return handle.createQuery("SELECT id, payload FROM queue_message "
                        + "WHERE queue_name = :q AND id > :last ORDER BY id LIMIT :max")
                .bind("q", queue).bind("last", afterId).bind("max", max)
                .map((rs, ctx) -> new Message(rs.getLong("id"), rs.getString("payload")))
                .list();
    }

    @Override
    public long cursor(UnitOfWork uow, String queue, String group) {
        return lockGroup(handle(uow), queue, group);
    }

    @Override
    public void advance(UnitOfWork uow, String queue, String group, long lastId) {
        Handle handle = handle(uow);
        lockGroup(handle, queue, group);
        handle.createUpdate("UPDATE queue_group SET last_id = :last "
                        + "WHERE queue_name = :q AND group_name = :g AND last_id < :last")
                .bind("last", lastId).bind("q", queue).bind("g", group)
                .execute();
    }

    @Override
    public List<Delivery> claimNew(UnitOfWork uow, String queue, String group, String consumer, int max,
                                   Instant now) {
        Handle handle = handle(uow);
        long lastId = lockGroup(handle, queue, group);
        List<Message> rows = messagesAfter(handle, queue, lastId, max);
        if (rows.isEmpty()) {
            return List.of();
        }
        String claimedAt = text(now);
        PreparedBatch batch = handle.prepareBatch("INSERT INTO queue_pending (queue_name, group_name, message_id, "
                + "consumer, deliveries, claimed_at) VALUES (:q, :g, :id, :c, 1, :t)");
        List<Delivery> deliveries = new ArrayList<>(rows.size());
        for (Message row : rows) {
            batch.bind("q", queue).bind("g", group).bind("id", row.id()).bind("c", consumer).bind("t", claimedAt)
                    .add();
            deliveries.add(new Delivery(queue, group, Long.toString(row.id()), row.payload(), 1));
        }
        batch.execute();
        handle.createUpdate("UPDATE queue_group SET last_id = :last WHERE queue_name = :q AND group_name = :g")
                .bind("last", rows.getLast().id()).bind("q", queue).bind("g", group)
                .execute();
        return deliveries;
    }

    private record PendingRow(long id, int deliveries, String payload) {
    }

    @Override
    public Reclaimed reclaim(UnitOfWork uow, String queue, String group, String consumer, Instant now,
                             Duration visibilityTimeout, int maxDeliveries, int max) {
        Handle handle = handle(uow);
        if (selectGroupForUpdate(handle, queue, group).isEmpty()) {
            return new Reclaimed(List.of(), 0);
        }
        String cutoff = text(now.minus(visibilityTimeout));
        String claimedAt = text(now);
        List<Delivery> deliveries = new ArrayList<>();
        int deadLettered = 0;
        // Every row a round looks at leaves the cutoff (claimed again now, dead-lettered or acked meanwhile),
        // so each round sees new rows.
        for (int round = 0; round < RECLAIM_ROUNDS && deliveries.size() < max; round++) {
            int want = max - deliveries.size();
            List<PendingRow> rows = handle.createQuery("SELECT p.message_id, p.deliveries, m.payload "
                            + "FROM queue_pending p JOIN queue_message m "
                            + "ON m.queue_name = p.queue_name AND m.id = p.message_id "
                            + "WHERE p.queue_name = :q AND p.group_name = :g AND p.claimed_at <= :cutoff "
                            + "ORDER BY p.claimed_at, p.message_id LIMIT :limit")
                    .bind("q", queue).bind("g", group).bind("cutoff", cutoff).bind("limit", want)
                    .map((rs, ctx) -> new PendingRow(rs.getLong("message_id"), rs.getInt("deliveries"),
                            rs.getString("payload")))
                    .list();
            for (PendingRow row : rows) {
                if (row.deliveries() >= maxDeliveries) {
                    if (deadLetter(handle, queue, group, row, now)) {
                        deadLettered++;
                    }
                } else if (redeliver(handle, queue, group, consumer, row, claimedAt)) {
                    deliveries.add(new Delivery(queue, group, Long.toString(row.id()), row.payload(),
                            row.deliveries() + 1L));
                }
            }
            if (rows.size() < want) {
                break;
            }
        }
        return new Reclaimed(deliveries, deadLettered);
    }

    private static boolean redeliver(Handle handle, String queue, String group, String consumer, PendingRow row,
                                     String claimedAt) {
        return handle.createUpdate("UPDATE queue_pending SET consumer = :c, deliveries = deliveries + 1, "
                        + "claimed_at = :t WHERE queue_name = :q AND group_name = :g AND message_id = :id "
                        + "AND deliveries = :d")
                .bind("c", consumer).bind("t", claimedAt).bind("q", queue).bind("g", group).bind("id", row.id())
                .bind("d", row.deliveries())
                .execute() == 1;
    }

    private static boolean deadLetter(Handle handle, String queue, String group, PendingRow row, Instant now) {
        int deleted = handle.createUpdate("DELETE FROM queue_pending WHERE queue_name = :q AND group_name = :g "
                        + "AND message_id = :id AND deliveries = :d")
                .bind("q", queue).bind("g", group).bind("id", row.id()).bind("d", row.deliveries())
                .execute();
        if (deleted != 1) {
            return false; // acked meanwhile
        }
        handle.createUpdate("INSERT INTO queue_dead_letter (queue_name, group_name, message_id, payload, "
                        + "deliveries, dead_at) VALUES (:q, :g, :id, :p, :d, :t)")
                .bind("q", queue).bind("g", group).bind("id", row.id()).bind("p", row.payload())
                .bind("d", row.deliveries()).bind("t", text(now))
                .execute();
        return true;
    }

    @Override
    public boolean ack(UnitOfWork uow, String queue, String group, long messageId) {
        return handle(uow).createUpdate("DELETE FROM queue_pending WHERE queue_name = :q AND group_name = :g "
                        + "AND message_id = :id")
                .bind("q", queue).bind("g", group).bind("id", messageId)
                .execute() == 1;
    }

    // ---------------------------------------------------------------- reading and housekeeping

    @Override
    public QueueStats stats(UnitOfWork uow, String queue, String group) {
        return handle(uow).createQuery("SELECT "
                        + "(SELECT COUNT(*) FROM queue_message WHERE queue_name = :q AND id > COALESCE("
                        + "(SELECT last_id FROM queue_group WHERE queue_name = :q AND group_name = :g), 0)) AS waiting_count, "
                        + "(SELECT COUNT(*) FROM queue_pending WHERE queue_name = :q AND group_name = :g) AS pending_count, "
                        + "(SELECT COUNT(*) FROM queue_delayed WHERE queue_name = :q) AS delayed_count, "
                        + "(SELECT COUNT(*) FROM queue_dead_letter WHERE queue_name = :q AND group_name = :g) AS dead_count")
                .bind("q", queue).bind("g", group)
                .map((rs, ctx) -> new QueueStats(rs.getLong("waiting_count"), rs.getLong("pending_count"),
                        rs.getLong("delayed_count"), rs.getLong("dead_count")))
                .one();
    }

    @Override
    public List<DeadLetter> deadLetters(UnitOfWork uow, String queue, int max) {
        return handle(uow).createQuery("SELECT group_name, message_id, payload, deliveries FROM queue_dead_letter "
                        + "WHERE queue_name = :q ORDER BY dead_at, message_id LIMIT :max")
                .bind("q", queue).bind("max", max)
                .map((rs, ctx) -> new DeadLetter(queue, rs.getString("group_name"),
                        Long.toString(rs.getLong("message_id")), rs.getString("payload"), rs.getLong("deliveries")))
                .list();
    }

    @Override
    public int trim(UnitOfWork uow, String queue, Instant appendedBefore) {
        Handle handle = handle(uow);
        // No group may be created while the cursors are read and the rows deleted (see lockGroup). Appends wait
        // meanwhile too; a trim deletes at most TRIM_CHUNK rows.
        lockHead(handle, queue);
        // The cursors first: a pending row below a cursor was committed with it, and later only disappears.
        Long minLast = handle.createQuery("SELECT MIN(last_id) FROM queue_group WHERE queue_name = :q")
                .bind("q", queue).mapTo(Long.class).findOne().orElse(null);
        if (minLast == null) {
            return 0; // no group yet: a first group will want the whole history
        }
        Long minPending = handle.createQuery("SELECT MIN(message_id) FROM queue_pending WHERE queue_name = :q")
                .bind("q", queue).mapTo(Long.class).findOne().orElse(null);
        long bound = minPending == null ? minLast : Math.min(minLast, minPending - 1);
        Long first = handle.createQuery("SELECT MIN(id) FROM queue_message WHERE queue_name = :q")
                .bind("q", queue).mapTo(Long.class).findOne().orElse(null);
        if (first == null || bound < first) {
            return 0;
        }
        return handle.createUpdate("DELETE FROM queue_message WHERE queue_name = :q AND id <= :bound "
                        + "AND appended_at < :before")
                .bind("q", queue).bind("bound", Math.min(bound, first + TRIM_CHUNK - 1))
                .bind("before", text(appendedBefore))
                .execute();
    }

    // ---------------------------------------------------------------- conversions

    private static String text(Instant instant) {
        return SqlTimes.text(instant);
    }
}
