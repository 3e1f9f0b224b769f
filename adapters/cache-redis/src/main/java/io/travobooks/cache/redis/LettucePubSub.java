package io.travobooks.cache.redis;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.travobooks.spi.pubsub.PubSub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Redis pub/sub for one node: one subscriber connection, listeners called in publish order on one thread of
 * their own (never on Lettuce's I/O thread, which a slow listener would stall). On Cluster, PUBLISH reaches
 * subscribers on every node.
 */
public final class LettucePubSub implements PubSub, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LettucePubSub.class);
    private final LettuceRedis redis;
    private final StatefulRedisPubSubConnection<String, String> subscriber;
    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("redis-pubsub").factory());

    public LettucePubSub(LettuceRedis redis) {
        this.redis = redis;
        this.subscriber = redis.connectPubSub();
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                List<Consumer<String>> targets = listeners.get(channel);
                if (targets != null) {
                    dispatcher.execute(() -> targets.forEach(listener -> deliver(channel, listener, message)));
                }
            }
        });
    }

    /** One listener's failure is logged and keeps neither the message from the others nor the next message. */
    private static void deliver(String channel, Consumer<String> listener, String message) {
        try {
            listener.accept(message);
        } catch (RuntimeException e) {
            LOG.warn("a listener on {} failed", channel, e);
        }
    }

    @Override
    public void publish(String channel, String message) {
        redis.sync().publish(redis.keys().channel(channel), message);
    }

    @Override
    public Subscription subscribe(String channel, Consumer<String> listener) {
        String key = redis.keys().channel(channel);
        Consumer<String> own = listener::accept; // a distinct object, so that removing it removes this one only
        synchronized (listeners) {
            List<Consumer<String>> targets = listeners.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
            targets.add(own);
            if (targets.size() == 1) {
                subscriber.sync().subscribe(key);
            }
        }
        return () -> unsubscribe(key, own);
    }

    private void unsubscribe(String key, Consumer<String> listener) {
        synchronized (listeners) {
            List<Consumer<String>> targets = listeners.get(key);
            if (targets != null && targets.remove(listener) && targets.isEmpty()) {
                listeners.remove(key);
                subscriber.sync().unsubscribe(key);
            }
        }
    }

    @Override
    public void close() {
        subscriber.close();
        dispatcher.shutdownNow();
    }
}
