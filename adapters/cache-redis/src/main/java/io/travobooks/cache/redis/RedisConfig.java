package io.travobooks.cache.redis;

import io.lettuce.core.RedisURI;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where Redis is and how to talk to it, read from one URI:
 * <ul>
 *   <li>{@code redis://[user:password@]host:port[/db]}, or {@code rediss://} for TLS: one server;</li>
 *   <li>{@code redis-sentinel://[user:password@]host:26379,host2:26379/?sentinelMasterId=mymaster}: the master
 *       that the Sentinels name, followed across fail-overs;</li>
 *   <li>{@code redis-cluster://[user:password@]host:7000,host2:7001}, or {@code rediss-cluster://} for TLS: a
 *       Cluster, discovered from any of the seed nodes.</li>
 * </ul>
 * The user name and password are Redis ACL credentials. {@code namespace} starts every key and channel, so that
 * several applications (or test runs) share one Redis without seeing each other's data; it must not contain
 * braces, which Cluster reserves for hash tags.
 */
public record RedisConfig(Mode mode, List<RedisURI> nodes, String namespace, Duration commandTimeout) {

    public enum Mode { STANDALONE, SENTINEL, CLUSTER }

    public static final String DEFAULT_NAMESPACE = "travo";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public RedisConfig {
        Objects.requireNonNull(mode, "mode");
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a Redis configuration needs at least one node");
        }
        if (namespace.isEmpty() || namespace.contains("{") || namespace.contains("}")) {
            throw new IllegalArgumentException("a Redis namespace must be non-empty and without braces: " + namespace);
        }
    }

    public static RedisConfig parse(String uri) {
        return parse(uri, DEFAULT_NAMESPACE);
    }

    public static RedisConfig parse(String uri, String namespace) {
        for (String clusterScheme : List.of("redis-cluster://", "rediss-cluster://")) {
            if (uri.startsWith(clusterScheme)) {
                return new RedisConfig(Mode.CLUSTER, clusterSeeds(uri, clusterScheme), namespace, DEFAULT_TIMEOUT);
            }
        }
        RedisURI parsed = RedisURI.create(uri);
        Mode mode = parsed.getSentinels().isEmpty() ? Mode.STANDALONE : Mode.SENTINEL;
        parsed.setTimeout(DEFAULT_TIMEOUT);
        return new RedisConfig(mode, List.of(parsed), namespace, DEFAULT_TIMEOUT);
    }

    public RedisConfig withNamespace(String newNamespace) {
        return new RedisConfig(mode, nodes, newNamespace, commandTimeout);
    }

    /** Each comma-separated host becomes a seed URI that carries the shared credentials and TLS choice. */
    private static List<RedisURI> clusterSeeds(String uri, String scheme) {
        String rest = uri.substring(scheme.length());
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        int at = authority.lastIndexOf('@');
        String userInfo = at < 0 ? "" : authority.substring(0, at + 1);
        String hosts = authority.substring(at + 1);
        String nodeScheme = scheme.startsWith("rediss") ? "rediss://" : "redis://";
        List<RedisURI> seeds = new ArrayList<>();
        for (String host : hosts.split(",")) {
            if (!host.isBlank()) {
                RedisURI seed = RedisURI.create(nodeScheme + userInfo + host.trim());
                seed.setTimeout(DEFAULT_TIMEOUT);
                seeds.add(seed);
            }
        }
        return seeds;
    }
}
