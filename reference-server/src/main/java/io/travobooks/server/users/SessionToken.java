package io.travobooks.server.users;

import io.travobooks.server.auth.ApiKeySecret;
import io.travobooks.server.auth.Sha256;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A person's bearer token: {@code tbs_}, the session's id in the session store, a dot, and a secret of 22 random
 * base-62 characters (131 bits). The store keeps the id and only a hash of the secret, so whoever reads the store
 * (a Redis dump) finds no token that signs anyone in.
 */
record SessionToken(String sessionId, String secret) {
    static final String PREFIX = "tbs_";
    private static final int SECRET_LENGTH = 22;
    private static final Pattern FORM = Pattern.compile("tbs_([A-Za-z0-9_-]{20,64})\\.([0-9A-Za-z]{22})");

    static String newSecret() {
        return ApiKeySecret.randomBase62(SECRET_LENGTH);
    }

    static Optional<SessionToken> parse(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        var matcher = FORM.matcher(token);
        return matcher.matches() ? Optional.of(new SessionToken(matcher.group(1), matcher.group(2)))
                : Optional.empty();
    }

    static String secretHash(String secret) {
        return Sha256.hex(secret);
    }

    String secretHash() {
        return secretHash(secret);
    }

    String value() {
        return PREFIX + sessionId + "." + secret;
    }

    /** Never the secret: tokens must not reach logs through a toString. */
    @Override
    public String toString() {
        return PREFIX + sessionId.substring(0, 6) + "...";
    }
}
