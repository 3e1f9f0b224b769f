package io.travobooks.cache.redis;

import io.lettuce.core.ExpireArgs;
import io.lettuce.core.ScriptOutputType;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.session.Session;
import io.travobooks.spi.session.SessionStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A session is a hash with an expiry that every touch restarts; a set per user lists the user's session ids so
 * that all of them can be revoked at once. The set may name sessions that already expired: revoking counts only
 * those that still existed. The hash and the set live on different Cluster slots, so they are written one after
 * the other, session first: a revoke-all that runs in between either finds the id in the set or runs before it
 * is added, and then the session is live and indexed afterwards, never live and unindexed. A crash in between
 * leaves a session that revoke-all cannot find, which lives at most one idle timeout unless it is used (its id
 * never reached the client, so it is not).
 */
public final class LettuceSessionStore implements SessionStore {
    private static final LuaScript TOUCH = LuaScript.load("session_touch");
    private static final String TENANT = "m:tenant";
    private static final String USER = "m:user";
    private static final String IDLE = "m:idle";
    private static final String ATTRIBUTE = "a:";
    private final LettuceRedis redis;

    public LettuceSessionStore(LettuceRedis redis) {
        this.redis = redis;
    }

    @Override
    public Session create(TenantId tenant, String userId, Map<String, String> attributes, Duration idleTimeout) {
        Session session = new Session(SessionStore.newSessionId(), tenant, userId, attributes, idleTimeout);
        Map<String, String> fields = new HashMap<>();
        fields.put(TENANT, tenant.value());
        fields.put(USER, userId);
        fields.put(IDLE, Long.toString(idleTimeout.toMillis()));
        attributes.forEach((name, value) -> fields.put(ATTRIBUTE + name, value));
        String key = redis.keys().session(session.id());
        redis.sync().hset(key, fields);
        redis.sync().pexpire(key, idleTimeout.toMillis());
        String userSet = redis.keys().userSessions(tenant.value(), userId);
        redis.sync().sadd(userSet, session.id());
        // The set outlives every session in it by at most the longest idle timeout it has seen.
        redis.sync().pexpire(userSet, Math.max(idleTimeout.toMillis(), redis.sync().pttl(userSet)));
        return session;
    }

    @Override
    public Optional<Session> touch(String sessionId) {
        List<String> flat = TOUCH.run(redis.sync(), ScriptOutputType.MULTI,
                new String[]{redis.keys().session(sessionId)});
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < flat.size(); i += 2) {
            fields.put(flat.get(i), flat.get(i + 1));
        }
        Optional<Session> session = decode(sessionId, fields);
        session.ifPresent(live -> redis.async().pexpire(redis.keys().userSessions(live.tenant().value(),
                live.userId()), live.idleTimeout().toMillis(), ExpireArgs.Builder.gt()));
        return session;
    }

    @Override
    public List<Session> sessionsOf(TenantId tenant, String userId) {
        List<Session> live = new ArrayList<>();
        // One HGETALL per session: Cluster spreads them over slots. An expired id left in the set reads as empty.
        for (String sessionId : redis.sync().smembers(redis.keys().userSessions(tenant.value(), userId))) {
            decode(sessionId, redis.sync().hgetall(redis.keys().session(sessionId))).ifPresent(live::add);
        }
        return live;
    }

    /** A session from its hash's fields; empty when the hash is gone. */
    private static Optional<Session> decode(String sessionId, Map<String, String> fields) {
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> attributes = new HashMap<>();
        fields.forEach((name, value) -> {
            if (name.startsWith(ATTRIBUTE)) {
                attributes.put(name.substring(ATTRIBUTE.length()), value);
            }
        });
        return Optional.of(new Session(sessionId, TenantId.of(fields.get(TENANT)), fields.get(USER), attributes,
                Duration.ofMillis(Long.parseLong(fields.get(IDLE)))));
    }

    @Override
    public boolean revoke(String sessionId) {
        String key = redis.keys().session(sessionId);
        List<String> owner = redis.sync().hmget(key, TENANT, USER).stream()
                .map(value -> value.getValueOrElse(null)).toList();
        boolean existed = redis.sync().del(key) == 1;
        if (owner.get(0) != null && owner.get(1) != null) {
            redis.sync().srem(redis.keys().userSessions(owner.get(0), owner.get(1)), sessionId);
        }
        return existed;
    }

    @Override
    public int revokeAllForUser(TenantId tenant, String userId) {
        String userSet = redis.keys().userSessions(tenant.value(), userId);
        int revoked = 0;
        for (String sessionId : redis.sync().smembers(userSet)) {
            // Cluster spreads the sessions over slots: one DEL each.
            revoked += redis.sync().del(redis.keys().session(sessionId)).intValue();
            redis.sync().srem(userSet, sessionId);
        }
        return revoked;
    }
}
