package io.travobooks.spi;

import io.travobooks.spi.cache.Deduplicator;
import io.travobooks.spi.cache.HotCache;
import io.travobooks.spi.idempotency.IdempotencyStore;
import io.travobooks.spi.lock.LockManager;
import io.travobooks.spi.pubsub.PubSub;
import io.travobooks.spi.queue.JobQueue;
import io.travobooks.spi.ratelimit.RateLimiter;
import io.travobooks.spi.session.SessionStore;

/**
 * Every coordination capability of one deployment, from one place: in-JVM ({@code EmbeddedCoordination}) or on
 * Redis ({@code RedisCoordination}). An application picks one at start-up and hands the parts to whoever needs
 * them; closing it closes them all. Nothing here holds money, and an event that must not be lost is written to
 * the database outbox first ({@code QueueStore.append} in the business transaction); a job queue's dead letters
 * are the exception to keep in mind: on Redis they live only there.
 */
public interface Coordination extends AutoCloseable {

    LockManager locks();

    IdempotencyStore idempotency();

    RateLimiter rateLimiter();

    SessionStore sessions();

    HotCache hotCache();

    Deduplicator deduplicator();

    PubSub pubSub();

    JobQueue jobQueue();

    @Override
    void close();
}
