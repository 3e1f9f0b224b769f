package io.travobooks.spi.lock;

import java.util.Objects;

/**
 * A held lock. {@code owner} is a random token only this holder knows (release and extend check it);
 * {@code fencingToken} grows with every grant of the same key, so a resource that remembers the highest token it
 * has seen can refuse a write from a holder whose lease already passed to someone else.
 */
public record Lease(String key, String owner, long fencingToken) {
    public Lease {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(owner, "owner");
    }
}
