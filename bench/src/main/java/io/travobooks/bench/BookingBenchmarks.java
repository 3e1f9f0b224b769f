package io.travobooks.bench;

import io.travobooks.booking.BookingState;
import io.travobooks.booking.posting.PostingRuleTemplates;
import io.travobooks.booking.service.ApprovalPolicy;
import io.travobooks.booking.service.Booking;
import io.travobooks.booking.service.BookingService;
import io.travobooks.booking.service.BookingServiceOptions;
import io.travobooks.booking.service.BookingTerms;
import io.travobooks.cache.redis.LettuceLockManager;
import io.travobooks.cache.redis.LettuceRedis;
import io.travobooks.cache.redis.RedisConfig;
import io.travobooks.ledger.ChartTemplates;
import io.travobooks.ledger.Ledger;
import io.travobooks.ledger.LedgerOptions;
import io.travobooks.spi.Money;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.lock.LockManager;
import io.travobooks.spi.supplier.Passenger;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;
import io.travobooks.supplier.sim.SimulatedAirline;
import io.travobooks.supplier.sim.SimulationOptions;
import io.travobooks.testkit.TestServices;
import org.HdrHistogram.Histogram;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * {@code bench/run booking}. Bookings are held and priced first (not measured), then issued through the full saga
 * (lock, idempotency check, ledger check, pending request committed, simulated airline at zero latency, tickets +
 * entries + status + event committed, release) on MariaDB and Redis:
 * <ul>
 *   <li>{@code booking.issue}: 64 closed-loop callers, issuances per second; its latencies are mostly queueing.</li>
 *   <li>{@code booking.issue.latency}: issues offered at a fixed rate (100/s) whatever the answers take, p95 of
 *   the time from when each was due to its answer: what one issue costs.</li>
 * </ul>
 * The ceilings are {@link RawIssuanceCeiling}: the same Redis calls and commits per issuance, without booking logic,
 * closed loop for the rate and at the same offered rate for the latency (there {@code ratio} is ours over theirs).
 */
final class BookingBenchmarks {
    private static final int CALLERS = 64;
    private static final int BOOKINGS = Integer.getInteger("bench.bookings", 20_000);
    private static final int WARMUP_BOOKINGS = Integer.getInteger("bench.warmupBookings", 3_000);
    /** Bookings spread over tenants as an OTA's sub-agencies would be; each tenant's ledger is one lock. */
    private static final int TENANTS = Integer.getInteger("bench.tenants", 16);
    private static final Passenger PASSENGER = new Passenger("RAHIM", "UDDIN");
    private static final double OFFERED_PER_SECOND = Double.parseDouble(System.getProperty("bench.offered", "100"));
    private static final int LATENCY_BOOKINGS = Integer.getInteger("bench.latencyBookings", 3_000);
    private static final int LATENCY_WARMUP = Integer.getInteger("bench.latencyWarmup", 1_000);

    private BookingBenchmarks() {
    }

    static void runAll() throws Exception {
        TestServices.MysqlServer server = BenchServices.mysql();
        String redisUri = BenchServices.redisUri();
        String namespace = "bench-" + UUID.randomUUID();
        String url = server.createDatabase("travo_bench_booking");
        try (JdbcStorage storage = JdbcStorage.open(StorageConfig.mysql(url, server.user(), server.password())
                .withMaxPoolSize(32));
             LettuceRedis redis = LettuceRedis.connect(RedisConfig.parse(redisUri, namespace))) {
            try {
                RawIssuanceCeiling raw = new RawIssuanceCeiling(storage.dataSource(), new LettuceLockManager(redis));
                if (BenchMain.selected("issue")) {
                    BenchLine line = issue(storage, redis);
                    line.ceiling(raw.issuancesPerSecond(CALLERS, WARMUP_BOOKINGS, BOOKINGS)).print();
                }
                if (BenchMain.selected("latency")) {
                    BenchLine line = issueLatency(storage, redis);
                    Histogram rawLatency = raw.latencyAt(OFFERED_PER_SECOND, LATENCY_WARMUP, LATENCY_BOOKINGS);
                    line.ceiling(rawLatency.getValueAtPercentile(95) / 1000.0)
                            .with("ceiling_p50_ms", rawLatency.getValueAtPercentile(50) / 1000.0).print();
                }
            } finally {
                CacheBenchmarks.deleteNamespace(redis, namespace);
            }
        } finally {
            server.dropDatabase(url);
        }
    }

