package io.travobooks.cache.redis;

import io.lettuce.core.RedisConnectionException;
import io.travobooks.testkit.RedisServers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ACL credentials from the URI, on a server of the test's own whose default user is switched off. */
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
}
