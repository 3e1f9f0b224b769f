package io.travobooks.server;

import io.travobooks.server.config.Limits;
import io.travobooks.server.support.ApiClient;
import io.travobooks.server.support.ApiResponse;
import io.travobooks.server.support.ContractValidator;
import io.travobooks.server.support.StateDigest;
import io.travobooks.server.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The API's rate limits over HTTP: per credential, per tenant by plan, with their headers. */
class RateLimitsTest {
    private final ContractValidator contract = new ContractValidator();

    @AfterEach
    void contractKept() {
        assertThat(contract.violations()).isEmpty();
    }

    private ApiClient operator(TestServer server) {
        return new ApiClient(server.baseUrl(), Optional.of(server.operatorKey()), contract, true);
    }

    @Test
    void aCredentialPastItsLimitIsToldToWaitWithNothingWrittenAndAnotherCredentialIsNot() {
        try (TestServer server = TestServer.h2(new Limits(Map.of(Limits.DEFAULT_PLAN, 1000), Map.of(), 4, 1000))) {
            ApiClient first = operator(server);
            String second = first.post("/v1/api-keys", Map.of("name", "second", "scopes", List.of("ledger:read",
                    "ledger:write"))).json().get("key").asText();
            List<String> remaining = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ApiResponse answered = first.get("/v1/whoami");
                assertThat(answered.status()).isEqualTo(200);
                assertThat(answered.header("RateLimit-Limit")).contains("4");
                remaining.add(answered.header("RateLimit-Remaining").orElseThrow());
            }
            assertThat(remaining).containsExactly("2", "1", "0");
            var before = StateDigest.of(server.server().backends().storage().dataSource());
            ApiResponse refused = first.post("/v1/accounts", Map.of("code", "1291", "name", "Float", "type",
                    "ASSET", "parent", "1"));
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.code()).isEqualTo("RATE_LIMITED");
            assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(1L, 60L);
            assertThat(refused.header("RateLimit-Remaining")).contains("0");
            assertThat(StateDigest.of(server.server().backends().storage().dataSource())).isEqualTo(before);
            assertThat(first.withKey(second).get("/v1/whoami").status()).isEqualTo(200);
        }
    }

    @Test
    void aTenantOnASmallPlanIsLimitedByItsPlan() {
        try (TestServer server = TestServer.h2(new Limits(Map.of(Limits.DEFAULT_PLAN, 1000, "small", 3),
                Map.of(TestServer.TENANT, "small"), 1000, 1000))) {
            ApiClient operator = operator(server);
            for (int i = 0; i < 3; i++) {
                assertThat(operator.get("/v1/whoami").header("RateLimit-Limit")).contains("3");
            }
            assertThat(operator.get("/v1/whoami").status()).isEqualTo(429);
            assertThat(operator.withoutKey().get("/health/live").status()).as("health is not limited")
                    .isEqualTo(200);
        }
    }
}
