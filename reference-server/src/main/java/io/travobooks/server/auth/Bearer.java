package io.travobooks.server.auth;

import java.util.Optional;

/** The credential of an {@code Authorization: Bearer <key>} header: the one way every entry point reads it. */
public final class Bearer {
    private static final String SCHEME = "Bearer ";

    private Bearer() {
    }

    /** The key the header carries; empty when the header uses another scheme. */
    public static Optional<String> token(String authorization) {
        return authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                ? Optional.of(authorization.substring(SCHEME.length()).trim()) : Optional.empty();
    }
}
