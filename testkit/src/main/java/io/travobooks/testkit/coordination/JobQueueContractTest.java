package io.travobooks.testkit.coordination;

import io.travobooks.spi.queue.DeadLetter;
import io.travobooks.spi.queue.Delivery;
import io.travobooks.spi.queue.JobQueue;
import io.travobooks.spi.queue.QueueOptions;
import io.travobooks.spi.queue.QueueStats;
import io.travobooks.spi.queue.QueueWorker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract every {@link JobQueue} implementation passes. */
public abstract class JobQueueContractTest extends ContractSupport {
    private static final Duration NO_WAIT = Duration.ZERO;
    private static final Duration SHORT_WAIT = Duration.ofMillis(100);

    /** A fresh queue whose queue names no other test sees. */
    protected abstract JobQueue jobQueue(QueueOptions options);

    private JobQueue queue() {
        return track(jobQueue(QueueOptions.DEFAULTS));
    }

    private static List<String> payloads(List<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::payload).toList();
    }

    @Test
    void aPublishedMessageIsDeliveredOnceAndAckedAway() {
        JobQueue queue = queue();
        String id = queue.publish("tickets", "{\"booking\":\"BK-1\"}");

        List<Delivery> deliveries = queue.receive("tickets", "issuer", "c1", 10, SHORT_WAIT);

        assertThat(deliveries).containsExactly(new Delivery("tickets", "issuer", id, "{\"booking\":\"BK-1\"}", 1));
        assertThat(queue.stats("tickets", "issuer")).isEqualTo(new QueueStats(0, 1, 0, 0));
        assertThat(queue.ack(deliveries.getFirst())).isTrue();
        assertThat(queue.ack(deliveries.getFirst())).as("acked once only").isFalse();
        assertThat(queue.stats("tickets", "issuer")).isEqualTo(new QueueStats(0, 0, 0, 0));
        assertThat(queue.receive("tickets", "issuer", "c2", 10, SHORT_WAIT)).isEmpty();
    }

    @Test
    void ackAllAcksWhatIsStillPendingAndCountsIt() {
        JobQueue queue = queue();
        queue.publishAll("q", List.of("m0", "m1", "m2"));
        List<Delivery> deliveries = queue.receive("q", "g", "c1", 10, SHORT_WAIT);
        assertThat(queue.ack(deliveries.get(1))).isTrue();

        assertThat(queue.ackAll(deliveries)).as("m1 was acked already").isEqualTo(2);

        assertThat(queue.stats("q", "g").pending()).isZero();
        assertThat(queue.ackAll(deliveries)).isZero();
        assertThat(queue.ackAll(List.of())).isZero();
    }

    @Test
    void messagesComeInPublishOrderAndWaitingCountsThem() {
        JobQueue queue = queue();
        queue.receive("events", "g", "c1", 1, NO_WAIT); // the group exists before the messages
        for (int i = 0; i < 5; i++) {
            queue.publish("events", "m" + i);
        }
        assertThat(queue.stats("events", "g").waiting()).isEqualTo(5);

        assertThat(payloads(queue.receive("events", "g", "c1", 3, NO_WAIT))).containsExactly("m0", "m1", "m2");
        assertThat(queue.stats("events", "g")).isEqualTo(new QueueStats(2, 3, 0, 0));
    }

    @Test
    void publishAllAppendsInOrderWithIdsAsPublishWould() {
        JobQueue queue = queue();
        String before = queue.publish("fares", "m0");

        List<String> ids = queue.publishAll("fares", List.of("m1", "m2", "m3"));
        String after = queue.publish("fares", "m4");

        List<Delivery> deliveries = queue.receive("fares", "g", "c1", 10, SHORT_WAIT);
        assertThat(payloads(deliveries)).containsExactly("m0", "m1", "m2", "m3", "m4");
        List<String> expectedIds = new ArrayList<>(List.of(before));
        expectedIds.addAll(ids);
        expectedIds.add(after);
        assertThat(deliveries.stream().map(Delivery::id).toList()).isEqualTo(expectedIds);
        assertThat(queue.publishAll("fares", List.of())).isEmpty();
    }

    @Test
    void everyGroupSeesEveryMessage() {
        JobQueue queue = queue();
        queue.publish("booking-events", "confirmed");
        queue.publish("booking-events", "ticketed");

        assertThat(payloads(queue.receive("booking-events", "ledger", "c1", 10, SHORT_WAIT)))
                .containsExactly("confirmed", "ticketed");
        assertThat(payloads(queue.receive("booking-events", "messaging", "c1", 10, SHORT_WAIT)))
                .containsExactly("confirmed", "ticketed");
    }

    @Test
    void consumersOfOneGroupShareTheMessages() {
        JobQueue queue = queue();
        for (int i = 0; i < 10; i++) {
            queue.publish("q", "m" + i);
        }

        List<String> first = payloads(queue.receive("q", "g", "c1", 6, SHORT_WAIT));
        List<String> second = payloads(queue.receive("q", "g", "c2", 10, SHORT_WAIT));

        assertThat(first).hasSize(6);
        assertThat(second).hasSize(4).doesNotContainAnyElementsOf(first);
    }

    @Test
    void anUnackedMessageGoesToAnotherConsumerAfterTheVisibilityTimeout() {
        JobQueue queue = track(jobQueue(new QueueOptions(Duration.ofMillis(300), 5)));
        queue.publish("q", "m");
        Delivery first = queue.receive("q", "g", "dies-before-ack", 1, SHORT_WAIT).getFirst();
        assertThat(queue.receive("q", "g", "c2", 1, NO_WAIT)).as("still invisible").isEmpty();

        sleep(Duration.ofMillis(400));
        List<Delivery> again = queue.receive("q", "g", "c2", 1, SHORT_WAIT);

        assertThat(again).hasSize(1);
        assertThat(again.getFirst().id()).isEqualTo(first.id());
        assertThat(again.getFirst().deliveryCount()).isEqualTo(2);
        assertThat(queue.ack(again.getFirst())).isTrue();
        assertThat(queue.stats("q", "g").pending()).isZero();
    }

    @Test
    void aPoisonMessageReachesTheDeadLetterListAfterMaxDeliveries() {
        JobQueue queue = track(jobQueue(new QueueOptions(Duration.ofMillis(150), 3)));
        String id = queue.publish("q", "poison");
        queue.publish("q", "healthy");
        List<Long> deliveryCounts = new ArrayList<>();
        List<String> healthy = new ArrayList<>();

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (queue.stats("q", "g").deadLetters() == 0 && System.nanoTime() - deadline < 0) {
            for (Delivery delivery : queue.receive("q", "g", "c1", 10, SHORT_WAIT)) {
                if (delivery.payload().equals("poison")) {
                    deliveryCounts.add(delivery.deliveryCount()); // the handler throws: no ack
                } else {
                    healthy.add(delivery.payload());
                    queue.ack(delivery);
                }
            }
        }

        assertThat(deliveryCounts).containsExactly(1L, 2L, 3L);
        assertThat(healthy).containsExactly("healthy");
        assertThat(queue.deadLetters("q", 10)).containsExactly(new DeadLetter("q", "g", id, "poison", 3));
        assertThat(queue.stats("q", "g")).isEqualTo(new QueueStats(0, 0, 0, 1));
        sleep(Duration.ofMillis(300));
        assertThat(queue.receive("q", "g", "c1", 10, SHORT_WAIT)).as("never delivered a fourth time").isEmpty();
    }

    @Test
    void aDelayedMessageArrivesNoEarlierThanDue() {
        JobQueue queue = queue();
        long published = System.nanoTime();
        queue.publishDelayed("reminders", "pay before 18:00", Duration.ofMillis(600));
        queue.publish("reminders", "now");

        assertThat(payloads(queue.receive("reminders", "g", "c1", 10, SHORT_WAIT))).containsExactly("now");
        assertThat(queue.stats("reminders", "g").delayed()).isEqualTo(1);
        List<Delivery> later = new ArrayList<>();
        while (later.isEmpty() && System.nanoTime() - published < Duration.ofSeconds(10).toNanos()) {
            later = queue.receive("reminders", "g", "c1", 10, SHORT_WAIT);
        }
        long arrivedAfter = System.nanoTime() - published;

        assertThat(payloads(later)).containsExactly("pay before 18:00");
        assertThat(Duration.ofNanos(arrivedAfter)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(queue.stats("reminders", "g").delayed()).isZero();
    }

    @Test
    void aConsumerKilledBeforeAckHasItsMessagesRedelivered() throws Exception {
        JobQueue queue = track(jobQueue(new QueueOptions(Duration.ofMillis(300), 5)));
        for (int i = 0; i < 10; i++) {
            queue.publish("q", "m" + i);
        }
        assertThat(queue.receive("q", "g", "killed", 10, SHORT_WAIT)).hasSize(10); // it dies holding them

        Set<String> handled = ConcurrentHashMap.newKeySet();
        Set<Long> counts = ConcurrentHashMap.newKeySet();
        try (QueueWorker survivor = QueueWorker.start(queue, "q", "g", 1, delivery -> {
            handled.add(delivery.payload());
            counts.add(delivery.deliveryCount());
        }, error -> { })) {
            await("the survivor handles all ten", Duration.ofSeconds(10), () -> handled.size() == 10);
        }

        assertThat(counts).containsExactly(2L);
        assertThat(queue.stats("q", "g").pending()).isZero();
    }

    @Test
    void twentyProducersAndTwentyConsumersLoseNothing() throws Exception {
        JobQueue queue = queue();
        int producers = 20;
        int perProducer = 200;
        Set<String> handled = ConcurrentHashMap.newKeySet();
        AtomicInteger deliveries = new AtomicInteger();
        List<RuntimeException> errors = new ArrayList<>();
        queue.receive("load", "g", "warm-up", 1, NO_WAIT);
        try (QueueWorker consumers = QueueWorker.start(queue, "load", "g", 20, delivery -> {
            deliveries.incrementAndGet();
            handled.add(delivery.payload());
        }, error -> {
            synchronized (errors) {
                errors.add(error);
            }
        })) {
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producer = p;
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    try {
                        for (int i = 0; i < perProducer; i++) {
                            queue.publish("load", producer + "-" + i);
                        }
                    } catch (RuntimeException e) {
                        synchronized (errors) {
                            errors.add(e);
                        }
                    }
                }));
            }
            start.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            synchronized (errors) {
                assertThat(errors).as("publishing and consuming fail nowhere").isEmpty();
            }
            // A liveness bound, not a speed check: a slow shared CI disk commits far less often than a laptop.
            await(() -> "every message handled; handled " + handled.size() + ", " + queue.stats("load", "g"),
                    Duration.ofMinutes(3), () -> handled.size() == producers * perProducer);
        }

        Set<String> expected = new HashSet<>();
        for (int p = 0; p < producers; p++) {
            for (int i = 0; i < perProducer; i++) {
                expected.add(p + "-" + i);
            }
        }
        assertThat(handled).isEqualTo(expected);
        assertThat(errors).isEmpty();
        assertThat(deliveries.get()).as("no failures, so no redeliveries").isEqualTo(producers * perProducer);
        assertThat(queue.stats("load", "g")).isEqualTo(new QueueStats(0, 0, 0, 0));
    }
}
