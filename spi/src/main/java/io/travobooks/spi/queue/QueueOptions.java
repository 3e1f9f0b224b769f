package io.travobooks.spi.queue;

import java.time.Duration;

/**
 * {@code visibilityTimeout}: how long a delivered, unacked message stays with its consumer before another may
 * take it over; it must be longer than the slowest handler, or a slow message is handled twice.
 * {@code maxDeliveries}: after that many deliveries without an ack the message goes to the dead-letter list.
 */
public record QueueOptions(Duration visibilityTimeout, int maxDeliveries) {
    public static final QueueOptions DEFAULTS = new QueueOptions(Duration.ofSeconds(30), 5);

    public QueueOptions {
        if (visibilityTimeout.toMillis() < 1 || maxDeliveries < 1) {
            throw new IllegalArgumentException("visibility timeout >= 1 ms and max deliveries >= 1 are required");
        }
    }
}
