package io.travobooks.embedded;

import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;

/**
 * Removes expired entries from a map every so many operations, so that keys nobody asks for again do not stay
 * forever. A sweep runs on the caller's thread after at least {@code max(MIN_OPERATIONS, size)} operations since
 * the last one: its cost, linear in the map's size, is spread over at least as many operations (constant per
 * operation), and only one thread sweeps at a time.
 */
final class Sweeper<K, V> {
    static final int MIN_OPERATIONS = 1024;

    private final ConcurrentMap<K, V> map;
    private final AtomicLong operations = new AtomicLong();
    private final AtomicBoolean sweeping = new AtomicBoolean();

    Sweeper(ConcurrentMap<K, V> map) {
        this.map = map;
    }

    /** Counts one operation and sweeps when due; {@code expired} tells which entries may go. */
    void tick(BiPredicate<K, V> expired) {
        if (operations.incrementAndGet() < Math.max(MIN_OPERATIONS, map.size())) {
            return;
        }
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            operations.set(0);
            sweep(expired);
        } finally {
            sweeping.set(false);
        }
    }

    /** Removes every expired entry now; an entry replaced meanwhile stays (removal is by key and value). */
    void sweep(BiPredicate<K, V> expired) {
        for (Map.Entry<K, V> entry : map.entrySet()) {
            if (expired.test(entry.getKey(), entry.getValue())) {
                map.remove(entry.getKey(), entry.getValue());
            }
        }
    }
}
