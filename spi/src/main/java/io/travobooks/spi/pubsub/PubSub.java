package io.travobooks.spi.pubsub;

import java.util.function.Consumer;

/**
 * Fire-and-forget fan-out to every node that is subscribed right now (cache invalidation, live notifications).
 * Nothing is stored: a node that is disconnected misses the message. Anything that must arrive goes through the
 * outbox and a {@code JobQueue}.
 */
public interface PubSub {

    void publish(String channel, String message);

    /** Delivers every message on {@code channel} to {@code listener} until the subscription is closed. */
    Subscription subscribe(String channel, Consumer<String> listener);

    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
