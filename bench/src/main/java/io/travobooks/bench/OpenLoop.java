package io.travobooks.bench;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Offers work at a fixed rate whatever the system does with it, as independent customers would: the i-th unit is
 * due at {@code start + i / rate} and runs on its own virtual thread. Each unit's latency counts from when it was
 * due, not from when it started, so a stalled system's queueing shows in the figures instead of slowing the
 * offered load down (coordinated omission).
 */
final class OpenLoop {
    private OpenLoop() {
    }

    /** Runs {@code count} units at {@code perSecond}; their latencies from due time to done, in microseconds. */
    static Histogram run(double perSecond, int count, IntConsumer work) throws InterruptedException {
        Histogram latencies = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> units = new ArrayList<>(count);
        long period = Math.round(1e9 / perSecond);
        long start = System.nanoTime();
        for (int i = 0; i < count && failure.get() == null; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int unit = i;
            units.add(Thread.ofVirtual().start(() -> {
                try {
                    work.accept(unit);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
                long took = (System.nanoTime() - due) / 1_000;
                synchronized (latencies) {
                    latencies.recordValue(Math.min(took, latencies.getHighestTrackableValue()));
                }
            }));
        }
        for (Thread unit : units) {
            unit.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return latencies;
    }
}
