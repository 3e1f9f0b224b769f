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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code bench/run booking}: issue 5's figure. Bookings are held and priced first (not measured), then 64 callers
 * issue them through the full saga (lock, idempotency check, pending request committed, simulated airline at zero
 * latency, tickets + entry + status + event committed, release) on MariaDB and Redis. The ceiling is
 * {@link RawIssuanceCeiling}: the same Redis calls and commits per issuance, without booking logic.
 */
final class BookingBenchmarks {
    private static final int CALLERS = 64;
    private static final int BOOKINGS = Integer.getInteger("bench.bookings", 20_000);
    private static final int WARMUP_BOOKINGS = Integer.getInteger("bench.warmupBookings", 3_000);
    /** Bookings spread over tenants as an OTA's sub-agencies would be; each tenant's ledger is one lock. */
    private static final int TENANTS = Integer.getInteger("bench.tenants", 16);
    private static final Passenger PASSENGER = new Passenger("RAHIM", "UDDIN");

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
                if (BenchMain.selected("issue")) {
                    BenchLine line = issue(storage, redis);
                    double ceiling = new RawIssuanceCeiling(storage.dataSource(), new LettuceLockManager(redis))
                            .issuancesPerSecond(CALLERS, WARMUP_BOOKINGS, BOOKINGS);
                    line.ceiling(ceiling).print();
                }
            } finally {
                CacheBenchmarks.deleteNamespace(redis, namespace);
            }
        } finally {
            server.dropDatabase(url);
        }
    }

    /** The issue line, without its ceiling. */
    private static BenchLine issue(JdbcStorage storage, LettuceRedis redis) throws InterruptedException {
        try (Ledger ledger = new Ledger(storage.ledgerStore(), LedgerOptions.defaults())) {
            List<RequestContext> tenants = new ArrayList<>();
            for (int t = 0; t < TENANTS; t++) {
                RequestContext tenant = RequestContext.of("bench-booking-t" + t, "bench");
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

            runIssuances(service, airline, tenants, terms, "w", WARMUP_BOOKINGS, null);
            Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            double rate = runIssuances(service, airline, tenants, terms, "m", BOOKINGS, latency);
            return new BenchLine("booking.issue", rate, "issuances/s")
                    .with("p50_ms", latency.getValueAtPercentile(50) / 1000.0)
                    .with("p95_ms", latency.getValueAtPercentile(95) / 1000.0)
                    .with("p99_ms", latency.getValueAtPercentile(99) / 1000.0)
                    .with("bookings", BOOKINGS).with("callers", CALLERS).with("tenants", TENANTS);
        }
    }

    /**
     * Holds and prices {@code count} bookings (not timed), then issues them with {@link #CALLERS} callers;
     * issuances per second over the issue phase, with each issue's latency in {@code latency} when given.
     */
    private static double runIssuances(BookingService service, SimulatedAirline airline,
                                       List<RequestContext> tenants, BookingTerms terms, String prefix, int count,
                                       Histogram latency) throws InterruptedException {
        ConcurrentLinkedQueue<Integer> toPrepare = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < count; i++) {
            toPrepare.add(i);
        }
        String offer = airline.search("DAC", "DXB", LocalDate.now().plusDays(30)).getFirst().offerId();
        parallel(i -> {
            RequestContext tenant = tenants.get(i % tenants.size());
            String id = prefix + i;
            service.hold(tenant, id, offer, List.of(PASSENGER), terms).flatMap(held -> service.price(tenant, id))
                    .orThrow();
        }, toPrepare);

        ConcurrentLinkedQueue<Integer> toIssue = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < count; i++) {
            toIssue.add(i);
        }
        AtomicLong notIssued = new AtomicLong();
        long start = System.nanoTime();
        parallel(i -> {
            RequestContext tenant = tenants.get(i % tenants.size());
            long began = System.nanoTime();
            Outcome<Booking> outcome = service.issue(tenant, prefix + i, "key-" + prefix + i);
            long took = System.nanoTime() - began;
            if (!(outcome instanceof Outcome.Ok<Booking> ok) || ok.value().status().state() != BookingState.ISSUED) {
                notIssued.incrementAndGet();
            }
            if (latency != null) {
                synchronized (latency) {
                    latency.recordValue(took / 1_000);
                }
            }
        }, toIssue);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (notIssued.get() > 0) {
            throw new IllegalStateException(notIssued.get() + " benchmark bookings were not issued");
        }
        return count / seconds;
    }

    /** Runs {@code work} for every queued index on {@link #CALLERS} virtual threads; returns when all are done. */
    static void parallel(java.util.function.IntConsumer work, ConcurrentLinkedQueue<Integer> queue)
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
