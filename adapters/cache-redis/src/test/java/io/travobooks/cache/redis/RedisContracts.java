package io.travobooks.cache.redis;

import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.cache.Deduplicator;
import io.travobooks.spi.cache.HotCache;
import io.travobooks.spi.idempotency.Claim;
import io.travobooks.spi.idempotency.IdempotencyOptions;
import io.travobooks.spi.idempotency.IdempotencyStore;
import io.travobooks.spi.idempotency.StoredResponse;
import io.travobooks.spi.lock.LockManager;
import io.travobooks.spi.pubsub.PubSub;
import io.travobooks.spi.queue.JobQueue;
import io.travobooks.spi.queue.QueueOptions;
import io.travobooks.spi.ratelimit.RateLimiter;
import io.travobooks.spi.session.SessionStore;
import io.travobooks.testkit.coordination.DeduplicatorContractTest;
import io.travobooks.testkit.coordination.HotCacheContractTest;
import io.travobooks.testkit.coordination.IdempotencyStoreContractTest;
import io.travobooks.testkit.coordination.JobQueueContractTest;
import io.travobooks.testkit.coordination.LockManagerContractTest;
import io.travobooks.testkit.coordination.PubSubContractTest;
import io.travobooks.testkit.coordination.RateLimiterContractTest;
import io.travobooks.testkit.coordination.SessionStoreContractTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every coordination contract suite on one Redis deployment; subclasses say which (standalone or Cluster).
 * Each test works in a namespace of its own, deleted when the test class ends.
 */
abstract class RedisContracts {
    private static final List<String> NAMESPACES = new ArrayList<>();

    /** The deployment's shared connection. */
    protected abstract LettuceRedis redis();

    private LettuceRedis fresh() {
        String namespace = "test-" + UUID.randomUUID();
        synchronized (NAMESPACES) {
            NAMESPACES.add(namespace);
        }
        return redis().inNamespace(namespace);
    }

    /** Deletes every key the tests made. */
    static void deleteTestKeys(LettuceRedis redis) {
        synchronized (NAMESPACES) {
            for (String namespace : NAMESPACES) {
                deleteNamespace(redis, namespace);
            }
            NAMESPACES.clear();
        }
    }

    /**
     * Deletes the namespace's keys, one DEL per key since Cluster spreads them over slots; returns how many. Each
     * SCAN step looks at a thousand keys, not Redis's default ten: the shared server may hold many keys of other
     * work, and every step over them is a round trip.
     */
    static long deleteNamespace(LettuceRedis redis, String namespace) {
        long deleted = 0;
        ScanIterator<String> keys = ScanIterator.scan(redis.sync(), ScanArgs.Builder.matches(namespace + ":*")
                .limit(1_000));
        while (keys.hasNext()) {
            deleted += redis.sync().del(keys.next());
        }
        return deleted;
    }

    @Nested
    class Locks extends LockManagerContractTest {
        @Override
        protected LockManager lockManager() {
            return new LettuceLockManager(fresh());
        }
    }

    @Nested
    class Idempotency extends IdempotencyStoreContractTest {
        @Override
        protected IdempotencyStore idempotencyStore(IdempotencyOptions options) {
            return new LettuceIdempotencyStore(fresh(), options);
        }

        /** Records were hashes before they were strings: a retry after an upgrade still finds its request's. */
        @Test
        void recordsThatEarlierVersionsKeptAsHashesAreStillRead() {
            LettuceRedis redis = fresh();
            IdempotencyStore store = new LettuceIdempotencyStore(redis, IdempotencyOptions.DEFAULTS);
            String done = redis.keys().idempotency("acme", "done");
            String running = redis.keys().idempotency("acme", "running");
            redis.sync().hset(done, Map.of("state", "done", "fp", "fp-a", "status", "201", "body", "{\"id\":1}"));
            redis.sync().hset(running, Map.of("state", "running", "fp", "fp-a", "owner", "someone"));

            assertThat(store.claim(TenantId.of("acme"), "done", "fp-a"))
                    .isEqualTo(new Claim.Replay(new StoredResponse(201, "{\"id\":1}")));
            assertThat(store.claim(TenantId.of("acme"), "done", "fp-b")).isEqualTo(new Claim.Mismatch());
            assertThat(store.claim(TenantId.of("acme"), "running", "fp-a")).isEqualTo(new Claim.InProgress());
            assertThat(store.claimAsync(TenantId.of("acme"), "done", "fp-a")).succeedsWithin(Duration.ofSeconds(5))
                    .isEqualTo(new Claim.Replay(new StoredResponse(201, "{\"id\":1}")));
            assertThat(store.claimAsync(TenantId.of("acme"), "done", "fp-b")).succeedsWithin(Duration.ofSeconds(5))
                    .isEqualTo(new Claim.Mismatch());
            assertThat(store.claimAsync(TenantId.of("acme"), "running", "fp-a")).succeedsWithin(Duration.ofSeconds(5))
                    .isEqualTo(new Claim.InProgress());
        }

