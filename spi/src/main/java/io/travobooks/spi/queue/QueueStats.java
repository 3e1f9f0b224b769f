package io.travobooks.spi.queue;

/**
 * For metrics: {@code waiting} messages not yet delivered to the group, {@code pending} delivered but not acked,
 * {@code delayed} scheduled for later, {@code deadLetters} parked.
 */
public record QueueStats(long waiting, long pending, long delayed, long deadLetters) {
}
