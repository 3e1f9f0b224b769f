package io.travobooks.testkit.storage;

import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.queue.Delivery;
import io.travobooks.spi.queue.QueueStats;
import io.travobooks.spi.queue.QueueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link QueueStore} must do beyond what the job queue contract already exercises through it: the
 * plain reads, cursors and trimming that an outbox relay builds on, and appends that roll back without a trace.
 */
public abstract class QueueStoreContractTest {
    private static final Instant NOW = Instant.parse("2026-03-10T06:00:00.123456Z");

    protected abstract QueueStore store();

    private QueueStore store;
    private String queue;

    @BeforeEach
    void setUp() {
        store = store();
        queue = "q-" + UUID.randomUUID().toString().substring(0, 8); // the database is shared by the test JVM
    }

    private <T> T tx(Function<UnitOfWork, T> work) {
        return store.transactions().inTransaction(work);
    }

    private List<Long> append(String... payloads) {
        return tx(uow -> {
            List<Long> ids = new ArrayList<>();
            for (String payload : payloads) {
                ids.add(store.append(uow, queue, payload, NOW));
            }
            return ids;
        });
    }

    private List<QueueStore.Message> read(long afterId, int max) {
        return tx(uow -> store.read(uow, queue, afterId, max));
    }

    private long cursor(String group) {
        return tx(uow -> store.cursor(uow, queue, group));
    }

    private QueueStats stats(String group) {
        return tx(uow -> store.stats(uow, queue, group));
    }

    @Test
    void readReturnsTheMessagesAfterAnIdInOrderWithoutClaimingThem() {
        List<Long> ids = append("m1", "m2", "m3", "m4");

        assertThat(read(ids.get(0), 2)).containsExactly(
                new QueueStore.Message(ids.get(1), "m2"), new QueueStore.Message(ids.get(2), "m3"));
        assertThat(read(ids.get(3), 10)).isEmpty();
        assertThat(stats("g").pending()).as("nothing claimed").isZero();
        List<Delivery> claimed = tx(uow -> store.claimNew(uow, queue, "g", "c", 10, NOW));
        assertThat(claimed).hasSize(4);
    }

    @Test
    void aCursorStartsAtZeroAndOnlyMovesForward() {
        assertThat(cursor("relay")).isZero();
        List<Long> ids = append("m1", "m2", "m3");

        tx(uow -> {
            store.advance(uow, queue, "relay", ids.get(1));
            return null;
        });
        tx(uow -> {
            store.advance(uow, queue, "relay", ids.get(0));
            return null;
        });

        assertThat(cursor("relay")).isEqualTo(ids.get(1));
        assertThat(stats("relay").waiting()).isEqualTo(1);
    }

    @Test
    void trimKeepsEveryMessageAfterTheLowestCursor() {
        List<Long> ids = append("m1", "m2", "m3", "m4");
        tx(uow -> {
            store.advance(uow, queue, "relay", ids.get(2));
            store.advance(uow, queue, "slow-group", ids.get(0));
            return null;
        });

        int trimmed = tx(uow -> store.trim(uow, queue, NOW.plus(Duration.ofDays(1))));

        assertThat(trimmed).isEqualTo(1);
        assertThat(read(0, 10)).extracting(QueueStore.Message::payload)
                .containsExactly("m2", "m3", "m4");
    }

    @Test
    void anAppendInATransactionThatFailsLeavesNoMessageAndNoGapInTheIds() {
        long first = append("m1").getFirst();

        assertThatThrownBy(() -> tx(uow -> {
            store.append(uow, queue, "never committed", NOW);
            throw new IllegalStateException("the business write next to it failed");
        })).hasMessageContaining("business write");

        long next = append("m2").getFirst();
        assertThat(next).isEqualTo(first + 1);
        assertThat(read(0, 10)).extracting(QueueStore.Message::payload)
                .containsExactly("m1", "m2");
    }

    @Test
    void queuesDoNotSeeEachOthersMessages() {
        append("mine");
        String other = queue + "-other";
        tx(uow -> store.append(uow, other, "theirs", NOW));

        assertThat(read(0, 10)).extracting(QueueStore.Message::payload)
                .containsExactly("mine");
    }
}
