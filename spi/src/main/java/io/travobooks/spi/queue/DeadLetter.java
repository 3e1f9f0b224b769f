package io.travobooks.spi.queue;

/** A message that was delivered {@code deliveries} times without an ack, parked for a person to look at. */
public record DeadLetter(String queue, String group, String messageId, String payload, long deliveries) {
}
