package io.travobooks.spi.idempotency;

import io.travobooks.spi.TenantId;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Idempotency keys with the semantics HTTP clients expect (Stripe-style). A key belongs to one tenant. The first
 * {@link #claim} of a key runs the request; while it runs, the same key and fingerprint answer
 * {@link Claim.InProgress}; once {@link #complete}d, they replay the stored response until the record expires. The
 * same key with a different fingerprint is a {@link Claim.Mismatch}, running or completed. A claim whose holder neither completes nor releases it (a
 * crash) lapses after the claim timeout, and the next caller runs the request.
 *
 * <p>This is the fast path: a money-moving request's durable record is the ledger's caller id in the database.
 */
public interface IdempotencyStore {
    /** Why a record was not stored, when its claim had lapsed. */
    String LAPSED = "the claim had lapsed (the request outlasted the claim timeout)";

    Claim claim(TenantId tenant, String key, String fingerprint);

    /**
     * As {@link #claim}, answered by a future, for a caller with work to start the moment the claim is its own. The
     * future may complete on the store's own thread (an I/O event loop), so what is chained to it must not wait. A
     * store that answers at once simply claims.
     */
    default CompletableFuture<Claim> claimAsync(TenantId tenant, String key, String fingerprint) {
        try {
            return CompletableFuture.completedFuture(claim(tenant, key, fingerprint));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Stores the response; false when the claim had lapsed and was taken by another caller. */
    boolean complete(Claim.Acquired claim, StoredResponse response);

    /**
     * As {@link #complete}, without waiting for the store's answer, for a caller that answers its client meanwhile.
     * When this returns, the record is on its way: a later claim of the key through this store finds it (through
     * another node's store, or while a Redis Cluster moves the key's slot, a claim in the next moment may still find
     * the request running and be told to retry).
     * {@code notStored} is told why, on any thread, when the record was not stored: the claim had lapsed, or the
     * store failed. A store that answers at once simply completes.
     */
    default void completeUnawaited(Claim.Acquired claim, StoredResponse response, Consumer<String> notStored) {
        boolean stored;
        try {
            stored = complete(claim, response);
        } catch (RuntimeException e) {
            notStored.accept("the store failed: " + e);
            return;
        }
        if (!stored) {
            notStored.accept(LAPSED);
        }
    }

    /** Gives the key back after a failure the client may retry; the next claim runs the request again. */
    void release(Claim.Acquired claim);
}
