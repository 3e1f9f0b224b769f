package io.travobooks.spi.outbox;

import io.travobooks.spi.UnitOfWork;

import java.util.List;

/**
 * The transactional outbox: an event appended here commits or rolls back with the state change it announces, in
 * the caller's {@link UnitOfWork}; a relay then carries it to the queue. Events are kept in append order.
 */
public interface OutboxStore {

    /** The queue the outbox's events are appended to (relays and consumers read it by this name). */
    String QUEUE = "outbox";

    /** Appends the event; returns its position in the outbox. */
    long append(UnitOfWork uow, OutboxEvent event);

    /** An event and its position. */
    record Stored(long position, OutboxEvent event) {
    }

    /** Up to {@code max} events after {@code afterPosition}, in order. */
    List<Stored> read(UnitOfWork uow, long afterPosition, int max);
}
