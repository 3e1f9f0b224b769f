package io.travobooks.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Runs {@code threads} workers for a warm-up and a measured window and returns the rate of work they counted in the
 * measured window. Each worker runs until {@link #running()} turns false and adds what it finished to the counter.
 */
final class ClosedLoop {
    private final long warmupMillis;
    private final long measureMillis;
    private final long end;
    private final AtomicLong done = new AtomicLong();

    ClosedLoop(long warmupMillis, long measureMillis) {
        this.warmupMillis = warmupMillis;
        this.measureMillis = measureMillis;
        this.end = System.currentTimeMillis() + warmupMillis + measureMillis;
    }

    boolean running() {
        return System.currentTimeMillis() < end;
    }

    void finished(long units) {
        done.addAndGet(units);
    }

    /** Starts the workers (one platform thread per index), measures, waits for them to stop; units per second. */
    double run(int threads, IntFunction<Runnable> worker) throws InterruptedException {
        return run(Thread.ofPlatform(), threads, worker);
    }

    /** The same on threads of the given kind (virtual threads, as a Helidon SE server runs its requests on). */
    double run(Thread.Builder kind, int threads, IntFunction<Runnable> worker) throws InterruptedException {
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            workers.add(kind.start(worker.apply(i)));
        }
        Thread.sleep(warmupMillis);
        long startCount = done.get();
        long start = System.nanoTime();
        Thread.sleep(measureMillis);
        double rate = (done.get() - startCount) / ((System.nanoTime() - start) / 1e9);
        for (Thread thread : workers) {
            thread.join();
        }
        return rate;
    }
}
