package io.travobooks.cache.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.idempotency.Claim;
import io.travobooks.spi.idempotency.IdempotencyOptions;
import io.travobooks.spi.idempotency.IdempotencyStore;
import io.travobooks.spi.idempotency.StoredResponse;
import io.travobooks.testkit.RedisServers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ACL credentials from the URI, on servers of the test's own whose default user is switched off. */
class RedisAclIT {

    @Test
    void theUriCredentialsSignInAndWrongOnesAreRefused() {
        try (RedisServers.Server server = RedisServers.startServer(List.of(
                "--user", "default", "off",
                "--user", "travo", "on", ">s3cret pass", "~travo:*", "&travo:*", "+@all"))) {
            String withCredentials = "redis://travo:s3cret%20pass@127.0.0.1:" + server.port();
            try (LettuceRedis redis = LettuceRedis.connect(RedisConfig.parse(withCredentials))) {
                LettuceLockManager locks = new LettuceLockManager(redis);
                assertThat(locks.tryAcquire("booking-1", Duration.ofSeconds(5))).isPresent();
                assertThat(locks.tryAcquire("booking-1", Duration.ofSeconds(5))).isEmpty();
            }

            assertThatThrownBy(() -> LettuceRedis.connect(RedisConfig.parse(
                    "redis://travo:wrong@127.0.0.1:" + server.port())).close())
                    .isInstanceOf(RedisConnectionException.class);
            assertThatThrownBy(() -> LettuceRedis.connect(RedisConfig.parse(
                    "redis://127.0.0.1:" + server.port())).close())
                    .as("no credentials: the default user is off").isInstanceOf(RedisConnectionException.class);
        }
    }

    /**
     * A refusal other than a record of another type (here the ACL's, for a user who may not GET) reaches the caller
     * as the failure it is, never as a lapsed claim, and leaves the record as it was.
     */
    @Test
    void aRefusalOfTheStoreIsReportedAsAFailureAndNotAsALapsedClaim() {
        try (RedisServers.Server server = RedisServers.startServer(List.of(
                "--user", "default", "off",
                "--user", "travo", "on", ">s3cret", "~travo:*", "&travo:*", "+@all", "-get"));
             LettuceRedis redis = LettuceRedis.connect(RedisConfig.parse(
                     "redis://travo:s3cret@127.0.0.1:" + server.port()))) {
            IdempotencyStore store = new LettuceIdempotencyStore(redis, IdempotencyOptions.DEFAULTS);
            Claim.Acquired claim = (Claim.Acquired) store.claim(TenantId.of("acme"), "key", "fp");
            String record = redis.keys().idempotency("acme", "key");
            String running = redis.sync().getrange(record, 0, -1); // GETRANGE: this user may not GET
            assertThat(running).startsWith("r");
            CompletableFuture<String> notStored = new CompletableFuture<>();

            store.completeUnawaited(claim, new StoredResponse(201, "{}"), notStored::complete);

            assertThat(notStored).succeedsWithin(Duration.ofSeconds(5)).asString().startsWith("the store failed");
            assertThatThrownBy(() -> store.complete(claim, new StoredResponse(201, "{}")))
                    .isInstanceOf(RedisCommandExecutionException.class);
            assertThatThrownBy(() -> store.release(claim)).isInstanceOf(RedisCommandExecutionException.class);
            assertThat(redis.sync().getrange(record, 0, -1)).isEqualTo(running);
        }
    }
}
