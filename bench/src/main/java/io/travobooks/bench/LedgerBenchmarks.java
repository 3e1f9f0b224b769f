package io.travobooks.bench;

import io.travobooks.ledger.AccountSpec;
import io.travobooks.ledger.JournalEntry;
import io.travobooks.ledger.Ledger;
import io.travobooks.ledger.LedgerOptions;
import io.travobooks.ledger.PostResult;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.Money;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.ledger.AccountType;
import io.travobooks.spi.ledger.EntryLine;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;
import io.travobooks.testkit.TestServices;
import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** {@code bench/run ledger}: the ledger's throughput and latency figures, each on a fresh database. */
final class LedgerBenchmarks {
    private static final int CLIENT_THREADS = 64;
    /**
     * The posting callers run on virtual threads, as requests do in a server on virtual threads: waking 64 parked
     * callers then costs no kernel context switches that the database would otherwise pay for on a 2-core machine.
     * {@code -Dbench.platformClients=true} measures platform threads instead.
     */
    private static final Thread.Builder CLIENT_KIND = Boolean.getBoolean("bench.platformClients")
            ? Thread.ofPlatform() : Thread.ofVirtual();
    private static final long WARMUP_MILLIS = Long.getLong("bench.warmupMillis", 10_000);
    private static final long MEASURE_MILLIS = Long.getLong("bench.measureMillis", 10_000);
    private static final int OFFERED_PER_SECOND = 2_000;
    private static final int ASOF_LINES = 200_000;

    private LedgerBenchmarks() {
    }

    static void runAll() throws Exception {
        TestServices.MysqlServer server = BenchServices.mysql();
        String url = server.createDatabase("travo_bench");
        try {
            StorageConfig config = StorageConfig.mysql(url, server.user(), server.password()).withMaxPoolSize(16);
            try (JdbcStorage storage = JdbcStorage.open(config)) {
                if (BenchMain.selected("post")) {
                    postThroughput(storage, url, server);
                }
                if (BenchMain.selected("latency")) {
                    postLatency(storage);
                }
                if (BenchMain.selected("postAll")) {
                    postAllThroughput(storage);
                }
                if (BenchMain.selected("asof")) {
                    balanceAsOf(storage);
                }
            }
        } finally {
            server.dropDatabase(url);
        }
        if (BenchMain.selected("h2")) {
            h2Throughput();
        }
    }

    private static String clientKind() {
        return Boolean.getBoolean("bench.platformClients") ? "platform" : "virtual";
    }

    private static Ledger ledger(JdbcStorage storage) {
        return new Ledger(storage.ledgerStore(), LedgerOptions.defaults()
                .withWriters(Integer.getInteger("bench.writers", LedgerOptions.defaults().writers())).withBackgroundEvery(
                Duration.ofMillis(Long.getLong("bench.backgroundMillis", 1000))));
    }

    /** Closed loop: {@code threads} callers each posting one entry after another; entries per second. */
    private static double closedLoop(Ledger ledger, Workload workload, String idPrefix) throws InterruptedException {
        AtomicLong refused = new AtomicLong();
        ClosedLoop loop = new ClosedLoop(WARMUP_MILLIS, MEASURE_MILLIS);
        double rate = loop.run(CLIENT_KIND, CLIENT_THREADS, client -> () -> {
            SplittableRandom random = new SplittableRandom(client * 7919L + idPrefix.hashCode());
            long n = 0;
            while (loop.running()) {
                Workload.Post post = workload.next(random, idPrefix + client + "-" + n++);
                if (!(ledger.post(post.context(), post.entry()) instanceof PostResult.Posted)) {
                    refused.incrementAndGet();
                }
                loop.finished(1);
            }
        });
        if (refused.get() > 0) {
            throw new IllegalStateException(refused.get() + " benchmark posts were not Posted");
        }
        return rate;
    }

    private static void postThroughput(JdbcStorage storage, String url, TestServices.MysqlServer server)
            throws InterruptedException {
        double ledgerRate;
        try (Ledger ledger = ledger(storage)) {
            Workload workload = new Workload("post");
            workload.createTenants(ledger);
            ledgerRate = closedLoop(ledger, workload, "p");
        }
        int writers = Integer.getInteger("bench.ceilingWriters", LedgerOptions.defaults().writers());
        int perTransaction = CLIENT_THREADS / writers;
        double ceiling = new RawJdbcCeiling(url + (url.contains("?") ? "&" : "?")
                + System.getProperty("bench.ceilingUrlParams", JdbcStorage.MYSQL_DEFAULTS), server.user(), server.password())
                .entriesPerSecond(writers, perTransaction, WARMUP_MILLIS, MEASURE_MILLIS);
        new BenchLine("ledger.post.mysql", ledgerRate, "entries/s").ceiling(ceiling)
                .with("threads", CLIENT_THREADS).with("clients", clientKind())
                .with("ceiling_shape", writers + "x" + perTransaction).print();
    }

