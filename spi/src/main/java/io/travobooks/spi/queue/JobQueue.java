package io.travobooks.spi.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A durable job and event queue with consumer groups and at-least-once delivery. Every group sees every message;
 * inside a group each message goes to one consumer at a time and stays pending until acked. A message whose
 * consumer did not ack it within the visibility timeout is handed to the next consumer that calls
 * {@link #receive}; one delivered {@code maxDeliveries} times goes to the dead-letter list instead. Delayed
 * messages enter the queue no earlier than due. Handlers must be idempotent: a message may arrive more than once.
 *
 * <p>Queue, group and consumer names are short identifiers chosen by the application.
 */
public interface JobQueue extends AutoCloseable {

    /** Appends a message; returns its id. */
    String publish(String queue, String payload);

    /**
     * Appends the messages in order; returns their ids. Implementations send them together (one pipeline, one
     * transaction), which is what a relay or a busy producer wants. Not atomic on every implementation: after a
     * failure, a prefix of the messages may have been appended.
     */
    default List<String> publishAll(String queue, List<String> payloads) {
        List<String> ids = new ArrayList<>(payloads.size());
        for (String payload : payloads) {
            ids.add(publish(queue, payload));
        }
        return ids;
    }

    /** Schedules a message to enter the queue after {@code delay}. */
    void publishDelayed(String queue, String payload, Duration delay);

    /**
     * Up to {@code max} messages for {@code consumer}, first those whose previous consumer timed out, then new
     * ones; waits up to {@code wait} when there are none. Creates the group on first use (it then sees the
     * queue's whole retained history).
     */
    List<Delivery> receive(String queue, String group, String consumer, int max, Duration wait);

    /** Marks the delivery handled; false when it was no longer pending (already acked or dead-lettered). */
    boolean ack(Delivery delivery);

    /**
     * Acks several deliveries together (one command or transaction where the implementation can); returns how
     * many were still pending and are now acked.
     */
    default int ackAll(List<Delivery> deliveries) {
        int acked = 0;
        for (Delivery delivery : deliveries) {
            if (ack(delivery)) {
                acked++;
            }
        }
        return acked;
    }

    QueueStats stats(String queue, String group);

    /** The oldest dead letters of a queue, up to {@code max}. */
    List<DeadLetter> deadLetters(String queue, int max);

    @Override
    void close();
}
