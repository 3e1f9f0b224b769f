package io.travobooks.cache.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.idempotency.Claim;
import io.travobooks.spi.idempotency.IdempotencyOptions;
import io.travobooks.spi.idempotency.IdempotencyStore;
import io.travobooks.spi.idempotency.StoredResponse;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Idempotency records as Redis strings ({@link IdempotencyRecord}): a claim is one native {@code SET ... NX GET},
 * complete and release are each one script, so each is one atomic step. Records kept as hashes by earlier releases
 * are still read until they expire.
 */
public final class LettuceIdempotencyStore implements IdempotencyStore {
    private static final LuaScript COMPLETE = LuaScript.load("idem_complete");
    private static final LuaScript RELEASE = LuaScript.load("idem_release");
    /** Where an async claim that met an earlier release's record reads it, off the event loop. */
    private static final Executor EARLIER_RECORDS = task -> Thread.ofVirtual().name("idempotency-earlier-record")
            .start(task);
    private final LettuceRedis redis;
    private final IdempotencyOptions options;

    public LettuceIdempotencyStore(LettuceRedis redis, IdempotencyOptions options) {
        this.redis = redis;
        this.options = options;
    }

    @Override
    public Claim claim(TenantId tenant, String key, String fingerprint) {
        String owner = Claim.Acquired.newOwner();
        String record = redis.keys().idempotency(tenant.value(), key);
        // A record of an earlier release can expire, and another node claim the key, between the two reads below.
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return claimIfFree(tenant, key, fingerprint, owner, record);
            } catch (RedisCommandExecutionException e) {
                requireWrongType(e);
            }
            try {
                Optional<Claim> earlier = earlierReleasesRecord(record, fingerprint);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            } catch (RedisCommandExecutionException e) {
                requireWrongType(e);
            }
        }
        return claimIfFree(tenant, key, fingerprint, owner, record);
    }

    /**
     * The claim's one command, answered on Lettuce's event loop. A record of an earlier release (rare, and gone once
     * records of that release expire) is read by {@link #claim} on a virtual thread, never on the event loop.
     */
    @Override
    public CompletableFuture<Claim> claimAsync(TenantId tenant, String key, String fingerprint) {
        String owner = Claim.Acquired.newOwner();
        String record = redis.keys().idempotency(tenant.value(), key);
        return redis.async().setGet(record, IdempotencyRecord.running(fingerprint, owner), claimArguments())
                .toCompletableFuture()
                .handle((existing, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(claimed(existing, tenant, key, fingerprint, owner));
                    }
                    return isWrongType(failure)
                            ? CompletableFuture.supplyAsync(() -> claim(tenant, key, fingerprint), EARLIER_RECORDS)
                            : CompletableFuture.<Claim>failedFuture(failure);
                })
                .thenCompose(Function.identity());
    }

    /** Records of two releases live side by side: a command for one meets the other as a WRONGTYPE error. */
    private static void requireWrongType(RedisCommandExecutionException e) {
        if (!isWrongType(e)) {
            throw e;
        }
    }

    private static boolean isWrongType(Throwable failure) {
        Throwable cause = failure instanceof CompletionException wrapped && wrapped.getCause() != null
                ? wrapped.getCause() : failure;
        return cause instanceof RedisCommandExecutionException
                && String.valueOf(cause.getMessage()).startsWith("WRONGTYPE");
    }

    /** Sets a running record unless there is one already; answers from the one there otherwise. */
    private Claim claimIfFree(TenantId tenant, String key, String fingerprint, String owner, String record) {
        String existing = redis.sync().setGet(record, IdempotencyRecord.running(fingerprint, owner), claimArguments());
        return claimed(existing, tenant, key, fingerprint, owner);
    }

    /** The claim a {@code SET ... NX GET} made: ours when there was no record, else the answer of the one there. */
    private static Claim claimed(String existing, TenantId tenant, String key, String fingerprint, String owner) {
        return existing == null ? new Claim.Acquired(tenant, key, fingerprint, owner)
                : IdempotencyRecord.answer(existing, fingerprint);
    }

    private SetArgs claimArguments() {
        return SetArgs.Builder.nx().px(options.claimTimeout().toMillis());
    }

    /** A record an earlier release kept as a hash (state, fp, owner; status and body once done); empty once gone. */
    private Optional<Claim> earlierReleasesRecord(String record, String fingerprint) {
        List<KeyValue<String, String>> fields = redis.sync().hmget(record, "state", "fp", "status", "body");
        if (!fields.getFirst().hasValue()) {
            return Optional.empty();
        }
        if (!fingerprint.equals(fields.get(1).getValueOrElse(null))) {
            return Optional.of(new Claim.Mismatch());
        }
        if ("running".equals(fields.getFirst().getValue())) {
            return Optional.of(new Claim.InProgress());
        }
        return Optional.of(new Claim.Replay(new StoredResponse(Integer.parseInt(fields.get(2).getValue()),
                fields.get(3).getValue())));
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
        return new String[]{IdempotencyRecord.running(claim.fingerprint(), claim.owner()),
                IdempotencyRecord.completed(claim.fingerprint(), response),
                Long.toString(options.recordTtl().toMillis())};
    }

    @Override
    public void release(Claim.Acquired claim) {
        RELEASE.run(redis.sync(), ScriptOutputType.INTEGER, keyOf(claim.tenant(), claim.key()),
                IdempotencyRecord.running(claim.fingerprint(), claim.owner()));
    }

    private String[] keyOf(TenantId tenant, String key) {
        return new String[]{redis.keys().idempotency(tenant.value(), key)};
    }
}
