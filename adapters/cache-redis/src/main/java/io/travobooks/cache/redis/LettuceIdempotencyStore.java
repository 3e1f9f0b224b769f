package io.travobooks.cache.redis;

import io.lettuce.core.ScriptOutputType;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.idempotency.Claim;
import io.travobooks.spi.idempotency.IdempotencyOptions;
import io.travobooks.spi.idempotency.IdempotencyStore;
import io.travobooks.spi.idempotency.StoredResponse;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/** Idempotency records as Redis hashes; claim, complete and release are each one script, so one atomic step. */
public final class LettuceIdempotencyStore implements IdempotencyStore {
    private static final LuaScript CLAIM = LuaScript.load("idem_claim");
    private static final LuaScript COMPLETE = LuaScript.load("idem_complete");
    private static final LuaScript RELEASE = LuaScript.load("idem_release");
    private final LettuceRedis redis;
    private final IdempotencyOptions options;

    public LettuceIdempotencyStore(LettuceRedis redis, IdempotencyOptions options) {
        this.redis = redis;
        this.options = options;
    }

    @Override
    public Claim claim(TenantId tenant, String key, String fingerprint) {
        String owner = Claim.Acquired.newOwner();
        List<Object> answer = CLAIM.run(redis.sync(), ScriptOutputType.MULTI, keyOf(tenant, key),
                fingerprint, owner, Long.toString(options.claimTimeout().toMillis()));
        return switch ((String) answer.getFirst()) {
            case "acquired" -> new Claim.Acquired(tenant, key, fingerprint, owner);
            case "in_progress" -> new Claim.InProgress();
            case "mismatch" -> new Claim.Mismatch();
            case "replay" -> new Claim.Replay(new StoredResponse(Integer.parseInt((String) answer.get(1)),
                    (String) answer.get(2)));
            default -> throw new IllegalStateException("unexpected idempotency answer " + answer);
        };
    }

    @Override
    public boolean complete(Claim.Acquired claim, StoredResponse response) {
        Long done = COMPLETE.run(redis.sync(), ScriptOutputType.INTEGER, keyOf(claim.tenant(), claim.key()),
                completeArguments(claim, response));
        return done == 1;
    }

    /**
     * One connection (on a Cluster, one per node, and a key stays on its node) carries every command of this store
     * in order: a claim sent after this finds the record, unless the key's slot moves between the two.
     */
    @Override
    public void completeUnawaited(Claim.Acquired claim, StoredResponse response, Consumer<String> notStored) {
        COMPLETE.<Long>runAsync(redis.async(), ScriptOutputType.INTEGER, keyOf(claim.tenant(), claim.key()),
                completeArguments(claim, response)).whenComplete((done, failure) -> {
                    if (failure != null) {
                        notStored.accept("the store failed: " + (failure instanceof CompletionException wrapped
                                && wrapped.getCause() != null ? wrapped.getCause() : failure));
                    } else if (done != 1) {
                        notStored.accept(LAPSED);
                    }
                });
    }

    private String[] completeArguments(Claim.Acquired claim, StoredResponse response) {
        return new String[]{claim.owner(), Integer.toString(response.status()), response.body(),
                Long.toString(options.recordTtl().toMillis())};
    }

    @Override
    public void release(Claim.Acquired claim) {
        RELEASE.run(redis.sync(), ScriptOutputType.INTEGER, keyOf(claim.tenant(), claim.key()), claim.owner());
    }

    private String[] keyOf(TenantId tenant, String key) {
        return new String[]{redis.keys().idempotency(tenant.value(), key)};
    }
}
