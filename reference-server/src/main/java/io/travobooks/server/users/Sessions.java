package io.travobooks.server.users;

import io.travobooks.server.auth.Caller;
import io.travobooks.server.auth.Credentials;
import io.travobooks.server.auth.DecodedTexts;
import io.travobooks.server.auth.Role;
import io.travobooks.server.auth.Scope;
import io.travobooks.server.auth.Sha256;
import io.travobooks.server.auth.UnknownCredential;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.cache.HotCache;
import io.travobooks.spi.session.Session;
import io.travobooks.spi.session.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * People's sessions: opened by signing in, ended by signing out, by the idle timeout (the session store's sliding
 * expiry), by the absolute timeout, and all at once when the user's password, second factor or standing changes.
 *
 * <p>Every request carries its session, so a request reads it, like an API key, from the hot cache: the session
 * (tenant, user, the credentials version it was opened under, when, and the hash of its secret) and the user's
 * standing (role, credentials version, disabled) are two entries there. A load of the session touches it in the
 * store, which restarts its idle timeout: a session in use is touched about once per {@link #CACHE_TTL}. Signing
 * out drops the session's entry, a change of the user drops the user's entry, on every node.
 */
public final class Sessions implements Credentials {
    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
    public static final Duration CACHE_TTL = Duration.ofSeconds(30);
    /** What every session token starts with. */
    public static final String TOKEN_PREFIX = SessionToken.PREFIX;
    private static final String SESSION_PREFIX = "session:";
    private static final String USER_PREFIX = "user:";
    private static final String SECRET = "secret_sha256";
    private static final String VERSION = "credentials_version";
    private static final String OPENED = "opened_at_ms";

    /** How long a session lives unused, and at most. */
    public record Timeouts(Duration idle, Duration absolute) {
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofMinutes(30), Duration.ofHours(12));

        public Timeouts {
            if (idle.compareTo(CACHE_TTL) < 0 || absolute.compareTo(idle) < 0) {
                throw new IllegalArgumentException("session timeouts need idle >= " + CACHE_TTL
                        + " and absolute >= idle");
            }
        }
    }

    /**
     * What a user's sessions depend on: who they are now, and whether their role must have a second factor they
     * have not set up (then their sessions serve only to set it up: they hold no scope).
     */
    @FunctionalInterface
    public interface Standing {
        Optional<UserStanding> of(TenantId tenant, String userId);
    }

    public record UserStanding(User user, boolean secondFactorMissing) {
    }

    /** A new session's token (shown once) and until when it can live. */
    public record Opened(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "Opened[expiresAt=" + expiresAt + "]";
        }
    }

    private final SessionStore store;
    private final HotCache cache;
    private final Standing standing;
    private final Clock clock;
    private final Timeouts timeouts;
    private final DecodedTexts<CachedSession> sessions = new DecodedTexts<>(CachedSession::decode);
    private final DecodedTexts<CachedUser> users = new DecodedTexts<>(CachedUser::decode);

    public Sessions(SessionStore store, HotCache cache, Standing standing, Clock clock, Timeouts timeouts) {
        this.store = store;
        this.cache = cache;
        this.standing = standing;
        this.clock = clock;
        this.timeouts = timeouts;
    }

    public Opened open(User user) {
        String secret = SessionToken.newSecret();
        Instant now = clock.instant();
        var session = store.create(user.tenant(), user.id(), Map.of(SECRET, SessionToken.secretHash(secret),
                VERSION, Integer.toString(user.credentialsVersion()), OPENED, Long.toString(now.toEpochMilli())),
                timeouts.idle());
        return new Opened(new SessionToken(session.id(), secret).value(), now.plus(timeouts.absolute()));
    }

    @Override
    public Optional<Caller> authenticate(String token) {
        Optional<SessionToken> parsed = SessionToken.parse(token);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Optional<CachedSession> session = session(parsed.get());
        if (session.isEmpty()) {
            return Optional.empty();
        }
        CachedSession live = session.get();
        if (!clock.instant().isBefore(live.openedAt().plus(timeouts.absolute()))) {
            return Optional.empty();
        }
        String user;
        try {
            user = cache.getOrLoad(userKey(live.tenant(), live.userId()), CACHE_TTL,
                    () -> standing.of(live.tenant(), live.userId()).map(CachedUser::of).map(CachedUser::encode)
                            .orElseThrow(UnknownCredential::new));
        } catch (UnknownCredential unknown) {
            return Optional.empty();
        }
        CachedUser now = users.get(user);
        if (now.disabled() || now.credentialsVersion() != live.credentialsVersion()) {
            return Optional.empty();
        }
        return Optional.of(now.secondFactorMissing() ? Caller.userWithoutScopes(live.tenant(), live.userId(),
                now.role()) : Caller.user(live.tenant(), live.userId(), now.role()));
    }

    /** The session a token names, when its secret is the token's. */
    private Optional<CachedSession> session(SessionToken token) {
        String cached;
        try {
            cached = cache.getOrLoad(SESSION_PREFIX + token.sessionId(), CACHE_TTL, () -> store.touch(token.sessionId())
                    .map(s -> new CachedSession(s.tenant(), s.userId(),
                            Integer.parseInt(s.attributes().get(VERSION)),
                            Instant.ofEpochMilli(Long.parseLong(s.attributes().get(OPENED))),
                            s.attributes().get(SECRET)).encode())
                    .orElseThrow(UnknownCredential::new));
        } catch (UnknownCredential unknown) {
            return Optional.empty();
        }
        CachedSession session = sessions.get(cached);
        boolean secretMatches = MessageDigest.isEqual(session.secretHash().getBytes(StandardCharsets.US_ASCII),
                token.secretHash().getBytes(StandardCharsets.US_ASCII));
        return secretMatches ? Optional.of(session) : Optional.empty();
    }

    /** Ends the session the token names; false when it was no live session. */
    public boolean close(String token) {
        Optional<SessionToken> parsed = SessionToken.parse(token);
        if (parsed.isEmpty() || session(parsed.get()).isEmpty()) {
            return false;
        }
        boolean ended = store.revoke(parsed.get().sessionId());
        dropFromCache(SESSION_PREFIX + parsed.get().sessionId());
        return ended;
    }

    /** A live session as its owner sees it: a public id (not the store's, which is half its token), and its times. */
    public record Listed(String id, Instant openedAt, Instant endsBy, boolean current) {
    }

    /** The user's live sessions, newest first; {@code current} is the token of the request asking, if a session. */
    public List<Listed> sessionsOf(User user, Optional<String> current) {
        Optional<String> currentId = current.flatMap(SessionToken::parse).map(SessionToken::sessionId);
        Instant now = clock.instant();
        return live(user).stream()
                .map(session -> {
                    Instant opened = Instant.ofEpochMilli(Long.parseLong(session.attributes().get(OPENED)));
                    return new Listed(publicId(session.id()), opened, opened.plus(timeouts.absolute()),
                            currentId.filter(session.id()::equals).isPresent());
                })
                .filter(listed -> now.isBefore(listed.endsBy()))
                .sorted(Comparator.comparing(Listed::openedAt).reversed().thenComparing(Listed::id))
                .toList();
    }

    /** Ends the user's session with this public id; false when they have no such live session. */
    public boolean end(User user, String publicId) {
        for (Session session : live(user)) {
            if (publicId(session.id()).equals(publicId)) {
                boolean ended = store.revoke(session.id());
                dropFromCache(SESSION_PREFIX + session.id());
                return ended;
            }
        }
        return false;
    }

    /** The user's sessions opened under their current credentials: the others no longer sign anyone in. */
    private List<Session> live(User user) {
        String version = Integer.toString(user.credentialsVersion());
        return store.sessionsOf(user.tenant(), user.id()).stream()
                .filter(session -> version.equals(session.attributes().get(VERSION))).toList();
    }

    private static String publicId(String sessionId) {
        return "ses_" + Sha256.hex(sessionId).substring(0, 24);
    }

    /**
     * The user changed (role, standing, credentials): every node reads them afresh. When their credentials changed,
     * their sessions are also removed from the store (the version check ends them at once anyway).
     */
    public void userChanged(User user, boolean credentialsChanged) {
        if (credentialsChanged) {
            store.revokeAllForUser(user.tenant(), user.id());
        }
        dropFromCache(userKey(user.tenant(), user.id()));
    }

    private void dropFromCache(String key) {
        try {
            cache.invalidate(key);
        } catch (RuntimeException e) {
            // The change is stored; cached copies age out within the cache's TTL.
            LOG.warn("could not drop {} from the cache", key.substring(0, key.indexOf(':')), e);
        }
    }

    private static String userKey(TenantId tenant, String userId) {
        return USER_PREFIX + tenant.value() + ":" + userId;
    }

    /** A session in the cache: every part free of '|'. */
    private record CachedSession(TenantId tenant, String userId, int credentialsVersion, Instant openedAt,
                                 String secretHash) {
        String encode() {
            return tenant.value() + "|" + userId + "|" + credentialsVersion + "|" + openedAt.toEpochMilli() + "|"
                    + secretHash;
        }

        static CachedSession decode(String text) {
            String[] parts = text.split("\\|", -1);
            return new CachedSession(TenantId.of(parts[0]), parts[1], Integer.parseInt(parts[2]),
                    Instant.ofEpochMilli(Long.parseLong(parts[3])), parts[4]);
        }
    }

    /** A user's standing in the cache. */
    private record CachedUser(Role role, int credentialsVersion, boolean disabled, boolean secondFactorMissing) {
        static CachedUser of(UserStanding standing) {
            User user = standing.user();
            return new CachedUser(user.role(), user.credentialsVersion(), user.disabled(),
                    standing.secondFactorMissing());
        }

        /** The role with its scopes: a role of the tenant's own is known by its name to that tenant only. */
        String encode() {
            return role.value() + "|" + credentialsVersion + "|" + disabled + "|" + secondFactorMissing + "|"
                    + Scope.text(role.scopes());
        }

        static CachedUser decode(String text) {
            String[] parts = text.split("\\|", -1);
            return new CachedUser(Role.named(parts[0], parts.length > 4 ? Scope.parseAll(parts[4]) : Set.of()),
                    Integer.parseInt(parts[1]), Boolean.parseBoolean(parts[2]), Boolean.parseBoolean(parts[3]));
        }
    }
}