    /** The booking service on the benchmark's stores, its tenants and the simulated airline. */
    private record Saga(Ledger ledger, BookingService service, SimulatedAirline airline,
                        List<RequestContext> tenants, BookingTerms terms) {
        static Saga open(JdbcStorage storage, LettuceRedis redis, String tenantPrefix) {
            Ledger ledger = new Ledger(storage.ledgerStore(), LedgerOptions.defaults());
            List<RequestContext> tenants = new ArrayList<>();
            for (int t = 0; t < TENANTS; t++) {
                RequestContext tenant = RequestContext.of(tenantPrefix + t, "bench");
                ledger.createTenant(tenant.tenant(), Workload.BDT).orThrow();
                ledger.chart().openAll(tenant, ChartTemplates.travelAgency()).orThrow();
                tenants.add(tenant);
            }
            SimulatedAirline airline = new SimulatedAirline(SimulationOptions.emiratesDhaka(5), Clock.systemUTC());
            LockManager locks = new LettuceLockManager(redis);
            BookingService service = new BookingService(storage.bookingStore(), storage.outboxStore(), ledger,
                    locks, airline, tenant -> PostingRuleTemplates.travelAgency(), ApprovalPolicy.NEVER,
                    Clock.systemUTC(), BookingServiceOptions.defaults(ZoneId.of("Asia/Dhaka")));
            BookingTerms terms = BookingTerms.bspAgent(Money.of("2800", "BDT"), Money.of("1000", "BDT"),
                    Money.of("150", "BDT"));
            return new Saga(ledger, service, airline, tenants, terms);
        }

        /** Holds and prices {@code count} bookings named {@code prefix + i} (not timed). */
        void prepare(String prefix, int count) throws InterruptedException {
            String offer = airline.search("DAC", "DXB", LocalDate.now().plusDays(30)).getFirst().offerId();
            parallel(i -> {
                RequestContext tenant = tenants.get(i % tenants.size());
                String id = prefix + i;
                service.hold(tenant, id, offer, List.of(PASSENGER), terms)
                        .flatMap(held -> service.price(tenant, id)).orThrow();
            }, indexes(count));
        }

        void issue(String prefix, int i) {
            RequestContext tenant = tenants.get(i % tenants.size());
            Outcome<Booking> outcome = service.issue(tenant, prefix + i, "key-" + prefix + i);
            if (!(outcome instanceof Outcome.Ok<Booking> ok) || ok.value().status().state() != BookingState.ISSUED) {
                throw new IllegalStateException("benchmark booking " + prefix + i + " was not issued: " + outcome);
            }
        }
    }

    /** The issue line, without its ceiling. */
    private static BenchLine issue(JdbcStorage storage, LettuceRedis redis) throws InterruptedException {
        Saga saga = Saga.open(storage, redis, "bench-booking-t");
        try (Ledger ignored = saga.ledger()) {
            runIssuances(saga, "w", WARMUP_BOOKINGS, null);
            Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            double rate = runIssuances(saga, "m", BOOKINGS, latency);
            return new BenchLine("booking.issue", rate, "issuances/s")
                    .with("p50_ms", latency.getValueAtPercentile(50) / 1000.0)
                    .with("p95_ms", latency.getValueAtPercentile(95) / 1000.0)
                    .with("p99_ms", latency.getValueAtPercentile(99) / 1000.0)
                    .with("bookings", BOOKINGS).with("callers", CALLERS).with("tenants", TENANTS);
        }
    }

    /** The latency line at the offered rate, without its ceiling; its value is the p95. */
    private static BenchLine issueLatency(JdbcStorage storage, LettuceRedis redis) throws InterruptedException {
        Saga saga = Saga.open(storage, redis, "bench-latency-t");
        try (Ledger ignored = saga.ledger()) {
            saga.prepare("lw", LATENCY_WARMUP);
            saga.prepare("lm", LATENCY_BOOKINGS);
            // Entries earlier runs left unchained would otherwise be chained by the background job while we measure.
            saga.ledger().audit().chainAll();
            OpenLoop.run(OFFERED_PER_SECOND, LATENCY_WARMUP, i -> saga.issue("lw", i));
            Histogram latency = OpenLoop.run(OFFERED_PER_SECOND, LATENCY_BOOKINGS, i -> saga.issue("lm", i));
            return new BenchLine("booking.issue.latency", latency.getValueAtPercentile(95) / 1000.0, "ms")
                    .with("p50_ms", latency.getValueAtPercentile(50) / 1000.0)
                    .with("p95_ms", latency.getValueAtPercentile(95) / 1000.0)
                    .with("p99_ms", latency.getValueAtPercentile(99) / 1000.0)
                    .with("max_ms", latency.getMaxValue() / 1000.0)
                    .with("offered_per_s", OFFERED_PER_SECOND).with("bookings", LATENCY_BOOKINGS)
                    .with("tenants", TENANTS);
        }
    }

    /**
     * Holds and prices {@code count} bookings (not timed), then issues them with {@link #CALLERS} callers;
     * issuances per second over the issue phase, with each issue's latency in {@code latency} when given.
     */
    private static double runIssuances(Saga saga, String prefix, int count, Histogram latency)
            throws InterruptedException {
        saga.prepare(prefix, count);
        long start = System.nanoTime();
        parallel(i -> {
            long began = System.nanoTime();
            saga.issue(prefix, i);
            long took = System.nanoTime() - began;
            if (latency != null) {
                synchronized (latency) {
                    latency.recordValue(took / 1_000);
                }
            }
        }, indexes(count));
        return count / ((System.nanoTime() - start) / 1e9);
    }

    static ConcurrentLinkedQueue<Integer> indexes(int count) {
        ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < count; i++) {
            queue.add(i);
        }
        return queue;
    }

    /** Runs {@code work} for every queued index on {@link #CALLERS} virtual threads; returns when all are done. */
    static void parallel(IntConsumer work, ConcurrentLinkedQueue<Integer> queue)
            throws InterruptedException {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CALLERS; c++) {
            threads.add(Thread.ofVirtual().start(() -> {
                Integer next;
                while (failure.get() == null && (next = queue.poll()) != null) {
                    try {
                        work.accept(next);
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
