package io.travobooks.cache.redis;

import io.travobooks.spi.Coordination;
import io.travobooks.spi.cache.Deduplicator;
import io.travobooks.spi.cache.HotCache;
import io.travobooks.spi.idempotency.IdempotencyOptions;
import io.travobooks.spi.idempotency.IdempotencyStore;
import io.travobooks.spi.lock.LockManager;
import io.travobooks.spi.pubsub.PubSub;
import io.travobooks.spi.queue.JobQueue;
import io.travobooks.spi.queue.QueueOptions;
import io.travobooks.spi.ratelimit.RateLimiter;
import io.travobooks.spi.session.SessionStore;

/**
 * Every coordination capability on one Redis deployment (standalone, Sentinel or Cluster, see
 * {@link RedisConfig}), sharing one Lettuce client and connection; pub/sub and blocking queue reads open
 * connections of their own.
 */
public final class RedisCoordination implements Coordination {
    private final LettuceRedis redis;
    private final LettuceLockManager locks;
    private final LettuceIdempotencyStore idempotency;
    private final LettuceRateLimiter rateLimiter;
    private final LettuceSessionStore sessions;
    private final LettuceHotCache hotCache;
    private final LettuceDeduplicator deduplicator;
    private final LettucePubSub pubSub;
    private final RedisStreamsJobQueue jobQueue;

    private RedisCoordination(LettuceRedis redis, IdempotencyOptions idempotencyOptions, QueueOptions queueOptions) {
        this.redis = redis;
        this.locks = new LettuceLockManager(redis);
        this.idempotency = new LettuceIdempotencyStore(redis, idempotencyOptions);
        this.rateLimiter = new LettuceRateLimiter(redis);
        this.sessions = new LettuceSessionStore(redis);
        this.hotCache = new LettuceHotCache(redis);
        this.deduplicator = new LettuceDeduplicator(redis);
        this.pubSub = new LettucePubSub(redis);
        this.jobQueue = new RedisStreamsJobQueue(redis, queueOptions);
    }

    /** Connects with the default idempotency and queue options. */
    public static RedisCoordination connect(RedisConfig config) {
        return connect(config, IdempotencyOptions.DEFAULTS, QueueOptions.DEFAULTS);
    }

    public static RedisCoordination connect(RedisConfig config, IdempotencyOptions idempotencyOptions,
                                            QueueOptions queueOptions) {
        LettuceRedis redis = LettuceRedis.connect(config);
        try {
            return new RedisCoordination(redis, idempotencyOptions, queueOptions);
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    /** The client underneath, for an {@link OutboxRelay}. */
    public LettuceRedis redis() {
        return redis;
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

    @Override
    public void close() {
        jobQueue.close();
        hotCache.close();
        pubSub.close();
        redis.close();
    }
}
