package io.travobooks.testkit.coordination;

import io.travobooks.spi.cache.Deduplicator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract every {@link Deduplicator} implementation passes. */
public abstract class DeduplicatorContractTest extends ContractSupport {
    private Deduplicator deduplicator;

    /** A fresh deduplicator whose keys no other test sees. */
    protected abstract Deduplicator deduplicator();

    @BeforeEach
    void openDeduplicator() {
        deduplicator = track(deduplicator());
    }

    @Test
    void aKeyIsFirstSeenOnceUntilItExpires() {
        assertThat(deduplicator.firstSeen("search:DAC-DXB:2026-12-01", Duration.ofMillis(300))).isTrue();
        assertThat(deduplicator.firstSeen("search:DAC-DXB:2026-12-01", Duration.ofMillis(300))).isFalse();
        assertThat(deduplicator.firstSeen("search:DAC-CGP:2026-12-01", Duration.ofMillis(300))).isTrue();

        sleep(Duration.ofMillis(600));

        assertThat(deduplicator.firstSeen("search:DAC-DXB:2026-12-01", Duration.ofMillis(300))).isTrue();
    }

    @Test
    void amongConcurrentCallersExactlyOneIsFirst() throws Exception {
        AtomicInteger firsts = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            callers.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                if (deduplicator.firstSeen("pnr:ABC123", Duration.ofMinutes(1))) {
                    firsts.incrementAndGet();
                }
            }));
        }
        start.countDown();
        for (Thread caller : callers) {
            caller.join();
        }

        assertThat(firsts.get()).isEqualTo(1);
    }
}
