package io.travobooks.server;

import io.travobooks.server.auth.ApiKeySecret;
import io.travobooks.server.config.ServerConfig;
import io.travobooks.server.support.ApiClient;
import io.travobooks.server.support.ApiResponse;
import io.travobooks.server.support.ContractValidator;
import io.travobooks.server.support.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** An address that keeps sending keys that are not keys of this server is answered 429; valid keys are never. */
class FailedAuthenticationsTest {
    @Test
    void anAddressPastItsBudgetOfBadKeysIsToldToWaitAndGoodKeysStillWork() {
        ContractValidator contract = new ContractValidator();
        try (TestServer server = TestServer.h2(new ServerConfig.Process(ServerConfig.Role.ALL, Set.of(),
                Duration.ofSeconds(1)), 3)) {
            ApiClient guesser = new ApiClient(server.baseUrl(), Optional.empty(), contract, true);
            for (int i = 0; i < 3; i++) {
                assertThat(guesser.withKey(ApiKeySecret.generate().value()).get("/v1/whoami").status())
                        .isEqualTo(401);
            }
            ApiResponse throttled = guesser.withKey(ApiKeySecret.generate().value()).get("/v1/whoami");
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(throttled.code()).isEqualTo("TOO_MANY_FAILED_AUTHENTICATIONS");
            assertThat(Long.parseLong(throttled.header("Retry-After").orElseThrow())).isBetween(1L, 60L);
            for (int i = 0; i < 5; i++) {
                assertThat(guesser.withKey(server.operatorKey()).get("/v1/whoami").status())
                        .as("a valid key is never counted nor refused").isEqualTo(200);
            }
            assertThat(guesser.withoutKey().get("/v1/whoami").status()).as("no key is no guess").isEqualTo(401);
        }
        assertThat(contract.violations()).isEmpty();
    }
}
