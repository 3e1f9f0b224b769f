package io.travobooks.server.runtime;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.travobooks.spi.queue.QueueStats;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * What the server counts and times, in Prometheus's text format at {@code /metrics}: requests by operation and
 * status, the size of journal batches and of the ledger writers' commits, each worker's passes and what they
 * handled, webhook attempts by outcome, the outbox queue's backlog per consumer group, and the JVM's memory,
 * garbage collection, threads and CPU.
 */
public final class Metrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    /** One timer per operation, method and status, made once: a request does no registry lookup. */
    private final Map<String, Timer> requests = new ConcurrentHashMap<>();
    private final Map<String, Timer> webhookAttempts = new ConcurrentHashMap<>();
    private final DistributionSummary journalBatches = DistributionSummary.builder("travo_ledger_batch_entries")
            .description("Entries per posted journal batch").register(registry);
    private final DistributionSummary writerBatches = DistributionSummary.builder("travo_ledger_writer_batch_entries")
            .description("Entries per ledger writer transaction (group commit)").register(registry);

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    /** One answered request: its operation (the contract's id), method and status. */
    public void request(String operation, String method, int status, long nanos) {
        requests.computeIfAbsent(operation + " " + method + " " + status, key -> Timer.builder("travo_http_requests")
                        .description("HTTP requests by operation and status")
                        .tag("operation", operation).tag("method", method).tag("status", Integer.toString(status))
                        .publishPercentiles(0.5, 0.99).register(registry))
                .record(Duration.ofNanos(nanos));
    }

    /** Entries in one journal batch posted over the API. */
    public void journalBatch(int entries) {
        journalBatches.record(entries);
    }

    /** Entries one ledger writer committed in one transaction (group commit). */
    public void ledgerWriterBatch(int entries) {
        writerBatches.record(entries);
    }

    /** One pass of a worker: how long it took, how much it handled, whether it failed. */
    public void workerPass(String worker, long nanos, int handled, boolean failed) {
        Timer.builder("travo_worker_passes").description("Worker passes").tag("worker", worker)
                .tag("outcome", failed ? "failed" : "ok").register(registry).record(Duration.ofNanos(nanos));
        registry.counter("travo_worker_handled", "worker", worker).increment(handled);
    }

    /** One webhook attempt: its outcome (the status class, no answer, or refused before sending) and its time. */
    public void webhookAttempt(String outcome, Duration took) {
        webhookAttempts.computeIfAbsent(outcome, key -> Timer.builder("travo_webhook_attempts")
                .description("Webhook delivery attempts by outcome").tag("outcome", outcome).register(registry))
                .record(took);
    }

    /**
     * A queue's backlog for a consumer group, read at each scrape: messages waiting for the group (how far it
     * lags), delivered but not acknowledged, scheduled for later, and parked as dead letters.
     */
    public void queue(String queue, String group, Supplier<QueueStats> stats) {
        Map<String, ToDoubleFunction<QueueStats>> states = Map.of("waiting", QueueStats::waiting,
                "pending", QueueStats::pending, "delayed", QueueStats::delayed, "dead", QueueStats::deadLetters);
        Supplier<QueueStats> once = new RecentStats(stats); // one read serves the four gauges of a scrape
        states.forEach((state, read) -> Gauge.builder("travo_queue_messages", once, supplier ->
                        read.applyAsDouble(supplier.get()))
                .description("Messages of a queue by consumer group and state").tag("queue", queue)
                .tag("group", group).tag("state", state)
                .strongReference(true) // the registry would otherwise let the reader be collected (NaN)
                .register(registry));
    }

    /** A queue's stats, read again only when the last read is more than a second old. */
    private static final class RecentStats implements Supplier<QueueStats> {
        private final Supplier<QueueStats> read;
        private QueueStats last;
        private long readAt;

        RecentStats(Supplier<QueueStats> read) {
            this.read = read;
        }

        @Override
        public synchronized QueueStats get() {
            long now = System.nanoTime();
            if (last == null || now - readAt > 1_000_000_000L) {
                last = read.get();
                readAt = now;
            }
            return last;
        }
    }

    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
