package io.travobooks.embedded;

import io.travobooks.spi.cache.HotCache;
import io.travobooks.spi.pubsub.PubSub;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One node's read-through cache for reference data when everything runs in one process. Values live in this
 * node's map until their TTL passes (expired ones read as absent and are swept away later). Concurrent misses of
 * a key share one load (single flight). {@link #invalidate} drops the key here at once and, through the shared
 * {@link EmbeddedPubSub}, on every other node shortly after (asynchronously, like Redis pub/sub). A load that was
 * running when its key was invalidated still answers its callers but is not cached, so a stale value read before
 * the invalidation cannot outlive it.
 */
public final class EmbeddedHotCache implements HotCache, AutoCloseable {
    static final String CHANNEL = "travobooks.hotcache.invalidate";

    private record Entry(String value, long expiresAtMillis) {
    }

    private final Clock clock;
    private final PubSub bus;
    private final String nodeId = UUID.randomUUID().toString();
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<String>> loads = new ConcurrentHashMap<>();
    private final Sweeper<String, Entry> sweeper = new Sweeper<>(entries);
    private final PubSub.Subscription subscription;

    /** A lone node with a bus of its own. */
    public EmbeddedHotCache() {
        this(new EmbeddedPubSub(), Clock.systemUTC());
    }

    /** A node that shares invalidations with every other node on {@code bus}. */
    public EmbeddedHotCache(EmbeddedPubSub bus, Clock clock) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.subscription = bus.subscribe(CHANNEL, this::onInvalidation);
    }

    @Override
    public String getOrLoad(String key, Duration ttl, Supplier<String> loader) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(loader, "loader");
        long ttlMillis = ttl.toMillis();
        if (ttlMillis < 1) {
            throw new IllegalArgumentException("a cache TTL lasts at least a millisecond, got " + ttl);
        }
        Optional<String> cached = getIfPresent(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> running = loads.putIfAbsent(key, mine);
        if (running != null) {
            return await(running);
        }
        try {
            // A load that finished between the look-up and putIfAbsent stored its value before leaving.
            String value = getIfPresent(key).orElseGet(() -> Objects.requireNonNull(loader.get(),
                    () -> "the loader of " + key + " returned null"));
            long expiresAt = clock.millis() + ttlMillis;
            // Cached only while this load is still the key's: invalidate removes it from loads first.
            entries.compute(key, (k, old) -> loads.get(k) == mine ? new Entry(value, expiresAt) : old);
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loads.remove(key, mine);
        }
    }

    @Override
    public Optional<String> getIfPresent(String key) {
        long now = clock.millis();
        Entry entry = entries.get(key);
        sweeper.tick((k, e) -> e.expiresAtMillis() <= now);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.expiresAtMillis() <= now) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    @Override
    public void invalidate(String key) {
        Objects.requireNonNull(key, "key");
        drop(key);
        bus.publish(CHANNEL, nodeId + "\n" + key);
    }

    private void onInvalidation(String message) {
        int newline = message.indexOf('\n');
        if (newline > 0 && !message.substring(0, newline).equals(nodeId)) {
            drop(message.substring(newline + 1));
        }
    }

    private void drop(String key) {
        loads.remove(key);
        entries.remove(key);
    }

    /** Stops listening for other nodes' invalidations; the bus stays open for them. */
    @Override
    public void close() {
        subscription.close();
    }

    private static String await(CompletableFuture<String> load) {
        try {
            return load.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
