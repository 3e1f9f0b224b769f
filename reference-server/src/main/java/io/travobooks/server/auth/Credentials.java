package io.travobooks.server.auth;

import java.util.Optional;

/** Turns a bearer token into the caller it stands for; empty for a token that stands for no one (any more). */
@FunctionalInterface
public interface Credentials {
    Optional<Caller> authenticate(String token);
}
