package io.travobooks.spi.queue;

import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.UnitOfWork;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where a database-backed {@link JobQueue} keeps its messages. Every method runs inside the caller's
 * {@link UnitOfWork} and never commits: a module may append a message in the same transaction as the state
 * change it announces (the transactional outbox), and the queue combines reclaiming and claiming in one.
 *
 * <p>Message ids grow per queue in commit order: appends to one queue take a lock on the queue that is held until
 * the appending transaction ends, so a group's cursor ({@code last id} delivered) never passes a message that is
 * still to commit. Times come from the caller's clock ({@code now}), never from the database server.
 */
public interface QueueStore {

    /** The transactions this store's methods run in. */
    TransactionRunner transactions();

    /** Appends a message to {@code queue}; returns its id (greater than every id appended before it). */
    long append(UnitOfWork uow, String queue, String payload, Instant now);

    /** Keeps a message aside until {@code dueAt}; {@link #moveDue} then appends it. */
    void appendDelayed(UnitOfWork uow, String queue, String payload, Instant dueAt);

    /**
     * Appends up to {@code max} delayed messages that are due at {@code now} and deletes them from the delayed
     * ones, oldest due first, all in the caller's transaction: a message is moved once, never lost or doubled
     * (a concurrent mover of the same rows makes this throw a {@link TransactionRunner.RetryableConflictException}).
     * Returns how many moved.
     */
    int moveDue(UnitOfWork uow, String queue, Instant now, int max);

    /** The earliest due time of the queue's delayed messages; null when there are none. */
    Instant nextDue(UnitOfWork uow, String queue);

    /** A stored message. */
    record Message(long id, String payload) {
    }

    /**
     * Up to {@code max} messages with ids above {@code afterId}, in id order, without claiming them: for a reader
     * that keeps its own position, such as the relay that copies the outbox to Redis.
     */
    List<Message> read(UnitOfWork uow, String queue, long afterId, int max);

    /** The group's cursor (the last id it is done with), creating the group at 0 when it is new. */
    long cursor(UnitOfWork uow, String queue, String group);

    /**
     * Moves the group's cursor forward to {@code lastId}; a cursor already past it stays. Like every cursor, it
     * keeps {@link #trim} from deleting the messages after it.
     */
    void advance(UnitOfWork uow, String queue, String group, long lastId);

    /**
     * Hands up to {@code max} messages the group has not seen yet to {@code consumer}: locks the group's cursor
     * (creating the group at the start of the queue's retained history when it is new), reads the messages after
     * it in id order, records them as pending with one delivery and advances the cursor.
     */
    List<Delivery> claimNew(UnitOfWork uow, String queue, String group, String consumer, int max, Instant now);

    /**
     * Takes over pending messages of the group that were claimed at least {@code visibilityTimeout} before
     * {@code now}, oldest first: up to {@code max} of them go to {@code consumer} with their delivery count
     * raised by one; those already delivered {@code maxDeliveries} times go to the dead letters instead (they do
     * not count against {@code max}). Locks the group's cursor like {@link #claimNew}.
     */
    Reclaimed reclaim(UnitOfWork uow, String queue, String group, String consumer, Instant now,
                      Duration visibilityTimeout, int maxDeliveries, int max);

    /** What {@link #reclaim} handed out again and how many messages it dead-lettered. */
    record Reclaimed(List<Delivery> deliveries, int deadLettered) {
        public Reclaimed {
            deliveries = List.copyOf(deliveries);
        }
    }

    /** Ends the message's pending state in the group; false when it was not pending there. */
    boolean ack(UnitOfWork uow, String queue, String group, long messageId);

    QueueStats stats(UnitOfWork uow, String queue, String group);

    /** The queue's oldest dead letters, every group's, up to {@code max}. */
    List<DeadLetter> deadLetters(UnitOfWork uow, String queue, int max);

    /**
     * Deletes messages appended before {@code appendedBefore} that every group of the queue has been handed and
     * acknowledged (none pending anywhere); returns how many. A group created later no longer sees them.
     */
    int trim(UnitOfWork uow, String queue, Instant appendedBefore);
}
