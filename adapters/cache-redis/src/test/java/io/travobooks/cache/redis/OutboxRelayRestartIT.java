package io.travobooks.cache.redis;

import io.travobooks.spi.queue.Delivery;
import io.travobooks.spi.queue.QueueOptions;
import io.travobooks.spi.queue.QueueStore;
import io.travobooks.spi.queue.QueueWorker;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;
import io.travobooks.testkit.RedisServers;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.travobooks.testkit.coordination.ContractSupport.await;
import static io.travobooks.testkit.coordination.ContractSupport.sleep;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox guarantee (see {@link OutboxRelay}) on a Redis server of the test's own that is killed and started
 * again, empty, while producers commit to the outbox and consumers are busy: every committed message is handled,
 * and the consumers and the relay recover without help.
 */
class OutboxRelayRestartIT {
    private static final String QUEUE = "booking-events";
    private static final int PRODUCERS = 4;
    private static final int PER_PRODUCER = 1_000;

    /** A Redis server of the test's own, an outbox on an H2 database of its own, a client and a Streams queue. */
    private static final class Rig implements AutoCloseable {
        final RedisServers.Server server = RedisServers.startServer();
        final JdbcStorage storage = JdbcStorage.open(StorageConfig.h2Memory("outbox_"
                + UUID.randomUUID().toString().substring(0, 8)));
        final QueueStore outbox = storage.queueStore();
        final LettuceRedis redis = LettuceRedis.connect(RedisConfig.parse(server.uri()));
        final RedisStreamsJobQueue queue;

        Rig(QueueOptions options) {
            queue = new RedisStreamsJobQueue(redis, options);
        }

        @Override
        public void close() {
            queue.close();
            redis.close();
            storage.close();
            server.close();
        }
    }

    @Test
    void aRedisRestartLosesNoMessageThatWasWrittenToTheOutbox() throws Exception {
        List<RuntimeException> relayErrors = new CopyOnWriteArrayList<>();
        List<RuntimeException> consumerErrors = new CopyOnWriteArrayList<>();
        Set<String> handled = ConcurrentHashMap.newKeySet();
        AtomicLong deliveries = new AtomicLong();
        AtomicBoolean holding = new AtomicBoolean();
        CountDownLatch resume = new CountDownLatch(1);
        try (Rig rig = new Rig(new QueueOptions(Duration.ofSeconds(2), 100))) {
            try (OutboxRelay relay = OutboxRelay.start(rig.outbox, rig.redis, QUEUE, new OutboxRelay.Options(
                    Duration.ofMillis(10), Duration.ofMillis(100), Duration.ZERO, Set.of()), Clock.systemUTC(),
                    relayErrors::add);
                 QueueWorker consumers = QueueWorker.start(rig.queue, QUEUE, "ledger", 4, delivery -> {
                     deliveries.incrementAndGet();
                     if (holding.get()) {
                         awaitUninterruptibly(resume);
                     }
                     sleep(Duration.ofMillis(1)); // a handler's work
                     handled.add(delivery.payload());
                 }, consumerErrors::add)) {
                List<Thread> producers = startProducers(rig.outbox);

                await("consumers under way", Duration.ofSeconds(30), () -> handled.size() >= 500);
                // The consumers hold still until the relay is ahead of them, so the crash always finds a backlog
                // in Redis: the messages that only the outbox can bring back.
                holding.set(true);
                await("a backlog in Redis", Duration.ofSeconds(30), () -> relay.relayed() - handled.size() >= 100);
                long relayedAtCrash = relay.relayed();
                long handledAtCrash = handled.size();
                rig.server.stop(); // everything in Redis is gone: the stream, its groups and pending entries
                holding.set(false);
                resume.countDown(); // the consumers go on during the outage
                sleep(Duration.ofMillis(500));
                rig.server.start();
                for (Thread producer : producers) {
                    producer.join();
                }

                await("every committed message handled", Duration.ofSeconds(90),
                        () -> handled.size() == PRODUCERS * PER_PRODUCER);
                await("the relay's cursor confirms the last message", Duration.ofSeconds(30),
                        () -> cursor(rig.outbox) == PRODUCERS * PER_PRODUCER);

                assertThat(relayedAtCrash - handledAtCrash).as("messages in Redis, not yet handled, at the crash")
                        .isPositive();
                assertThat(relay.losses()).as("the relay noticed that Redis lost its appends").isPositive();
                assertThat(consumerErrors).as("the consumers saw the outage and carried on").isNotEmpty();
                assertThat(deliveries.get()).as("at least once").isGreaterThanOrEqualTo(PRODUCERS * PER_PRODUCER);
            }
        }
        assertThat(handled).isEqualTo(expectedPayloads());
    }

