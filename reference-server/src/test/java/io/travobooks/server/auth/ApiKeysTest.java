package io.travobooks.server.auth;

import io.travobooks.server.config.Limits;
import io.travobooks.server.config.ServerConfig;
import io.travobooks.server.runtime.Backends;
import io.travobooks.spi.TenantId;
import io.travobooks.storage.jdbc.StorageConfig;
import io.travobooks.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeysTest {
    private static final TenantId AGENCY = TenantId.of("agency");

    private final Backends backends = Backends.open(new ServerConfig("127.0.0.1", 0, 1 << 20, 60, Path.of("unused"),
            Optional.of(new ServerConfig.Database(StorageConfig.h2Memory("keys_" + UUID.randomUUID()
                    .toString().substring(0, 8)).jdbcUrl(), "sa", "", 4)), Optional.empty(),
            new ServerConfig.Bookings(ZoneId.of("UTC"), OptionalLong.empty()),
            ServerConfig.Messaging.local(Path.of("target", "unused-data")),
            new ServerConfig.Process(ServerConfig.Role.API, Set.of(), Duration.ofSeconds(1)),
            new ServerConfig.Bootstrap("demo", Currency.getInstance("USD"), Optional.empty(),
                    ServerConfig.Bootstrap.DEFAULT_ADMIN_EMAIL, Optional.empty()), Limits.UNLIMITED,
            ServerConfig.Security.DEFAULT, ServerConfig.Web.PLAIN));
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T06:00:00Z"));
    private final ApiKeys keys = new ApiKeys(new ApiKeyStore(backends.database()), clock,
            backends.coordination().hotCache());

    @AfterEach
    void close() {
        backends.close();
    }

    @Test
    void aKeyIsTheTenantsUntilItExpiresOrIsRevoked() {
        ApiKeys.Issued issued = keys.issue(AGENCY, "ci", Set.of(Scope.LEDGER_READ),
                Optional.of(clock.instant().plus(Duration.ofHours(1))));
        Caller caller = keys.authenticate(issued.secret().value()).orElseThrow();
        assertThat(caller.tenant()).isEqualTo(AGENCY);
        assertThat(caller.scopes()).containsExactly(Scope.LEDGER_READ);

        clock.advance(Duration.ofMinutes(59));
        assertThat(keys.authenticate(issued.secret().value())).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(keys.authenticate(issued.secret().value())).as("expired at the hour").isEmpty();

        ApiKeys.Issued other = keys.issue(AGENCY, "other", Set.of(Scope.ADMIN), Optional.empty());
        assertThat(keys.authenticate(other.secret().value())).as("now in the cache").isPresent();
        assertThat(keys.revoke(AGENCY, other.key().id()).orElseThrow().revokedAt()).contains(clock.instant());
        assertThat(keys.authenticate(other.secret().value())).as("dropped from the cache").isEmpty();
        assertThat(keys.revoke(TenantId.of("someone-else"), issued.key().id())).isEmpty();
    }

    @Test
    void aTenantHasOneFirstKey() {
        assertThat(keys.issueFirst(AGENCY, Set.of(Scope.ADMIN), Optional.empty())).isPresent();
        assertThat(keys.issueFirst(AGENCY, Set.of(Scope.ADMIN), Optional.empty())).isEmpty();
        assertThat(keys.issueFirst(TenantId.of("other"), Set.of(Scope.ADMIN), Optional.empty())).isPresent();
        assertThat(keys.issue(AGENCY, "second", Set.of(Scope.ADMIN), Optional.empty())).isNotNull();
    }

    @Test
    void onlyTheHashIsStoredAndTheSecretIsNeverPrinted() {
        ApiKeys.Issued issued = keys.issue(AGENCY, "ci", Set.of(Scope.LEDGER_READ), Optional.empty());
        String secret = issued.secret().value();
        assertThat(issued.secret().toString()).doesNotContain(secret.substring(10));
        assertThat(issued.key().toString()).doesNotContain(secret.substring(10));
        String stored = backends.database().inTransaction(handle -> handle
                .createQuery("SELECT secret_hash || display_prefix || name FROM api_keys").mapTo(String.class).one());
        assertThat(stored).doesNotContain(secret.substring(10)).contains(issued.secret().hash());
    }

    @Test
    void aKeyHasItsFormAndChecksum() {
        String secret = ApiKeySecret.generate().value();
        assertThat(secret).matches("tb_[0-9A-Za-z]{36}");
        assertThat(ApiKeySecret.isWellFormed(secret)).isTrue();
        char last = secret.charAt(secret.length() - 1);
        String typo = secret.substring(0, secret.length() - 1) + (last == 'a' ? 'b' : 'a');
        assertThat(ApiKeySecret.isWellFormed(typo)).as("one character off fails the checksum").isFalse();
        String swapped = secret.substring(0, 5) + secret.charAt(6) + secret.charAt(5) + secret.substring(7);
        assertThat(ApiKeySecret.isWellFormed(swapped) && !swapped.equals(secret)).isFalse();
        assertThat(ApiKeySecret.parse("tb_short")).isEmpty();
        assertThat(keys.authenticate(typo)).isEmpty();
        assertThatThrownBy(() -> new ApiKeySecret("sk_" + secret.substring(3)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Optional<Instant> lastUsed(String id) {
        return keys.store().find(AGENCY, id).orElseThrow().lastUsedAt();
    }

    private void awaitLastUsed(String id, Instant expected) throws InterruptedException {
        for (int i = 0; i < 200 && !lastUsed(id).equals(Optional.of(expected)); i++) {
            Thread.sleep(25); // recorded off the request's path
        }
        assertThat(lastUsed(id)).contains(expected);
    }

    @Test
    void aKeysLastUseIsRecordedToTheMinute() throws InterruptedException {
        ApiKeys.Issued issued = keys.issue(AGENCY, "ci", Set.of(Scope.LEDGER_READ), Optional.empty(),
                Optional.of("user:usr_000000000001"), Optional.empty());
        assertThat(lastUsed(issued.key().id())).isEmpty();
        assertThat(keys.store().find(AGENCY, issued.key().id()).orElseThrow().createdBy())
                .contains("user:usr_000000000001");
        Instant first = clock.instant();
        assertThat(keys.authenticate(issued.secret().value())).isPresent();
        awaitLastUsed(issued.key().id(), first);
        clock.advance(Duration.ofSeconds(20));
        assertThat(keys.authenticate(issued.secret().value())).isPresent();
        Thread.sleep(200);
        assertThat(lastUsed(issued.key().id())).as("not again within the minute").contains(first);
        clock.advance(Duration.ofMinutes(2));
        assertThat(keys.authenticate(issued.secret().value())).isPresent();
        awaitLastUsed(issued.key().id(), clock.instant());
    }
}
