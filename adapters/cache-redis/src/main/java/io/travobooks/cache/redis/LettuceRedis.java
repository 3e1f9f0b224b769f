package io.travobooks.cache.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One Lettuce client and its shared, multiplexed connection, for standalone, Sentinel and Cluster alike: every
 * adapter class talks to Redis through the commands interface the three have in common. Blocking reads get a
 * {@link #dedicated} connection of their own, since a blocked command would hold up everything queued behind it.
 *
 * <p>While a standalone or Sentinel-managed Redis is unreachable, commands fail at once instead of queueing:
 * callers that must not lose data (the outbox relay, queue consumers) retry on their own, and nothing piles up
 * in memory. On Cluster they wait up to the command timeout.
 */
public final class LettuceRedis implements AutoCloseable {
    private final RedisConfig config;
    private final AbstractRedisClient client;
    private final StatefulConnection<String, String> connection;
    private final RedisClusterCommands<String, String> sync;
    private final RedisClusterAsyncCommands<String, String> async;
    private final RedisKeys keys;
    private final boolean owner;
    private final ClientResources resources;

    private LettuceRedis(RedisConfig config, LettuceRedis shared) {
        this.config = config;
        this.keys = new RedisKeys(config.namespace());
        this.client = shared.client;
        this.connection = shared.connection;
        this.sync = shared.sync;
        this.async = shared.async;
        this.owner = false;
        this.resources = shared.resources;
    }

    private LettuceRedis(RedisConfig config, ClientResources resources) {
        this.config = config;
        this.keys = new RedisKeys(config.namespace());
        this.owner = true;
        this.resources = resources;
        if (config.mode() == RedisConfig.Mode.CLUSTER) {
            RedisClusterClient cluster = RedisClusterClient.create(resources, config.nodes());
            // Cluster opens node connections lazily, so commands must wait for them: here an outage shows as
            // a command timeout rather than an immediate refusal.
            cluster.setOptions(ClusterClientOptions.builder()
                    .timeoutOptions(TimeoutOptions.enabled(config.commandTimeout()))
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enableAllAdaptiveRefreshTriggers()
                            .enablePeriodicRefresh(Duration.ofSeconds(30))
                            .build())
                    .build());
            this.client = cluster;
            StatefulRedisClusterConnection<String, String> shared = connectOrShutDown(cluster, cluster::connect);
            this.connection = shared;
            this.sync = shared.sync();
            this.async = shared.async();
        } else {
            RedisClient standalone = RedisClient.create(resources);
            standalone.setOptions(ClientOptions.builder()
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(TimeoutOptions.enabled(config.commandTimeout()))
                    .build());
            this.client = standalone;
            StatefulRedisConnection<String, String> shared = connectOrShutDown(standalone,
                    () -> standalone.connect(config.nodes().getFirst()));
            this.connection = shared;
            this.sync = shared.sync();
            this.async = shared.async();
        }
    }

    /** The first connection; a client that cannot make it is shut down, so its event loops do not leak. */
    private static <C> C connectOrShutDown(AbstractRedisClient client, Supplier<C> connect) {
        try {
            return connect.get();
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            throw e;
        }
    }

    public static LettuceRedis connect(RedisConfig config) {
        ClientResources resources = FlushConsolidation.resources();
        try {
            return new LettuceRedis(config, resources);
        } catch (RuntimeException e) {
            shutDown(resources);
            throw e;
        }
    }

    /** Stops the event loops and timers the client ran on, and waits until they have stopped. */
    private static void shutDown(ClientResources resources) {
        resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** The same client and connection with keys under another namespace; closing the view closes nothing. */
    public LettuceRedis inNamespace(String namespace) {
        return new LettuceRedis(config.withNamespace(namespace), this);
    }

    public RedisConfig config() {
        return config;
    }

    public RedisKeys keys() {
        return keys;
    }

    public RedisClusterCommands<String, String> sync() {
        return sync;
    }

    public RedisClusterAsyncCommands<String, String> async() {
        return async;
    }

    /** A connection of its own, for blocking commands; the caller closes it. */
    public Dedicated dedicated() {
        if (client instanceof RedisClusterClient cluster) {
            StatefulRedisClusterConnection<String, String> own = cluster.connect();
            return new Dedicated(own, own.sync());
        }
        StatefulRedisConnection<String, String> own = ((RedisClient) client).connect(config.nodes().getFirst());
        return new Dedicated(own, own.sync());
    }

    /** A pub/sub connection; Lettuce subscribes again by itself after a reconnect. */
    public StatefulRedisPubSubConnection<String, String> connectPubSub() {
        if (client instanceof RedisClusterClient cluster) {
            return cluster.connectPubSub();
        }
        return ((RedisClient) client).connectPubSub(config.nodes().getFirst());
    }

    /** A connection for blocking commands and its commands. */
    public record Dedicated(StatefulConnection<String, String> connection, RedisClusterCommands<String, String> sync)
            implements AutoCloseable {
        @Override
        public void close() {
            connection.close();
        }
    }

    @Override
    public void close() {
        if (!owner) {
            return;
        }
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        shutDown(resources);
    }
}
