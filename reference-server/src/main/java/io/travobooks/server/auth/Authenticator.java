package io.travobooks.server.auth;

import java.util.Map;
import java.util.Optional;

/** Hands a bearer token to the credentials its prefix names (API keys, sessions); other tokens stand for no one. */
public final class Authenticator implements Credentials {
    private final Map<String, Credentials> byPrefix;

    public Authenticator(Map<String, Credentials> byPrefix) {
        this.byPrefix = Map.copyOf(byPrefix);
    }

    @Override
    public Optional<Caller> authenticate(String token) {
        int end = token.indexOf('_');
        Credentials credentials = end < 0 ? null : byPrefix.get(token.substring(0, end + 1));
        return credentials == null ? Optional.empty() : credentials.authenticate(token);
    }
}
