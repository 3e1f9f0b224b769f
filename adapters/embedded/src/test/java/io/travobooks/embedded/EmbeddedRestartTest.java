package io.travobooks.embedded;

import io.travobooks.spi.idempotency.IdempotencyOptions;
import io.travobooks.spi.lock.Lease;
import io.travobooks.spi.queue.Delivery;
import io.travobooks.spi.queue.QueueOptions;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** What survives a restart of the single-process default (the queue, in the H2 files) and what does not. */
class EmbeddedRestartTest {
    private static final QueueOptions QUICK_REDELIVERY = new QueueOptions(Duration.ofMillis(300), 5);

    private static EmbeddedCoordination open(JdbcStorage storage) {
        return new EmbeddedCoordination(storage.queueStore(), IdempotencyOptions.DEFAULTS, QUICK_REDELIVERY,
                Clock.systemUTC());
    }

    @Test
    void queuedDelayedAndUnackedMessagesSurviveARestartLocksDoNotAndFencingTokensStillGrow(@TempDir Path data) {
        long published;
        long tokenBefore;
        try (JdbcStorage storage = JdbcStorage.open(StorageConfig.h2File(data));
             EmbeddedCoordination before = open(storage)) {
            before.jobQueue().publishAll("tickets", List.of("issue BK-1", "issue BK-2", "issue BK-3"));
            before.jobQueue().publishDelayed("tickets", "remind BK-4", Duration.ofMillis(800));
            published = System.nanoTime();
            Delivery unacked = before.jobQueue().receive("tickets", "issuer", "dies", 1, Duration.ZERO).getFirst();
            assertThat(unacked.payload()).isEqualTo("issue BK-1");
            tokenBefore = before.locks().tryAcquire("booking-1", Duration.ofMinutes(5)).orElseThrow().fencingToken();
        }

        Map<String, Long> deliveries;
        long lastArrival;
        try (JdbcStorage storage = JdbcStorage.open(StorageConfig.h2File(data));
             EmbeddedCoordination after = open(storage)) {
            List<Delivery> received = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (received.size() < 4 && System.nanoTime() < deadline) {
                List<Delivery> batch = after.jobQueue().receive("tickets", "issuer", "survivor", 10,
                        Duration.ofMillis(100));
                received.addAll(batch);
                after.jobQueue().ackAll(batch);
            }
            lastArrival = System.nanoTime();
            deliveries = received.stream().collect(Collectors.toMap(Delivery::payload, Delivery::deliveryCount));

            Optional<Lease> again = after.locks().tryAcquire("booking-1", Duration.ofMinutes(5));
            assertThat(again).as("locks live in memory: a restart frees them").isPresent();
            assertThat(again.get().fencingToken()).as("a fenced row must still accept the next holder")
                    .isGreaterThan(tokenBefore);
        }

        assertThat(deliveries).containsOnly(Map.entry("issue BK-1", 2L), Map.entry("issue BK-2", 1L),
                Map.entry("issue BK-3", 1L), Map.entry("remind BK-4", 1L));
        assertThat(Duration.ofNanos(lastArrival - published)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
    }
}
