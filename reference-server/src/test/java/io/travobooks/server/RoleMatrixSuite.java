package io.travobooks.server;

import io.travobooks.server.auth.Role;
import io.travobooks.server.auth.Scope;
import io.travobooks.server.contract.OpenApiContract;
import io.travobooks.server.contract.Operation;
import io.travobooks.server.http.Json;
import io.travobooks.server.support.ApiClient;
import io.travobooks.server.support.ApiResponse;
import io.travobooks.server.support.ContractValidator;
import io.travobooks.server.support.OperationSamples;
import io.travobooks.server.support.StateDigest;
import io.travobooks.server.support.Tenants;
import io.travobooks.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The route x role matrix, generated: every operation that needs a scope, called by a signed-in user of every role.
 * The roles without the operation's scope get 403 and write nothing; the first role with it succeeds, the others
 * with it are not refused for their role (the first may have used up what the sample acts on).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RoleMatrixSuite {
    private final ContractValidator contract = new ContractValidator();
    private final Map<Role, ApiClient> people = new HashMap<>();
    private TestServer server;
    private OperationSamples.Prepared prepared;

    protected abstract TestServer startServer();

    @BeforeAll
    void start() {
        server = startServer();
        ApiClient operator = new ApiClient(server.baseUrl(), Optional.of(server.operatorKey()), contract, true);
        ApiClient owner = Tenants.open(operator);
        prepared = OperationSamples.prepare(owner, server);
        for (Role role : Role.builtIn()) {
            people.put(role, Tenants.signedIn(owner, role));
        }
    }

    @AfterAll
    void stop() {
        server.close();
        assertThat(contract.violations()).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyRoleReachesWhatItsScopesAllowAndNothingElse() {
        return OpenApiContract.load().operations().stream().filter(op -> !op.scopes().isEmpty())
                .map(operation -> DynamicTest.dynamicTest(operation.describe(), () -> check(operation)));
    }

    private void check(Operation operation) {
        Scope needed = Scope.of(operation.scopes().getFirst());
        List<Role> allowed = Role.builtIn().stream().filter(role -> role.scopes().contains(needed)).toList();
        for (Role role : Role.builtIn()) {
            if (allowed.contains(role)) {
                continue;
            }
            Map<String, List<String>> before = StateDigest.of(server.server().backends().storage().dataSource());
            ApiResponse refused = send(role, operation);
            assertThat(refused.status()).as("%s as %s: %s", operation.describe(), role.value(), refused)
                    .isEqualTo(403);
            assertThat(refused.code()).isEqualTo("FORBIDDEN");
            assertThat(StateDigest.of(server.server().backends().storage().dataSource())).isEqualTo(before);
        }
        for (Role role : allowed) {
            ApiResponse answered = send(role, operation);
            if (role == allowed.getFirst()) {
                assertThat(answered.status()).as("%s as %s: %s", operation.describe(), role.value(), answered)
                        .isBetween(200, 299);
            } else {
                assertThat(answered.status()).as("%s as %s: %s", operation.describe(), role.value(), answered)
                        .isNotIn(401, 403).isLessThan(500);
            }
        }
    }

    private ApiResponse send(Role role, Operation operation) {
        OperationSamples.Sample sample = OperationSamples.of(operation, prepared);
        Map<String, String> headers = new HashMap<>(sample.headers());
        if (operation.idempotent()) {
            headers.put("Idempotency-Key", "matrix-" + UUID.randomUUID());
        }
        return people.get(role).send(operation.method(), sample.url(operation),
                sample.body().map(body -> new String(Json.write(body), StandardCharsets.UTF_8)), headers);
    }
}
