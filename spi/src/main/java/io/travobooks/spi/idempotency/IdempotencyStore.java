package io.travobooks.spi.idempotency;

import io.travobooks.spi.TenantId;

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

    Claim claim(TenantId tenant, String key, String fingerprint);

    /** Stores the response; false when the claim had lapsed and was taken by another caller. */
    boolean complete(Claim.Acquired claim, StoredResponse response);

    /** Gives the key back after a failure the client may retry; the next claim runs the request again. */
    void release(Claim.Acquired claim);
}
