package io.travobooks.server.runtime;

/**
 * A change of a stored resource that was not made because the resource is no longer as the caller read it (its
 * If-Match did not hold): nothing was written.
 */
public final class ChangedSinceRead extends RuntimeException {
    public ChangedSinceRead() {
        super(null, null, false, false);
    }
}
