package io.travobooks.spi.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A read-through cache for slow-changing reference data (exchange rates, airport codes, fare rules). Values are
 * strings (callers encode, usually JSON). Concurrent misses of one key on one node run the loader once
 * (single flight). {@link #invalidate} reaches every node: the next read anywhere loads afresh.
 * Never the only copy of anything: a lost entry is reloaded.
 */
public interface HotCache {

    /** The cached value, or the loader's (which must not be null), cached for {@code ttl}. */
    String getOrLoad(String key, Duration ttl, Supplier<String> loader);

    Optional<String> getIfPresent(String key);

    /** Drops the key on this node, in the shared tier and, by broadcast, on every other node. */
    void invalidate(String key);
}
