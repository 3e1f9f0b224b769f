package io.travobooks.server.runtime;

import io.travobooks.server.config.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * The background work a server process runs beside its API. Most workers are passes that do what is due and say
 * how much they did, run every {@code every}; the messaging workers run all the time, since they wait on the
 * outbox queue (the relay, the webhook pump, the notifier). Several processes may run the same workers at once:
 * locks, claims, consumer groups and ids in the library make a second runner do nothing twice. Stopping lets the
 * pass in hand finish.
 */
public final class Workers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Workers.class);
    /** How many items one pass of a worker takes at most. */
    static final int BATCH = 200;

    private final ScheduledExecutorService scheduler;
    private final List<Worker> running = new ArrayList<>();
    private final List<AutoCloseable> continuous = new ArrayList<>();

    private Workers(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Starts the {@code enabled} workers of {@code backends}, each pass {@code every} after the last ended, and the
     * continuous ones as {@code continuous} starts them (empty: not needed in this setup, and not running).
     */
    public static Workers start(Backends backends, Set<Worker> enabled, Duration every, Metrics metrics,
                                Function<Worker, Optional<AutoCloseable>> continuous) {
        Map<Worker, IntSupplier> passes = Map.of(
                Worker.ISSUANCE_RECONCILER, () -> backends.bookings().reconciler().reconcileDue(BATCH),
                Worker.HOLD_EXPIRY, () -> backends.bookings().reconciler().expireDue(BATCH),
                Worker.PENDING_EXPIRY, () -> backends.ledger().voidExpiredPending().voided(),
                Worker.AUDIT_CHAINER, () -> backends.ledger().audit().chainAll());
        long passWorkers = enabled.stream().filter(passes::containsKey).count();
        Workers workers = new Workers(Executors.newScheduledThreadPool((int) Math.max(1, passWorkers),
                Thread.ofPlatform().daemon().name("worker-", 0).factory()));
        try {
            enabled.stream().sorted().forEach(worker -> {
                IntSupplier pass = passes.get(worker);
                if (pass != null) {
                    workers.scheduler.scheduleWithFixedDelay(() -> run(worker.setting(), pass, metrics),
                            every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
                    workers.running.add(worker);
                } else {
                    continuous.apply(worker).ifPresent(started -> {
                        workers.continuous.add(started);
                        workers.running.add(worker);
                    });
                }
            });
        } catch (RuntimeException e) {
            workers.close();
            throw e;
        }
        if (!enabled.isEmpty()) {
            LOG.info("workers running (passes every {} ms): {}", every.toMillis(),
                    workers.running.stream().map(Worker::setting).toList());
        }
        return workers;
    }

    private static void run(String name, IntSupplier pass, Metrics metrics) {
        long started = System.nanoTime();
        try {
            int done = pass.getAsInt();
            metrics.workerPass(name, System.nanoTime() - started, done, false);
            if (done > 0) {
                LOG.info("{} handled {}", name, done);
            }
        } catch (RuntimeException e) {
            metrics.workerPass(name, System.nanoTime() - started, 0, true);
            LOG.error("{} failed; it runs again at its next turn", name, e); // a failure must not stop the schedule
        }
    }

    public List<Worker> running() {
        return List.copyOf(running);
    }

    /** Takes no new pass and waits (up to 30 seconds) for the passes in hand; stops the continuous workers. */
    @Override
    public void close() {
        scheduler.shutdown();
        for (AutoCloseable worker : continuous.reversed()) {
            try {
                worker.close();
            } catch (Exception e) {
                LOG.warn("a worker did not stop cleanly", e);
            }
        }
        try {
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
