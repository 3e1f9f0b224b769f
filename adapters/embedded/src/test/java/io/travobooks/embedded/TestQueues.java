package io.travobooks.embedded;

import io.travobooks.spi.queue.DeadLetter;
import io.travobooks.spi.queue.Delivery;
import io.travobooks.spi.queue.JobQueue;
import io.travobooks.spi.queue.QueueOptions;
import io.travobooks.spi.queue.QueueStats;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Test queues on databases of their own (H2 in memory or a fresh MariaDB database), closed with the queue. */
final class TestQueues {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private TestQueues() {
    }

    /**
     * A fresh in-memory H2 database that disappears when its pool closes (no {@code DB_CLOSE_DELAY}, unlike
     * {@link StorageConfig#h2Memory}).
     */
    static StorageConfig freshMemoryDatabase() {
        StorageConfig config = StorageConfig.h2Memory("travo_queue_" + DATABASES.incrementAndGet());
        return new StorageConfig(config.jdbcUrl().replace(";DB_CLOSE_DELAY=-1", ""), config.user(),
                config.password(), config.maxPoolSize());
    }

    /** A queue on {@code storage} that closes the storage when it is closed. */
    static JobQueue owning(JdbcStorage storage, QueueOptions options, Clock clock) {
        return owning(storage, options, clock, () -> { });
    }

    /** A queue on {@code storage} that closes the storage, then runs {@code afterClose}, when it is closed. */
    static JobQueue owning(JdbcStorage storage, QueueOptions options, Clock clock, Runnable afterClose) {
        return new Owning(new EmbeddedJobQueue(storage.queueStore(), options, clock), storage, afterClose);
    }

    private record Owning(EmbeddedJobQueue queue, JdbcStorage storage, Runnable afterClose) implements JobQueue {
        @Override
        public String publish(String name, String payload) {
            return queue.publish(name, payload);
        }

        @Override
        public void publishDelayed(String name, String payload, Duration delay) {
            queue.publishDelayed(name, payload, delay);
        }

        @Override
        public List<Delivery> receive(String name, String group, String consumer, int max, Duration wait) {
            return queue.receive(name, group, consumer, max, wait);
        }

        @Override
        public boolean ack(Delivery delivery) {
            return queue.ack(delivery);
        }

        @Override
        public QueueStats stats(String name, String group) {
            return queue.stats(name, group);
        }

        @Override
        public List<DeadLetter> deadLetters(String name, int max) {
            return queue.deadLetters(name, max);
        }

        @Override
        public void close() {
            try {
                queue.close();
            } finally {
                storage.close();
                afterClose.run();
            }
        }
    }
}
