package io.travobooks.embedded;

import io.travobooks.spi.Coordination;
import io.travobooks.spi.cache.Deduplicator;
import io.travobooks.spi.cache.HotCache;
import io.travobooks.spi.idempotency.IdempotencyOptions;
import io.travobooks.spi.idempotency.IdempotencyStore;
import io.travobooks.spi.lock.LockManager;
import io.travobooks.spi.pubsub.PubSub;
import io.travobooks.spi.queue.JobQueue;
import io.travobooks.spi.queue.QueueOptions;
import io.travobooks.spi.queue.QueueStore;
import io.travobooks.spi.ratelimit.RateLimiter;
import io.travobooks.spi.session.SessionStore;

import java.time.Clock;

/**
 * Every coordination capability inside this JVM, for the single-process default: all state in memory except the
 * job queue, whose messages live in the database of {@code queueStore} (H2 file by default) and survive a
 * restart. Locks, sessions, idempotency records, rate limits and cached values are lost on restart and are not
 * shared with another process.
 */
public final class EmbeddedCoordination implements Coordination {
    private final EmbeddedLockManager locks;
    private final EmbeddedIdempotencyStore idempotency;
    private final EmbeddedRateLimiter rateLimiter;
    private final EmbeddedSessionStore sessions;
    private final EmbeddedPubSub pubSub;
    private final EmbeddedHotCache hotCache;
    private final EmbeddedDeduplicator deduplicator;
    private final EmbeddedJobQueue jobQueue;

    public EmbeddedCoordination(QueueStore queueStore, IdempotencyOptions idempotencyOptions,
                                QueueOptions queueOptions, Clock clock) {
        this.locks = new EmbeddedLockManager(clock);
        this.idempotency = new EmbeddedIdempotencyStore(idempotencyOptions, clock);
        this.rateLimiter = new EmbeddedRateLimiter(clock);
        this.sessions = new EmbeddedSessionStore(clock);
        this.pubSub = new EmbeddedPubSub();
        this.hotCache = new EmbeddedHotCache(pubSub, clock);
        this.deduplicator = new EmbeddedDeduplicator(clock);
        this.jobQueue = new EmbeddedJobQueue(queueStore, queueOptions, clock);
    }

    /** The default options on the system clock. */
    public static EmbeddedCoordination open(QueueStore queueStore) {
        return new EmbeddedCoordination(queueStore, IdempotencyOptions.DEFAULTS, QueueOptions.DEFAULTS,
                Clock.systemUTC());
    }

    @Override
    public LockManager locks() {
        return locks;
    }

    @Override
    public IdempotencyStore idempotency() {
        return idempotency;
    }

    @Override
    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    @Override
    public SessionStore sessions() {
        return sessions;
    }

    @Override
    public HotCache hotCache() {
        return hotCache;
    }

    @Override
    public Deduplicator deduplicator() {
        return deduplicator;
    }

    @Override
    public PubSub pubSub() {
        return pubSub;
    }

    @Override
    public JobQueue jobQueue() {
        return jobQueue;
    }

    /** Closes the queue and the subscriptions; the database (and its storage) stays open. */
    @Override
    public void close() {
        jobQueue.close();
        hotCache.close();
        pubSub.close();
    }
}
