package io.travobooks.embedded;

import io.travobooks.spi.pubsub.PubSub;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Fan-out inside one JVM (cache invalidation and live notifications when everything runs in one process). Each
 * subscription has its own single-threaded executor on a virtual thread: a publisher never runs listener code,
 * a slow listener delays only itself, and one subscription sees a channel's messages in publish order. Closing a
 * subscription stops delivery, also of messages already queued for it: once {@code close} returns, the listener
 * is not called again. Like Redis pub/sub, nothing is stored.
 */
public final class EmbeddedPubSub implements PubSub, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EmbeddedPubSub.class.getName());

    private final ConcurrentHashMap<String, Set<Listener>> channels = new ConcurrentHashMap<>();

    @Override
    public void publish(String channel, String message) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(message, "message");
        Set<Listener> listeners = channels.get(channel);
        if (listeners != null) {
            for (Listener listener : listeners) {
                listener.deliver(message);
            }
        }
    }

    @Override
    public Subscription subscribe(String channel, Consumer<String> listener) {
        Objects.requireNonNull(channel, "channel");
        Listener subscription = new Listener(channel, Objects.requireNonNull(listener, "listener"));
        channels.compute(channel, (k, listeners) -> {
            Set<Listener> updated = listeners == null ? new CopyOnWriteArraySet<>() : listeners;
            updated.add(subscription);
            return updated;
        });
        return subscription;
    }

    /** Closes every subscription. */
    @Override
    public void close() {
        for (Set<Listener> listeners : List.copyOf(channels.values())) {
            listeners.forEach(Listener::close);
        }
    }

    private final class Listener implements Subscription {
        private final String channel;
        private final Consumer<String> listener;
        private final ExecutorService executor = Executors.newSingleThreadExecutor(
                Thread.ofVirtual().name("pubsub-listener-", 0).factory());
        private final ReentrantLock running = new ReentrantLock();
        private volatile boolean open = true;

        Listener(String channel, Consumer<String> listener) {
            this.channel = channel;
            this.listener = listener;
        }

        void deliver(String message) {
            if (!open) {
                return;
            }
            try {
                executor.execute(() -> run(message));
            } catch (RejectedExecutionException closedMeanwhile) {
                // the subscription was closed after the check: the message is dropped, as after close
            }
        }

        private void run(String message) {
            running.lock();
            try {
                if (open) {
                    listener.accept(message);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "listener on channel " + channel + " failed", e);
            } finally {
                running.unlock();
            }
        }

        /** Once this returns, the listener is not called again (unless close runs inside the listener itself). */
        @Override
        public void close() {
            open = false;
            running.lock(); // waits for a call in progress on another thread
            running.unlock();
            channels.computeIfPresent(channel, (k, listeners) -> {
                listeners.remove(this);
                return listeners.isEmpty() ? null : listeners;
            });
            executor.shutdown();
        }
    }
}
