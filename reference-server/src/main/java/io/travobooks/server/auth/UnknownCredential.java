package io.travobooks.server.auth;

/** A cache loader's way to say "no such credential": a failed load caches nothing. Carries no stack: it is common. */
public final class UnknownCredential extends RuntimeException {
    public UnknownCredential() {
        super(null, null, false, false);
    }
}
