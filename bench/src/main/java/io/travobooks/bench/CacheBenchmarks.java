package io.travobooks.bench;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.travobooks.cache.redis.LettuceLockManager;
import io.travobooks.cache.redis.LettuceRateLimiter;
import io.travobooks.cache.redis.LettuceRedis;
import io.travobooks.cache.redis.RedisConfig;
import io.travobooks.cache.redis.RedisStreamsJobQueue;
import io.travobooks.embedded.EmbeddedRateLimiter;
import io.travobooks.spi.lock.Lease;
import io.travobooks.spi.lock.LockManager;
import io.travobooks.spi.queue.QueueOptions;
import io.travobooks.spi.queue.QueueWorker;
import io.travobooks.spi.ratelimit.RateLimit;
import io.travobooks.spi.ratelimit.RateLimiter;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code bench/run cache}: the Redis adapter's figures, on the Redis of {@code TRAVO_TEST_REDIS_URL}
 * (bench/run points it at the machine's server), in a namespace of its own that is deleted afterwards.
 */
final class CacheBenchmarks {
    private static final long WARMUP_MILLIS = Long.getLong("bench.warmupMillis", 5_000);
    private static final long MEASURE_MILLIS = Long.getLong("bench.measureMillis", 10_000);
    private static final int CONSUMERS = 4;
    private static final int PRODUCERS = Integer.getInteger("bench.producers", 4);
    private static final int PUBLISH_BATCH = Integer.getInteger("bench.publishBatch", 100);
    /** Producers pause while this many messages are published and not yet handled: the queue stays bounded. */
    private static final long MAX_BACKLOG = 50_000;
    private static final int CLIENT_THREADS = 16;
    private static final String PAYLOAD = "{\"event\":\"booking.ticketed\",\"booking\":\"BK-000000\",\"tenant\":\"dhaka-travels\"}";

    private CacheBenchmarks() {
    }

    static void runAll() throws Exception {
        String uri = BenchServices.redisUri();
        String namespace = "bench-" + UUID.randomUUID();
        try (LettuceRedis redis = LettuceRedis.connect(RedisConfig.parse(uri, namespace))) {
            try {
                if (BenchMain.selected("e2e")) {
                    streamsEndToEnd(uri, redis);
                }
                if (BenchMain.selected("lock")) {
                    lockAcquireRelease(redis);
                }
                if (BenchMain.selected("ratelimit")) {
                    rateLimitChecks("redis", new LettuceRateLimiter(redis));
                    rateLimitChecks("embedded", new EmbeddedRateLimiter());
                }
            } finally {
                deleteNamespace(redis, namespace);
            }
        }
    }

    /**
     * Producers publish in batches as fast as the backlog bound lets them; four consumers receive, handle (count)
     * and ack. The figure is acked messages per second in the measured window.
     */
    private static void streamsEndToEnd(String uri, LettuceRedis redis) throws InterruptedException {
        double ceiling = pipelinedXaddCeiling(uri, redis.config().namespace());
        try (RedisStreamsJobQueue queue = new RedisStreamsJobQueue(redis, QueueOptions.DEFAULTS)) {
            queue.receive("e2e", "bench", "warm-up", 1, Duration.ZERO); // the group exists before the first publish
            AtomicLong published = new AtomicLong();
            AtomicLong handled = new AtomicLong();
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < PUBLISH_BATCH; i++) {
                batch.add(PAYLOAD);
            }
            ClosedLoop loop = new ClosedLoop(WARMUP_MILLIS, MEASURE_MILLIS);
            double rate;
            try (QueueWorker consumers = QueueWorker.start(queue, "e2e", "bench", CONSUMERS,
                    delivery -> handled.incrementAndGet(), failure::set)) {
                AtomicLong counted = new AtomicLong();
                Thread counter = Thread.ofPlatform().daemon().start(() -> {
                    while (loop.running()) {
                        long now = handled.get();
                        loop.finished(now - counted.getAndSet(now));
                        pause(5);
                    }
                });
                rate = loop.run(PRODUCERS, producer -> () -> {
                    while (loop.running()) {
                        if (published.get() - handled.get() > MAX_BACKLOG) {
                            pause(1);
                            continue;
                        }
                        queue.publishAll("e2e", batch);
                        published.addAndGet(batch.size());
                    }
                });
                counter.join();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (handled.get() < published.get() && System.nanoTime() < deadline) {
                    pause(10);
                }
            }
            if (failure.get() != null) {
                throw new IllegalStateException("a consumer failed", failure.get());
            }
            new BenchLine("queue.streams.e2e", rate, "messages/s").ceiling(ceiling)
                    .with("consumers", CONSUMERS).with("producers", PRODUCERS).with("publish_batch", PUBLISH_BATCH)
                    .with("published", published.get()).with("unhandled", published.get() - handled.get()).print();
        }
    }

    /**
     * The raw ceiling: one thread on a connection of its own adds the same payload to a stream in pipelines of
     * 1,000 XADDs (written with one flush, then awaited), no adapter code; XADDs per second.
     */
    private static double pipelinedXaddCeiling(String uri, String namespace) throws InterruptedException {
        String stream = namespace + ":ceiling:{xadd}";
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.setAutoFlushCommands(false);
            RedisAsyncCommands<String, String> async = connection.async();
            ClosedLoop loop = new ClosedLoop(WARMUP_MILLIS, MEASURE_MILLIS);
            double rate = loop.run(1, unused -> () -> {
                List<RedisFuture<String>> inFlight = new ArrayList<>(1_000);
                while (loop.running()) {
                    for (int i = 0; i < 1_000; i++) {
                        inFlight.add(async.xadd(stream, "p", PAYLOAD));
                    }
                    connection.flushCommands();
                    LettuceFutures.awaitAll(Duration.ofSeconds(30), inFlight.toArray(RedisFuture[]::new));
                    inFlight.clear();
                    loop.finished(1_000);
                }
            });
            connection.setAutoFlushCommands(true);
            connection.sync().del(stream);
            return rate;
        } finally {
            client.shutdown();
        }
    }

    /** 16 threads each taking and releasing locks on keys of their own: the cost of the two scripts. */
    private static void lockAcquireRelease(LettuceRedis redis) throws InterruptedException {
        LockManager locks = new LettuceLockManager(redis);
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        ClosedLoop loop = new ClosedLoop(WARMUP_MILLIS, MEASURE_MILLIS);
        long measureFrom = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WARMUP_MILLIS);
        double rate = loop.run(CLIENT_THREADS, client -> () -> {
            long n = 0;
            while (loop.running()) {
                long start = System.nanoTime();
                Lease lease = locks.tryAcquire("booking-" + client + "-" + (n++ % 100), Duration.ofSeconds(30))
                        .orElseThrow(() -> new IllegalStateException("an uncontended lock was refused"));
                if (!locks.release(lease)) {
                    throw new IllegalStateException("a held lock could not be released");
                }
                long end = System.nanoTime();
                if (start > measureFrom) {
                    synchronized (histogram) {
                        histogram.recordValue((end - start) / 1_000);
                    }
                }
                loop.finished(1);
            }
        });
        new BenchLine("lock.acquire_release", rate, "ops/s")
                .with("p50_ms", histogram.getValueAtPercentile(50) / 1000.0)
                .with("p99_ms", histogram.getValueAtPercentile(99) / 1000.0)
                .with("threads", CLIENT_THREADS).print();
    }

    /** 16 threads checking 1,000 keys against a limit they never reach; checks per second. */
    private static void rateLimitChecks(String implementation, RateLimiter limiter) throws InterruptedException {
        RateLimit generous = RateLimit.perSecond(1_000_000, 1_000_000);
        ClosedLoop loop = new ClosedLoop(WARMUP_MILLIS, MEASURE_MILLIS);
        AtomicLong denied = new AtomicLong();
        double rate = loop.run(CLIENT_THREADS, client -> () -> {
            long n = client;
            while (loop.running()) {
                if (!limiter.tryAcquire("partner-" + (n++ % 1_000), generous).allowed()) {
                    denied.incrementAndGet();
                }
                loop.finished(1);
            }
        });
        new BenchLine("ratelimit.check." + implementation, rate, "ops/s").with("threads", CLIENT_THREADS)
                .with("denied", denied.get()).print();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Removes a run's keys, a thousand at a time, so that runs do not pile up in the shared Redis. */
    static void deleteNamespace(LettuceRedis redis, String namespace) {
        ScanIterator<String> keys = ScanIterator.scan(redis.sync(), ScanArgs.Builder.matches(namespace + ":*")
                .limit(1_000));
        List<String> batch = new ArrayList<>();
        while (keys.hasNext()) {
            batch.add(keys.next());
            if (batch.size() == 1_000 || !keys.hasNext()) {
                redis.sync().unlink(batch.toArray(String[]::new));
                batch.clear();
            }
        }
    }
}
