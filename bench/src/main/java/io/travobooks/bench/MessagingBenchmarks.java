package io.travobooks.bench;

import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.travobooks.cache.redis.LettuceRateLimiter;
import io.travobooks.cache.redis.LettuceRedis;
import io.travobooks.cache.redis.OutboxRelay;
import io.travobooks.cache.redis.RedisConfig;
import io.travobooks.cache.redis.RedisStreamsJobQueue;
import io.travobooks.embedded.EmbeddedRateLimiter;
import io.travobooks.messaging.webhook.AddressRange;
import io.travobooks.messaging.webhook.DeliveryPolicy;
import io.travobooks.messaging.webhook.SsrfGuard;
import io.travobooks.messaging.webhook.WebhookDispatcher;
import io.travobooks.messaging.webhook.WebhookSecret;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.outbox.OutboxEvent;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.spi.queue.QueueOptions;
import io.travobooks.spi.ratelimit.RateLimit;
import io.travobooks.spi.webhook.WebhookEndpoint;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;
import io.travobooks.testkit.TestServices;
import io.travobooks.webhook.http.OutboxWebhookPump;
import io.travobooks.webhook.http.WebhookSender;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * {@code bench/run messaging}: the messaging figures on MariaDB and Redis, against a receiver on loopback (the JDK's
 * HTTP server, answering 204 at once).
 * <ul>
 *   <li>{@code webhook.deliver}: deliveries/s of 20,000 deliveries already fanned out (5,000 events x 4 endpoints;
 *       an untimed round of 10,000 first warms the JIT up), each signed, sent, and its attempt logged, by 3
 *       dispatchers (batches of 150, attempted concurrently), with
 *       each endpoint's rate limit checked in Redis. {@code ceiling=}: the same POSTs, client, receiver and
 *       concurrency with no signing, database or Redis.</li>
 *   <li>{@code event.fanout}: p50/p99 ms from an event's outbox commit to its arrival at the receiver, at 200
 *       events/s offered for 10 s, through the whole pipeline: the outbox relay to Redis Streams, the pump's
 *       consumers fanning out, and its dispatcher delivering.</li>
 * </ul>
 */
final class MessagingBenchmarks {
    private static final int EVENTS = Integer.getInteger("bench.events", 5_000);
    /** Delivered before the timed round, untimed, so that the JIT has compiled the path being measured. */
    private static final int WARMUP_EVENTS = Integer.getInteger("bench.warmupEvents", 2_500);
    private static final int ENDPOINTS = 4;
    /** 3 x 150 measured best here (2-6 dispatchers, batches of 100-250): more workers contend for two cores. */
    private static final int DISPATCHERS = Integer.getInteger("bench.dispatchers", 3);
    private static final int BATCH = Integer.getInteger("bench.batch", 150);
    private static final int OFFERED_PER_SECOND = 200;
    private static final long FANOUT_SECONDS = 10;

    private MessagingBenchmarks() {
    }

    static void runAll() throws Exception {
        TestServices.MysqlServer server = BenchServices.mysql();
        String redisUri = BenchServices.redisUri();
        String namespace = "bench-" + UUID.randomUUID();
        String url = server.createDatabase("travo_bench_messaging");
        try (JdbcStorage storage = JdbcStorage.open(StorageConfig.mysql(url, server.user(), server.password())
                .withMaxPoolSize(32));
             LettuceRedis redis = LettuceRedis.connect(RedisConfig.parse(redisUri, namespace));
             Receiver receiver = new Receiver();
             WebhookSender sender = new WebhookSender(SsrfGuard.withAllowed(List.of(AddressRange.parse(
                     "127.0.0.0/8"))), Duration.ofSeconds(2), Duration.ofSeconds(5), 256, Clock.systemUTC())) {
            try {
                if (BenchMain.selected("deliver")) {
                    deliver(storage, redis, receiver, sender);
                }
                if (BenchMain.selected("fanout")) {
                    fanout(storage, redis, receiver, sender);
                }
            } finally {
                CacheBenchmarks.deleteNamespace(redis, namespace);
            }
        } finally {
            server.dropDatabase(url);
        }
    }

