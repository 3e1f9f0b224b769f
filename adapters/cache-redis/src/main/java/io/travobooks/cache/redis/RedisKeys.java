package io.travobooks.cache.redis;

/**
 * Every key and channel name the adapter uses, in one place. Keys that one script or one queue uses together
 * share a hash tag ({@code {...}}) so that they live on one Cluster slot. Parts that callers choose are joined
 * with {@code |}, which tenant ids cannot contain, so that two different pairs never make the same key.
 */
public final class RedisKeys {
    private final String namespace;

    RedisKeys(String namespace) {
        this.namespace = namespace;
    }

    String lock(String key) {
        return namespace + ":lock:{" + key + "}";
    }

    String fence(String key) {
        return namespace + ":lock:{" + key + "}:fence";
    }

    String idempotency(String tenant, String key) {
        return namespace + ":idem:" + tenant + "|" + key;
    }

    String rateLimit(String key) {
        return namespace + ":rate:" + key;
    }

    String session(String id) {
        return namespace + ":session:" + id;
    }

    String userSessions(String tenant, String user) {
        return namespace + ":user-sessions:" + tenant + "|" + user;
    }

    String cache(String key) {
        return namespace + ":cache:{" + key + "}";
    }

    String cacheGeneration(String key) {
        return namespace + ":cache:{" + key + "}:gen";
    }

    String dedup(String key) {
        return namespace + ":dedup:" + key;
    }

    String channel(String channel) {
        return namespace + ":channel:" + channel;
    }

    String stream(String queue) {
        return namespace + ":queue:{" + queue + "}";
    }

    String delayed(String queue) {
        return namespace + ":queue:{" + queue + "}:delayed";
    }

    String deadLetters(String queue) {
        return namespace + ":queue:{" + queue + "}:dead";
    }
}