    /** Open loop: entries offered at a fixed rate whatever the ledger does; latency from the intended start. */
    private static void postLatency(JdbcStorage storage) throws InterruptedException {
        try (Ledger ledger = ledger(storage)) {
            Workload workload = new Workload("latency");
            workload.createTenants(ledger);
            Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            SplittableRandom random = new SplittableRandom(42);
            long intervalNanos = TimeUnit.SECONDS.toNanos(1) / OFFERED_PER_SECOND;
            long total = OFFERED_PER_SECOND * (WARMUP_MILLIS + MEASURE_MILLIS) / 1000;
            long warmup = OFFERED_PER_SECOND * WARMUP_MILLIS / 1000;
            List<CompletableFuture<PostResult>> inFlight = new ArrayList<>();
            AtomicLong refused = new AtomicLong();
            long start = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long intended = start + i * intervalNanos;
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                Workload.Post post = workload.next(random, "l" + i);
                boolean measured = i >= warmup;
                inFlight.add(ledger.postAsync(post.context(), post.entry()).whenComplete((result, error) -> {
                    if (error != null || !(result instanceof PostResult.Posted)) {
                        refused.incrementAndGet();
                    } else if (measured) {
                        synchronized (histogram) {
                            histogram.recordValue((System.nanoTime() - intended) / 1_000);
                        }
                    }
                }));
            }
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
            if (refused.get() > 0) {
                throw new IllegalStateException(refused.get() + " latency posts failed");
            }
            new BenchLine("ledger.post.latency", histogram.getValueAtPercentile(99) / 1000.0, "ms")
                    .with("p50_ms", histogram.getValueAtPercentile(50) / 1000.0)
                    .with("p99_ms", histogram.getValueAtPercentile(99) / 1000.0)
                    .with("max_ms", histogram.getMaxValue() / 1000.0)
                    .with("offered_per_s", OFFERED_PER_SECOND).print();
        }
    }

    private static void postAllThroughput(JdbcStorage storage) throws InterruptedException {
        try (Ledger ledger = ledger(storage)) {
            Workload workload = new Workload("batch");
            workload.createTenants(ledger);
            int threads = 2;
            int batchSize = 500;
            ClosedLoop loop = new ClosedLoop(WARMUP_MILLIS, MEASURE_MILLIS);
            double rate = loop.run(threads, client -> () -> {
                SplittableRandom random = new SplittableRandom(client);
                long n = 0;
                while (loop.running()) {
                    RequestContext tenant = workload.tenants.get(random.nextInt(Workload.TENANTS));
                    List<JournalEntry> batch = new ArrayList<>(batchSize);
                    while (batch.size() < batchSize) {
                        Workload.Post post = workload.next(random, "b" + client + "-" + n++);
                        if (post.context().equals(tenant)) {
                            batch.add(post.entry());
                        }
                    }
                    List<PostResult> results = ledger.postAll(tenant, batch, true);
                    if (!results.stream().allMatch(PostResult.Posted.class::isInstance)) {
                        throw new IllegalStateException("batch not posted: " + results.getFirst());
                    }
                    loop.finished(batchSize);
                }
            });
            new BenchLine("ledger.postAll.mysql", rate, "entries/s").with("batch", batchSize)
                    .with("threads", threads).print();
        }
    }

    /** p99 of an as-of balance on an account with 200,000 lines spread over two years. */
    private static void balanceAsOf(JdbcStorage storage) {
        try (Ledger ledger = ledger(storage)) {
            RequestContext tenant = RequestContext.of("asof", "bench");
            ledger.createTenant(tenant.tenant(), Workload.BDT).orThrow();
            ledger.chart().openAll(tenant, List.of(
                    AccountSpec.of("2100", "BSP payable",
                            AccountType.LIABILITY),
                    AccountSpec.of("1100", "Receivable",
                            AccountType.ASSET))).orThrow();
            LocalDate first = LocalDate.of(2024, 1, 1);
            int days = 730;
            List<JournalEntry> batch = new ArrayList<>();
            for (int i = 0; i < ASOF_LINES; i++) {
                Money amount = new Money(1 + (i % 1000), Workload.BDT);
                batch.add(JournalEntry.builder("s" + i, first.plusDays((long) i * days / ASOF_LINES))
                        .line(EntryLine.debit(AccountId.of("1100"), amount))
                        .line(EntryLine.credit(AccountId.of("2100"), amount)).build());
                if (batch.size() == 1000) {
                    ledger.postAll(tenant, batch, true);
                    batch.clear();
                }
            }
            Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < 3_000; i++) {
                LocalDate asOf = first.plusDays(random.nextInt(days + 30));
                long begin = System.nanoTime();
                ledger.balanceAsOf(tenant, AccountId.of("2100"), Workload.BDT, asOf).orElseThrow();
                if (i >= 500) {
                    histogram.recordValue((System.nanoTime() - begin) / 1_000);
                }
            }
            new BenchLine("ledger.balance.asof", histogram.getValueAtPercentile(99) / 1000.0, "ms")
                    .with("p50_ms", histogram.getValueAtPercentile(50) / 1000.0)
                    .with("p99_ms", histogram.getValueAtPercentile(99) / 1000.0)
                    .with("lines", ASOF_LINES).print();
        }
    }

    private static void h2Throughput() throws Exception {
        Path directory = Files.createTempDirectory("travo-bench-h2");
        try (JdbcStorage storage = JdbcStorage.open(StorageConfig.h2File(directory).withMaxPoolSize(16));
             Ledger ledger = new Ledger(storage.ledgerStore(), LedgerOptions.defaults()
                     .withBackgroundEvery(Duration.ofSeconds(1)))) {
            Workload workload = new Workload("h2");
            workload.createTenants(ledger);
            new BenchLine("ledger.post.h2", closedLoop(ledger, workload, "h"), "entries/s")
                    .with("threads", CLIENT_THREADS).with("clients", clientKind()).print();
        } finally {
            try (var files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