        /** A lapsed claim taken over by a node of an earlier release: this one neither completes nor frees it. */
        @Test
        void aClaimThatAnEarlierVersionTookOverIsNeitherCompletedNorReleased() {
            LettuceRedis redis = fresh();
            IdempotencyStore store = new LettuceIdempotencyStore(redis, IdempotencyOptions.DEFAULTS);
            Claim.Acquired mine = (Claim.Acquired) store.claim(TenantId.of("acme"), "key", "fp-a");
            String record = redis.keys().idempotency("acme", "key");
            redis.sync().del(record);
            redis.sync().hset(record, Map.of("state", "running", "fp", "fp-a", "owner", "an-older-node"));

            assertThat(store.complete(mine, new StoredResponse(201, "{}"))).isFalse();
            store.release(mine);

            assertThat(redis.sync().hgetall(record)).containsEntry("owner", "an-older-node");
        }

        /** Lone surrogates come back from Redis as the connection's codec wrote them: still the same request. */
        @Test
        void fingerprintsThatAreNotWellFormedUnicodeStillMatchThemselves() {
            IdempotencyStore store = new LettuceIdempotencyStore(fresh(), IdempotencyOptions.DEFAULTS);
            for (String fingerprint : List.of("\uD800é", "\uD800\uD800\uDC00")) {
                String key = "key-" + fingerprint.length();
                Claim.Acquired first = (Claim.Acquired) store.claim(TenantId.of("acme"), key, fingerprint);
                assertThat(store.claim(TenantId.of("acme"), key, fingerprint)).isEqualTo(new Claim.InProgress());
                assertThat(store.complete(first, new StoredResponse(201, "{}"))).isTrue();
                assertThat(store.claim(TenantId.of("acme"), key, fingerprint))
                        .isEqualTo(new Claim.Replay(new StoredResponse(201, "{}")));
            }
        }

        /** Separators, digits and other scripts in a fingerprint, as stored and read back by a real server. */
        @Test
        void fingerprintsWithSeparatorsAndOtherScriptsMatchOnlyThemselves() {
            IdempotencyStore store = new LettuceIdempotencyStore(fresh(), IdempotencyOptions.DEFAULTS);
            Claim.Acquired first = (Claim.Acquired) store.claim(TenantId.of("acme"), "key", "12:ab ঢাকা");
            assertThat(store.complete(first, new StoredResponse(201, "7:{\"a\":\"ب\"}"))).isTrue();

            assertThat(store.claim(TenantId.of("acme"), "key", "12:ab ঢাকা"))
                    .isEqualTo(new Claim.Replay(new StoredResponse(201, "7:{\"a\":\"ب\"}")));
            assertThat(store.claim(TenantId.of("acme"), "key", "12:ab")).isEqualTo(new Claim.Mismatch());
            assertThat(store.claim(TenantId.of("acme"), "key", "12:ab ঢাকা2")).isEqualTo(new Claim.Mismatch());
        }
    }

    @Nested
    class RateLimits extends RateLimiterContractTest {
        @Override
        protected RateLimiter rateLimiter() {
            return new LettuceRateLimiter(fresh());
        }
    }

    @Nested
    class Sessions extends SessionStoreContractTest {
        @Override
        protected SessionStore sessionStore() {
            return new LettuceSessionStore(fresh());
        }
    }

    @Nested
    class HotCaches extends HotCacheContractTest {
        @Override
        protected List<HotCache> cacheNodes(int count) {
            LettuceRedis shared = fresh();
            return IntStream.range(0, count).<HotCache>mapToObj(i -> new LettuceHotCache(shared)).toList();
        }

        /** Local copies of keys nobody reads again are dropped once expired, not kept for the JVM's life. */
        @Test
        void expiredLocalCopiesDoNotPileUp() throws InterruptedException {
            try (LettuceHotCache cache = new LettuceHotCache(fresh(), 16)) {
                for (int i = 0; i < 50; i++) {
                    cache.getOrLoad("short-" + i, Duration.ofMillis(1), () -> "v");
                }
                Thread.sleep(5);
                for (int i = 0; i < 100; i++) {
                    cache.getOrLoad("long-" + i, Duration.ofMinutes(5), () -> "v");
                }
                assertThat(cache.localSize()).as("the long-lived copies, and none of the expired ones").isEqualTo(100);
            }
        }
    }

    @Nested
    class Deduplication extends DeduplicatorContractTest {
        @Override
        protected Deduplicator deduplicator() {
            return new LettuceDeduplicator(fresh());
        }
    }

    @Nested
    class PubSubFanOut extends PubSubContractTest {
        @Override
        protected List<PubSub> pubSubNodes(int count) {
            LettuceRedis shared = fresh();
            return IntStream.range(0, count).<PubSub>mapToObj(i -> new LettucePubSub(shared)).toList();
        }
    }

    @Nested
    class StreamsQueue extends JobQueueContractTest {
        @Override
        protected JobQueue jobQueue(QueueOptions options) {
            return new RedisStreamsJobQueue(fresh(), options);
        }
    }
}
