package io.travobooks.embedded;

import io.travobooks.spi.TenantId;
import io.travobooks.spi.session.Session;
import io.travobooks.spi.session.SessionStore;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions inside one JVM, for the single-process setup. Each session's expiry slides on every touch; an index
 * from tenant and user to session ids makes "sign out everywhere" cost the user's sessions, not all sessions.
 * Expired sessions read as absent and are swept away later, index entries with them.
 */
public final class EmbeddedSessionStore implements SessionStore {

    private record UserKey(TenantId tenant, String userId) {
    }

    private record Live(Session session, long expiresAtMillis) {
        boolean isLive(long now) {
            return expiresAtMillis > now;
        }
    }

    private final Clock clock;
    private final ConcurrentHashMap<String, Live> sessions = new ConcurrentHashMap<>();
    /** Changed only inside {@code compute} on the user's key, so each set is touched by one thread at a time. */
    private final ConcurrentHashMap<UserKey, Set<String>> byUser = new ConcurrentHashMap<>();
    private final Sweeper<String, Live> sweeper = new Sweeper<>(sessions);

    public EmbeddedSessionStore() {
        this(Clock.systemUTC());
    }

    public EmbeddedSessionStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Session create(TenantId tenant, String userId, Map<String, String> attributes, Duration idleTimeout) {
        Session session = new Session(SessionStore.newSessionId(), tenant, userId, attributes, idleTimeout);
        long now = clock.millis();
        UserKey user = new UserKey(tenant, userId);
        // Stored before it is indexed: a concurrent revokeAllForUser either sees the id in the index or has taken
        // the index away before the id went in, and then the id starts a new one (never a live, unindexed session).
        sessions.put(session.id(), new Live(session, now + idleTimeout.toMillis()));
        byUser.compute(user, (k, ids) -> {
            Set<String> updated = ids == null ? new HashSet<>() : ids;
            updated.add(session.id());
            return updated;
        });
        sweep(now);
        return session;
    }

    @Override
    public Optional<Session> touch(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        long now = clock.millis();
        Live[] expired = new Live[1];
        Live touched = sessions.computeIfPresent(sessionId, (id, live) -> {
            if (live.isLive(now)) {
                return new Live(live.session(), now + live.session().idleTimeout().toMillis());
            }
            expired[0] = live;
            return null;
        });
        if (expired[0] != null) {
            unindex(expired[0].session());
        }
        sweep(now);
        return Optional.ofNullable(touched).map(Live::session);
    }

    @Override
    public boolean revoke(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        long now = clock.millis();
        Live removed = sessions.remove(sessionId);
        if (removed != null) {
            unindex(removed.session());
        }
        sweep(now);
        return removed != null && removed.isLive(now);
    }

    @Override
    public int revokeAllForUser(TenantId tenant, String userId) {
        long now = clock.millis();
        Set<String> ids = byUser.remove(new UserKey(tenant, userId));
        int revoked = 0;
        if (ids != null) {
            for (String id : ids) {
                Live removed = sessions.remove(id);
                if (removed != null && removed.isLive(now)) {
                    revoked++;
                }
            }
        }
        sweep(now);
        return revoked;
    }

    @Override
    public List<Session> sessionsOf(TenantId tenant, String userId) {
        long now = clock.millis();
        List<Session> live = new ArrayList<>();
        byUser.computeIfPresent(new UserKey(tenant, userId), (k, ids) -> {
            for (String id : ids) {
                Live session = sessions.get(id);
                if (session != null && session.isLive(now)) {
                    live.add(session.session());
                }
            }
            return ids;
        });
        return live;
    }

    private void unindex(Session session) {
        byUser.computeIfPresent(new UserKey(session.tenant(), session.userId()), (k, ids) -> {
            ids.remove(session.id());
            return ids.isEmpty() ? null : ids;
        });
    }

    private void sweep(long now) {
        sweeper.tick((id, live) -> {
            if (live.isLive(now)) {
                return false;
            }
            unindex(live.session());
            return true;
        });
    }
}
