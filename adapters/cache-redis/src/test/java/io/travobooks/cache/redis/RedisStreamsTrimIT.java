package io.travobooks.cache.redis;

import io.travobooks.spi.queue.Delivery;
import io.travobooks.spi.queue.QueueOptions;
import io.travobooks.testkit.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Trimming keeps what any group still needs, on the shared Redis in a namespace of its own. */
class RedisStreamsTrimIT {
    private final String namespace = "test-" + UUID.randomUUID();
    private LettuceRedis redis;
    private RedisStreamsJobQueue queue;

    @BeforeEach
    void open() {
        redis = LettuceRedis.connect(RedisConfig.parse(TestServices.requireRedis(), namespace));
        queue = new RedisStreamsJobQueue(redis, QueueOptions.DEFAULTS);
    }

    @AfterEach
    void close() {
        queue.close();
        RedisContracts.deleteNamespace(redis, namespace);
        redis.close();
    }

    private static List<String> payloads(List<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::payload).toList();
    }

    @Test
    void entriesEveryGroupAckedGoAndPendingOrUnreadOnesStay() {
        queue.receive("q", "fast", "c", 1, Duration.ZERO);
        queue.receive("q", "slow", "c", 1, Duration.ZERO);
        List<String> published = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            published.add("m" + i);
        }
        queue.publishAll("q", published);
        assertThat(queue.trimAcked("q")).as("nobody read anything yet").isZero();

        queue.ackAll(queue.receive("q", "fast", "c", 10, Duration.ZERO));
        List<Delivery> slow = queue.receive("q", "slow", "c", 4, Duration.ZERO);
        queue.ackAll(slow.subList(0, 2)); // m3 and m4 stay pending

        assertThat(queue.trimAcked("q")).isEqualTo(2);

        assertThat(redis.sync().xlen(redis.keys().stream("q"))).isEqualTo(8);
        assertThat(payloads(queue.receive("q", "late", "c", 20, Duration.ZERO)))
                .as("a group created now sees what is not yet acked everywhere")
                .isEqualTo(published.subList(2, 10));
        assertThat(payloads(queue.receive("q", "slow", "c", 20, Duration.ZERO))).isEqualTo(published.subList(4, 10));
        assertThat(queue.ackAll(slow.subList(2, 4))).isEqualTo(2);
        assertThat(queue.stats("q", "slow").pending()).isEqualTo(6);
    }
}