    @Test
    void anEmptiedRedisIsRefilledFromTheCursorWhereEveryGroupHadAcked() throws Exception {
        try (Rig rig = new Rig(QueueOptions.DEFAULTS)) {
            List<String> payloads = new ArrayList<>();
            for (int i = 1; i <= 300; i++) {
                payloads.add("m" + i);
            }
            rig.outbox.transactions().inTransaction(uow -> {
                payloads.forEach(payload -> rig.outbox.append(uow, QUEUE, payload, Clock.systemUTC().instant()));
                return null;
            });
            rig.queue.receive(QUEUE, "ledger", "c1", 1, Duration.ZERO); // the group, before the relay appends
            try (OutboxRelay relay = OutboxRelay.start(rig.outbox, rig.redis, QUEUE, new OutboxRelay.Options(
                    Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofDays(1), Set.of()), Clock.systemUTC(),
                    e -> { })) {
                await("all 300 in Redis", Duration.ofSeconds(10), () -> relay.relayed() == 300);
                List<Delivery> acked = rig.queue.receive(QUEUE, "ledger", "c1", 100, Duration.ofSeconds(1));
                assertThat(rig.queue.ackAll(acked)).isEqualTo(100);
                assertThat(rig.queue.receive(QUEUE, "ledger", "c1", 50, Duration.ofSeconds(1))).hasSize(50); // in flight
                await("the cursor confirms the acked hundred", Duration.ofSeconds(10), () -> cursor(rig.outbox) == 100);

                rig.redis.sync().flushall(); // what a fail-over to a stale replica looks like: no error, data gone

                List<String> afterwards = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (afterwards.size() < 200 && System.nanoTime() < deadline) {
                    List<Delivery> batch = rig.queue.receive(QUEUE, "ledger", "c2", 100, Duration.ofMillis(100));
                    batch.forEach(delivery -> afterwards.add(delivery.payload()));
                    rig.queue.ackAll(batch);
                }
                assertThat(afterwards).as("everything after the confirmed cursor, in order, and nothing before it")
                        .isEqualTo(payloads.subList(100, 300));
                assertThat(relay.losses()).isEqualTo(1);
            }
        }
    }

    @Test
    void aNamedGroupThatIsMissingHoldsTheCursorBack() throws Exception {
        try (Rig rig = new Rig(QueueOptions.DEFAULTS)) {
            rig.outbox.transactions().inTransaction(uow -> {
                for (int i = 1; i <= 10; i++) {
                    rig.outbox.append(uow, QUEUE, "m" + i, Clock.systemUTC().instant());
                }
                return null;
            });
            OutboxRelay.Options options = new OutboxRelay.Options(Duration.ofMillis(10), Duration.ofMillis(20),
                    Duration.ofDays(1), Set.of()).withGroups("ledger", "messaging");
            try (OutboxRelay relay = OutboxRelay.start(rig.outbox, rig.redis, QUEUE, options, Clock.systemUTC(), e -> { })) {
                await("all ten in Redis", Duration.ofSeconds(10), () -> relay.relayed() == 10);
                rig.queue.ackAll(rig.queue.receive(QUEUE, "ledger", "c1", 10, Duration.ofSeconds(1)));

                sleep(Duration.ofMillis(300)); // many confirm rounds
                assertThat(cursor(rig.outbox)).as("messaging has not acked: it does not even exist yet").isZero();

                rig.queue.ackAll(rig.queue.receive(QUEUE, "messaging", "c1", 10, Duration.ofSeconds(1)));
                await("the cursor passes what both groups acked", Duration.ofSeconds(10), () -> cursor(rig.outbox) == 10);
            }
        }
    }

    private static long cursor(QueueStore outbox) {
        return outbox.transactions().inTransaction(uow -> outbox.cursor(uow, QUEUE, OutboxRelay.CURSOR_GROUP));
    }

    /** Each producer commits its messages to the outbox one transaction at a time, as a business write would. */
    private static List<Thread> startProducers(QueueStore outbox) {
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            producers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < PER_PRODUCER; i++) {
                    String payload = producer + "-" + i;
                    outbox.transactions().inTransaction(uow ->
                            outbox.append(uow, QUEUE, payload, Clock.systemUTC().instant()));
                    if (i % 50 == 0) {
                        sleep(Duration.ofMillis(20)); // spread the writes over the outage
                    }
                }
            }));
        }
        return producers;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Set<String> expectedPayloads() {
        Set<String> expected = new HashSet<>();
        for (int p = 0; p < PRODUCERS; p++) {
            for (int i = 0; i < PER_PRODUCER; i++) {
                expected.add(p + "-" + i);
            }
        }
        return expected;
    }
}
