package io.travobooks.spi.queue;

import java.util.Objects;

/** One message handed to one consumer of a group; {@code deliveryCount} is 1 the first time. */
public record Delivery(String queue, String group, String id, String payload, long deliveryCount) {
    public Delivery {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(payload, "payload");
    }
}
