package io.travobooks.spi.lock;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Lease locks with fencing tokens. A lease ends when released or when its lease time passes without an extension;
 * after that another caller may take the key, and a holder that was paused past its lease finds its release and
 * extend refused. Fencing tokens grow with every grant of a key; both implementations take the larger of the
 * last token plus one and the clock in microseconds, so they keep growing when the counter itself was lost (a
 * Redis restart without persistence, a restart of the embedded JVM) as long as the clock does not go back; after
 * a Redis fail-over, as long as the new master's clock is not behind by more than the time since the last grant.
 */
public interface LockManager {

    /** Takes the lock if nobody holds it. */
    Optional<Lease> tryAcquire(String key, Duration leaseTime);

    /** Waits up to {@code waitTimeout} for the lock. */
    default Optional<Lease> acquire(String key, Duration leaseTime, Duration waitTimeout) throws InterruptedException {
        long deadline = System.nanoTime() + waitTimeout.toNanos();
        long pauseMillis = 1;
        while (true) {
            Optional<Lease> lease = tryAcquire(key, leaseTime);
            if (lease.isPresent() || System.nanoTime() - deadline >= 0) {
                return lease;
            }
            // Jittered back-off so that waiters do not retry in lock step.
            long remainingMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            Thread.sleep(Math.min(remainingMillis, ThreadLocalRandom.current().nextLong(1, pauseMillis + 1)));
            pauseMillis = Math.min(pauseMillis * 2, 50);
        }
    }

    /** Releases the lock if {@code lease} still holds it; false when the lease had already ended. */
    boolean release(Lease lease);

    /** Restarts the lease time if {@code lease} still holds the lock; false when it had already ended. */
    boolean extend(Lease lease, Duration leaseTime);
}
