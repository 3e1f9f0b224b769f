package io.travobooks.testkit.coordination;

import io.travobooks.spi.lock.Lease;
import io.travobooks.spi.lock.LockManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract every {@link LockManager} implementation passes. */
public abstract class LockManagerContractTest extends ContractSupport {
    private static final Duration LONG_LEASE = Duration.ofSeconds(30);
    private LockManager locks;

    /** A fresh lock manager whose keys no other test sees. */
    protected abstract LockManager lockManager();

    @BeforeEach
    void openLocks() {
        locks = track(lockManager());
    }

    @Test
    void aHeldLockIsNotGrantedTwice() {
        Lease lease = locks.tryAcquire("booking-1", LONG_LEASE).orElseThrow();

        assertThat(locks.tryAcquire("booking-1", LONG_LEASE)).isEmpty();
        assertThat(locks.tryAcquire("booking-2", LONG_LEASE)).isPresent();
        assertThat(lease.key()).isEqualTo("booking-1");
    }

    @Test
    void releaseFreesTheKeyAndTheNextGrantCarriesAHigherFencingToken() {
        Lease first = locks.tryAcquire("k", LONG_LEASE).orElseThrow();

        assertThat(locks.release(first)).isTrue();
        Lease second = locks.tryAcquire("k", LONG_LEASE).orElseThrow();

        assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
        assertThat(second.owner()).isNotEqualTo(first.owner());
    }

    @Test
    void onlyTheOwnerMayReleaseOrExtend() {
        Lease lease = locks.tryAcquire("k", LONG_LEASE).orElseThrow();
        Lease forged = new Lease("k", "somebody-else", lease.fencingToken());

        assertThat(locks.release(forged)).isFalse();
        assertThat(locks.extend(forged, LONG_LEASE)).isFalse();
        assertThat(locks.tryAcquire("k", LONG_LEASE)).as("still held by the owner").isEmpty();
        assertThat(locks.release(lease)).isTrue();
        assertThat(locks.release(lease)).as("released once only").isFalse();
    }

    @Test
    void anExpiredLeaseIsGrantedToTheNextCallerAndCanNoLongerBeReleasedOrExtended() {
        Lease stale = locks.tryAcquire("k", Duration.ofMillis(150)).orElseThrow();
        sleep(Duration.ofMillis(400));

        Lease next = locks.tryAcquire("k", LONG_LEASE).orElseThrow();

        assertThat(next.fencingToken()).isGreaterThan(stale.fencingToken());
        assertThat(locks.release(stale)).isFalse();
        assertThat(locks.extend(stale, LONG_LEASE)).isFalse();
        assertThat(locks.tryAcquire("k", LONG_LEASE)).as("the stale release must not free it").isEmpty();
    }

    @Test
    void extendKeepsTheLockPastItsFirstLease() {
        Lease lease = locks.tryAcquire("k", Duration.ofMillis(300)).orElseThrow();
        sleep(Duration.ofMillis(150));

        assertThat(locks.extend(lease, Duration.ofSeconds(5))).isTrue();
        sleep(Duration.ofMillis(350));

        assertThat(locks.tryAcquire("k", LONG_LEASE)).isEmpty();
        assertThat(locks.release(lease)).isTrue();
    }

    @Test
    void acquireWaitsForARelease() throws Exception {
        Lease held = locks.tryAcquire("k", LONG_LEASE).orElseThrow();
        Thread releaser = Thread.ofPlatform().start(() -> {
            sleep(Duration.ofMillis(100));
            locks.release(held);
        });

        Optional<Lease> waited = locks.acquire("k", LONG_LEASE, Duration.ofSeconds(5));
        releaser.join();

        assertThat(waited).isPresent();
        assertThat(waited.get().fencingToken()).isGreaterThan(held.fencingToken());
    }

    @Test
    void acquireGivesUpAfterTheWaitTimeout() throws Exception {
        locks.tryAcquire("k", LONG_LEASE).orElseThrow();
        long started = System.nanoTime();

        assertThat(locks.acquire("k", LONG_LEASE, Duration.ofMillis(150))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void thirtyTwoThreadsNeverHoldTheLockAtTheSameTime() throws Exception {
        int threads = 32;
        int rounds = 10;
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger grants = new AtomicInteger();
        Set<Long> tokens = ConcurrentHashMap.newKeySet();
        List<Throwable> failures = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    for (int round = 0; round < rounds; round++) {
                        Lease lease = locks.acquire("hot", LONG_LEASE, Duration.ofSeconds(60)).orElseThrow();
                        mostAtOnce.accumulateAndGet(holders.incrementAndGet(), Math::max);
                        tokens.add(lease.fencingToken());
                        grants.incrementAndGet();
                        sleep(Duration.ofMillis(1)); // hold it long enough for an overlap to show
                        holders.decrementAndGet();
                        assertThat(locks.release(lease)).isTrue();
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }));
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }

        assertThat(failures).isEmpty();
        assertThat(grants.get()).isEqualTo(threads * rounds);
        assertThat(mostAtOnce.get()).isEqualTo(1);
        assertThat(tokens).as("every grant has its own fencing token").hasSize(threads * rounds);
    }

    @Test
    void aHolderPausedPastItsLeaseLosesToTheNextAndItsFencingTokenIsRefused() {
        FencedResource booking = new FencedResource();
        Lease paused = locks.tryAcquire("booking-7", Duration.ofMillis(150)).orElseThrow();
        assertThat(booking.write(paused.fencingToken(), "paused holder, before the pause")).isTrue();
        sleep(Duration.ofMillis(400)); // a GC pause or a slow supplier call, longer than the lease

        Lease next = locks.tryAcquire("booking-7", LONG_LEASE).orElseThrow();
        assertThat(booking.write(next.fencingToken(), "next holder")).isTrue();

        assertThat(booking.write(paused.fencingToken(), "paused holder, after the pause")).isFalse();
        assertThat(locks.extend(paused, LONG_LEASE)).isFalse();
        assertThat(booking.value()).isEqualTo("next holder");
    }
}
