package io.travobooks.embedded;

import io.travobooks.spi.TenantId;
import io.travobooks.spi.idempotency.Claim;
import io.travobooks.spi.idempotency.IdempotencyOptions;
import io.travobooks.spi.idempotency.IdempotencyStore;
import io.travobooks.spi.idempotency.StoredResponse;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Idempotency keys inside one JVM (the fast path in front of the ledger's durable caller ids, for the
 * single-process setup). A key's record is either a running claim or a stored response; each claim, completion
 * and release is one atomic {@link ConcurrentHashMap#compute} on the tenant's key. Claims lapse after the claim
 * timeout and responses after the record TTL; expired records read as absent and are swept away later.
 */
public final class EmbeddedIdempotencyStore implements IdempotencyStore {

    private record Key(TenantId tenant, String key) {
    }

    private sealed interface Entry {
        String fingerprint();

        long expiresAtMillis();
    }

    private record Running(String fingerprint, String owner, long expiresAtMillis) implements Entry {
    }

    private record Done(String fingerprint, StoredResponse response, long expiresAtMillis) implements Entry {
    }

    private final IdempotencyOptions options;
    private final Clock clock;
    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final Sweeper<Key, Entry> sweeper = new Sweeper<>(entries);

    public EmbeddedIdempotencyStore(IdempotencyOptions options) {
        this(options, Clock.systemUTC());
    }

    public EmbeddedIdempotencyStore(IdempotencyOptions options, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Claim claim(TenantId tenant, String key, String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Key k = new Key(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(key, "key"));
        long now = clock.millis();
        Claim[] answer = new Claim[1];
        entries.compute(k, (unused, current) -> {
            if (current == null || current.expiresAtMillis() <= now) {
                String owner = Claim.Acquired.newOwner();
                answer[0] = new Claim.Acquired(tenant, key, fingerprint, owner);
                return new Running(fingerprint, owner, now + options.claimTimeout().toMillis());
            }
            if (!current.fingerprint().equals(fingerprint)) {
                answer[0] = new Claim.Mismatch();
            } else if (current instanceof Done done) {
                answer[0] = new Claim.Replay(done.response());
            } else {
                answer[0] = new Claim.InProgress();
            }
            return current;
        });
        sweep(now);
        return answer[0];
    }

    @Override
    public boolean complete(Claim.Acquired claim, StoredResponse response) {
        Objects.requireNonNull(response, "response");
        long now = clock.millis();
        boolean[] stored = new boolean[1];
        entries.computeIfPresent(new Key(claim.tenant(), claim.key()), (unused, current) -> {
            if (isLiveClaimOf(current, claim, now)) {
                stored[0] = true;
                return new Done(claim.fingerprint(), response, now + options.recordTtl().toMillis());
            }
            return current.expiresAtMillis() <= now ? null : current;
        });
        sweep(now);
        return stored[0];
    }

    @Override
    public void release(Claim.Acquired claim) {
        long now = clock.millis();
        entries.computeIfPresent(new Key(claim.tenant(), claim.key()), (unused, current) ->
                isLiveClaimOf(current, claim, now) || current.expiresAtMillis() <= now ? null : current);
        sweep(now);
    }

    private static boolean isLiveClaimOf(Entry entry, Claim.Acquired claim, long now) {
        return entry instanceof Running running && running.owner().equals(claim.owner())
                && running.expiresAtMillis() > now;
    }

    private void sweep(long now) {
        sweeper.tick((key, entry) -> entry.expiresAtMillis() <= now);
    }
}
