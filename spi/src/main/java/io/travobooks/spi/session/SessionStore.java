package io.travobooks.spi.session;

import io.travobooks.spi.TenantId;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sessions with sliding expiry, revocable one by one or all of a user's at once (password change, sign-out everywhere). */
public interface SessionStore {

    Session create(TenantId tenant, String userId, Map<String, String> attributes, Duration idleTimeout);

    /** The live session, its idle timeout restarted; empty when unknown, expired or revoked. */
    Optional<Session> touch(String sessionId);

    /** Ends one session; false when it was not live. */
    boolean revoke(String sessionId);

    /** Ends every live session of the user; returns how many. */
    int revokeAllForUser(TenantId tenant, String userId);

    /** The user's live sessions, in no particular order, as they are: reading them restarts no idle timeout. */
    List<Session> sessionsOf(TenantId tenant, String userId);

    /** 256 random bits, URL-safe: unguessable, so the id itself is the bearer secret. */
    static String newSessionId() {
        byte[] bytes = new byte[32];
        Holder.RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    final class Holder {
        private static final SecureRandom RANDOM = new SecureRandom();

        private Holder() {
        }
    }
}
