package io.travobooks.cache.redis;

import io.lettuce.core.ScriptOutputType;
import io.travobooks.spi.cache.HotCache;
import io.travobooks.spi.pubsub.PubSub;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Two tiers: a map in this JVM in front of Redis, shared by every node. A miss in both runs the loader once per
 * node (single flight) and fills both tiers. {@link #invalidate} deletes the Redis copy and broadcasts the key on
 * pub/sub; every node, this one included, drops its local copy when the broadcast arrives. Invalidating also
 * starts a new generation of the key: a load that began before it still answers its callers but is cached
 * nowhere. A node that misses the broadcast (disconnected at that moment) keeps its local copy until the TTL
 * ends, so TTLs bound staleness.
 */
public final class LettuceHotCache implements HotCache, AutoCloseable {
    private static final LuaScript GET = LuaScript.load("cache_get");
    private static final LuaScript STORE = LuaScript.load("cache_store");
    private static final LuaScript INVALIDATE = LuaScript.load("cache_invalidate");
    private static final String INVALIDATIONS = "cache-invalidations";
    private static final int SWEEP_EVERY = 1024;
    private final LettuceRedis redis;
    private final LettucePubSub pubSub;
    private final PubSub.Subscription invalidations;
    private final Map<String, Local> local = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<String>> loading = new ConcurrentHashMap<>();
    private final AtomicLong putsSinceSweep = new AtomicLong();
    private final int sweepEvery;
    private volatile int sweepAfter;

    private record Local(String value, long expiresAtNanos) {
        boolean live() {
            return System.nanoTime() - expiresAtNanos < 0;
        }
    }

    public LettuceHotCache(LettuceRedis redis) {
        this(redis, SWEEP_EVERY);
    }

    /** With sweeps every {@code sweepEvery} puts at least (tests use small numbers). */
    LettuceHotCache(LettuceRedis redis, int sweepEvery) {
        this.sweepEvery = sweepEvery;
        this.sweepAfter = sweepEvery;
        this.redis = redis;
        this.pubSub = new LettucePubSub(redis);
        this.invalidations = pubSub.subscribe(INVALIDATIONS, local::remove);
    }

    @Override
    public String getOrLoad(String key, Duration ttl, Supplier<String> loader) {
        Local hit = local.get(key);
        if (hit != null && hit.live()) {
            return hit.value;
        }
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> running = loading.putIfAbsent(key, mine);
        if (running != null) {
            return join(running);
        }
        try {
            String value = fromRedis(key).orElseGet(() -> loadAndStore(key, ttl, loader));
            mine.complete(value);
            return value;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loading.remove(key, mine);
        }
    }

    /** Loads and caches the value, unless the key was invalidated while the loader ran (it is then stale). */
    private String loadAndStore(String key, Duration ttl, Supplier<String> loader) {
        String[] keys = {redis.keys().cache(key), redis.keys().cacheGeneration(key)};
        String generation = Objects.requireNonNullElse(redis.sync().get(keys[1]), "0");
        String value = loader.get();
        if (value == null) {
            throw new IllegalArgumentException("a cache loader returned null for " + key);
        }
        Long stored = STORE.run(redis.sync(), ScriptOutputType.INTEGER, keys, generation, value,
                Long.toString(Math.max(1, ttl.toMillis())));
        if (stored == 1) {
            putLocal(key, new Local(value, System.nanoTime() + ttl.toNanos()));
        }
        return value;
    }

    /**
     * Keeps a local copy, and now and then drops the expired ones: a key nobody reads again would otherwise stay in
     * this JVM for good. A sweep costs the map's size; the next comes after as many puts as the sweep left copies
     * (at least {@link #SWEEP_EVERY}), so its cost is spread over them.
     */
    private void putLocal(String key, Local copy) {
        local.put(key, copy);
        if (putsSinceSweep.incrementAndGet() >= sweepAfter) {
            putsSinceSweep.set(0);
            local.values().removeIf(entry -> !entry.live());
            sweepAfter = Math.max(sweepEvery, local.size());
        }
    }

    /** Local copies held now, expired or not (tests). */
    int localSize() {
        return local.size();
    }

    @Override
    public Optional<String> getIfPresent(String key) {
        Local hit = local.get(key);
        if (hit != null && hit.live()) {
            return Optional.of(hit.value);
        }
        if (hit != null) {
            local.remove(key, hit); // only the expired copy: a fresh one put meanwhile stays
        }
        return fromRedis(key);
    }

    /** The shared copy, also kept locally for what remains of its TTL. */
    private Optional<String> fromRedis(String key) {
        List<Object> found = GET.run(redis.sync(), ScriptOutputType.MULTI, new String[]{redis.keys().cache(key)});
        if (found.isEmpty()) {
            return Optional.empty();
        }
        String value = (String) found.get(0);
        long remainingMillis = (Long) found.get(1);
        if (remainingMillis > 0) {
            putLocal(key, new Local(value, System.nanoTime() + Duration.ofMillis(remainingMillis).toNanos()));
        }
        return Optional.of(value);
    }

    @Override
    public void invalidate(String key) {
        local.remove(key);
        INVALIDATE.run(redis.sync(), ScriptOutputType.INTEGER,
                new String[]{redis.keys().cache(key), redis.keys().cacheGeneration(key)});
        pubSub.publish(INVALIDATIONS, key);
    }

    private static String join(CompletableFuture<String> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    @Override
    public void close() {
        invalidations.close();
        pubSub.close();
    }
}
