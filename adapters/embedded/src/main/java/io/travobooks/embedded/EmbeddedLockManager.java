package io.travobooks.embedded;

import io.travobooks.spi.lock.Lease;
import io.travobooks.spi.lock.LockManager;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lease locks inside one JVM, for the single-process setup where Redis is not running. Each key's state changes
 * in one {@link ConcurrentHashMap#compute} step, so grant, release and extend never race. A lease that passed its
 * time counts as free at once and its entry is swept away later; the fencing counter of a key is never removed
 * (one counter per key ever locked). A token is the larger of the key's last token plus one and the clock in
 * microseconds, so tokens keep growing across a restart of the JVM as long as the clock does not go back.
 */
public final class EmbeddedLockManager implements LockManager {
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Held(String owner, long fencingToken, long expiresAtMillis) {
    }

    private final Clock clock;
    private final ConcurrentHashMap<String, Held> held = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> fencing = new ConcurrentHashMap<>();
    private final Sweeper<String, Held> sweeper = new Sweeper<>(held);

    public EmbeddedLockManager() {
        this(Clock.systemUTC());
    }

    public EmbeddedLockManager(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<Lease> tryAcquire(String key, Duration leaseTime) {
        Objects.requireNonNull(key, "key");
        long leaseMillis = positiveMillis(leaseTime);
        long now = clock.millis();
        String owner = newOwner();
        Held[] granted = new Held[1];
        held.compute(key, (k, current) -> {
            if (current != null && current.expiresAtMillis() > now) {
                return current;
            }
            long clockMicros = Math.multiplyExact(now, 1000L);
            long token = fencing.computeIfAbsent(k, unused -> new AtomicLong())
                    .updateAndGet(last -> Math.max(last + 1, clockMicros));
            granted[0] = new Held(owner, token, now + leaseMillis);
            return granted[0];
        });
        sweep(now);
        return granted[0] == null ? Optional.empty() : Optional.of(new Lease(key, owner, granted[0].fencingToken()));
    }

    @Override
    public boolean release(Lease lease) {
        long now = clock.millis();
        boolean[] released = new boolean[1];
        held.computeIfPresent(lease.key(), (k, current) -> {
            if (!current.owner().equals(lease.owner())) {
                return current.expiresAtMillis() > now ? current : null;
            }
            released[0] = current.expiresAtMillis() > now;
            return null;
        });
        sweep(now);
        return released[0];
    }

    @Override
    public boolean extend(Lease lease, Duration leaseTime) {
        long leaseMillis = positiveMillis(leaseTime);
        long now = clock.millis();
        boolean[] extended = new boolean[1];
        held.computeIfPresent(lease.key(), (k, current) -> {
            if (current.expiresAtMillis() <= now) {
                return null;
            }
            if (!current.owner().equals(lease.owner())) {
                return current;
            }
            extended[0] = true;
            return new Held(current.owner(), current.fencingToken(), now + leaseMillis);
        });
        sweep(now);
        return extended[0];
    }

    private void sweep(long now) {
        sweeper.tick((key, entry) -> entry.expiresAtMillis() <= now);
    }

    private static long positiveMillis(Duration leaseTime) {
        long millis = leaseTime.toMillis();
        if (millis < 1) {
            throw new IllegalArgumentException("a lease lasts at least a millisecond, got " + leaseTime);
        }
        return millis;
    }

    private static String newOwner() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