    private static WebhookDispatcher dispatcher(JdbcStorage storage, LettuceRedis redis, WebhookSender sender,
                                                String worker) {
        return new WebhookDispatcher(storage.webhookStore(), storage.outboxStore(), sender,
                Boolean.parseBoolean(System.getProperty("bench.redisLimiter", "true")) ? new LettuceRateLimiter(redis)
                        : new EmbeddedRateLimiter(),
                new DeliveryPolicy(new SplittableRandom(1)), Clock.systemUTC(),
                new WebhookDispatcher.Options(worker, Duration.ofSeconds(30), BATCH,
                        RateLimit.perSecond(1_000_000, 1_000_000)));
    }

    private static void endpoints(JdbcStorage storage, TenantId tenant, Receiver receiver, int count) {
        storage.webhookStore().transactions().inTransaction(uow -> {
            for (int i = 0; i < count; i++) {
                storage.webhookStore().saveEndpoint(uow, new WebhookEndpoint(tenant, "ep" + i,
                        receiver.uri("/" + tenant.value() + "/ep" + i), Set.of(), true, Optional.empty(),
                        WebhookSecret.generate().serialized(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Instant.now()));
            }
            return null;
        });
    }

    private static String envelope(String id, TenantId tenant) {
        return "{\"id\":\"" + id + "\",\"type\":\"booking.issued\",\"tenant\":\"" + tenant.value()
                + "\",\"occurredAt\":\"" + Instant.now() + "\",\"data\":{\"bookingId\":\"BK1\",\"pnr\":\"QWERTY\","
                + "\"state\":\"ISSUED\",\"airline\":\"176\",\"passengers\":1,\"documents\":[\"1762000000001\"]}}";
    }

    private static void deliver(JdbcStorage storage, LettuceRedis redis, Receiver receiver, WebhookSender sender)
            throws InterruptedException {
        TenantId tenant = TenantId.of("bench-deliver");
        endpoints(storage, tenant, receiver, ENDPOINTS);
        deliverRound(storage, redis, receiver, sender, tenant, "warm-", WARMUP_EVENTS); // JIT, pools, caches
        double seconds = deliverRound(storage, redis, receiver, sender, tenant, "ev-", EVENTS);
        long delivered = (long) EVENTS * ENDPOINTS;
        double ceiling = rawPostCeiling(sender, receiver, tenant, (int) delivered);
        new BenchLine("webhook.deliver", delivered / seconds, "deliveries/s").ceiling(ceiling)
                .with("deliveries", delivered).with("endpoints", ENDPOINTS).with("dispatchers", DISPATCHERS)
                .with("batch", BATCH).print();
    }

    /**
     * Fans out {@code events} events to the tenant's endpoints (untimed), then times 4 dispatchers delivering them
     * all; seconds taken.
     */
    private static double deliverRound(JdbcStorage storage, LettuceRedis redis, Receiver receiver,
                                       WebhookSender sender, TenantId tenant, String prefix, int events)
            throws InterruptedException {
        WebhookDispatcher fanOut = dispatcher(storage, redis, sender, "fan-out");
        for (int i = 0; i < events; i++) {
            fanOut.fanOut(tenant, prefix + i, "booking.issued", envelope(prefix + i, tenant));
        }
        long expected = (long) events * ENDPOINTS;
        long before = receiver.hits.get();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MINUTES.toNanos(3); // failing deliveries would wait for the retry ladder
        List<Thread> workers = new ArrayList<>();
        for (int d = 0; d < DISPATCHERS; d++) {
            WebhookDispatcher dispatcher = dispatcher(storage, redis, sender, prefix + "worker-" + d);
            workers.add(Thread.ofPlatform().start(() -> {
                // A pass that claimed nothing may have lost a race with another worker: stop only when all arrived.
                while (receiver.hits.get() - before < expected && System.nanoTime() < deadline) {
                    if (dispatcher.dispatchDue() == 0) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                    }
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long delivered = receiver.hits.get() - before;
        if (delivered < expected) {
            throw new IllegalStateException("only " + delivered + " of " + expected + " delivered");
        }
        return seconds;
    }

    /**
     * What this machine's HTTP path allows: the same number of POSTs of the same body, through the same client, to
     * the same receiver, with the same concurrency (dispatchers x batch), with no signing, no database and no Redis.
     */
    private static double rawPostCeiling(WebhookSender sender, Receiver receiver, TenantId tenant, int posts)
            throws InterruptedException {
        byte[] body = envelope("raw", tenant).getBytes(StandardCharsets.UTF_8);
        URI target = receiver.uri("/raw");
        AtomicLong remaining = new AtomicLong(posts);
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int d = 0; d < DISPATCHERS; d++) {
            workers.add(Thread.ofPlatform().start(() -> {
                while (remaining.get() > 0) {
                    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                        for (int i = 0; i < BATCH && remaining.getAndDecrement() > 0; i++) {
                            executor.submit(() -> sender.send(target, Map.of("webhook-id", "raw"), body));
                        }
                    }
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return posts / ((System.nanoTime() - start) / 1e9);
    }

    private static void fanout(JdbcStorage storage, LettuceRedis redis, Receiver receiver, WebhookSender sender)
            throws InterruptedException {
        TenantId tenant = TenantId.of("bench-fanout");
        endpoints(storage, tenant, receiver, 1);
        RedisStreamsJobQueue queue = new RedisStreamsJobQueue(redis, QueueOptions.DEFAULTS);
        queue.receive(OutboxStore.QUEUE, OutboxWebhookPump.GROUP, "warm-up", 1, Duration.ZERO);
        Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        Map<String, Long> committed = new ConcurrentHashMap<>();
        receiver.onArrival = body -> {
            int at = body.indexOf("\"id\":\"") + 6;
            Long sent = committed.remove(body.substring(at, body.indexOf('"', at)));
            if (sent != null) {
                synchronized (latency) {
                    latency.recordValue((System.nanoTime() - sent) / 1_000);
                }
            }
        };
        OutboxRelay.Options relayOptions = new OutboxRelay.Options(Duration.ofMillis(2), Duration.ofSeconds(1),
                Duration.ofHours(1), Set.of()).withGroups(OutboxWebhookPump.GROUP);
        long total = OFFERED_PER_SECOND * FANOUT_SECONDS;
        try (OutboxRelay relay = OutboxRelay.start(storage.queueStore(), redis, OutboxStore.QUEUE, relayOptions,
                Clock.systemUTC(), error -> { });
             OutboxWebhookPump pump = OutboxWebhookPump.start(queue, dispatcher(storage, redis, sender, "pump"), 2,
                     Duration.ofMillis(2), error -> { })) {
            long interval = TimeUnit.SECONDS.toNanos(1) / OFFERED_PER_SECOND;
            long start = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long wait = start + i * interval - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                String id = "fan-" + i;
                storage.queueStore().transactions().inTransaction(uow -> {
                    committed.put(id, System.nanoTime()); // the commit happens right after this append
                    return storage.outboxStore().append(uow, new OutboxEvent(id, "booking.issued", tenant,
                            Instant.now(), Map.of("bookingId", "BK1", "pnr", "QWERTY", "state", "ISSUED",
                            "airline", "176", "passengers", 1, "documents", List.of("1762000000001"))));
                });
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!committed.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            if (!committed.isEmpty()) {
                throw new IllegalStateException(committed.size() + " events did not arrive within 30 s");
            }
        } finally {
            queue.close();
            receiver.onArrival = body -> { };
        }
        new BenchLine("event.fanout", latency.getValueAtPercentile(99) / 1000.0, "ms")
                .with("p50_ms", latency.getValueAtPercentile(50) / 1000.0)
                .with("p99_ms", latency.getValueAtPercentile(99) / 1000.0)
                .with("max_ms", latency.getMaxValue() / 1000.0)
                .with("events", total).with("offered_per_s", OFFERED_PER_SECOND).print();
    }

    /** A webhook endpoint on loopback answering 204 at once, counting what arrives. */
    private static final class Receiver implements AutoCloseable {
        final AtomicLong hits = new AtomicLong();
        volatile Consumer<String> onArrival = body -> { };
        private final WebServer server;

        Receiver() {
            server = WebServer.builder().host("127.0.0.1").port(0)
                    .routing(routing -> routing.post("/*", (request, response) -> {
                        String body = request.content().as(String.class);
                        hits.incrementAndGet();
                        onArrival.accept(body);
                        response.status(Status.NO_CONTENT_204).send();
                    }))
                    .build().start();
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + server.port() + path);
        }

        @Override
        public void close() {
            server.stop();
        }
    }
}
