package io.travobooks.server;

import io.travobooks.server.auth.Role;
import io.travobooks.server.contract.OpenApiContract;
import io.travobooks.server.contract.Operation;
import io.travobooks.server.http.Json;
import io.travobooks.server.support.ApiClient;
import io.travobooks.server.support.ApiResponse;
import io.travobooks.server.support.ContractValidator;
import io.travobooks.server.support.InvalidVariants;
import io.travobooks.server.support.OperationSamples;
import io.travobooks.server.support.StateDigest;
import io.travobooks.server.support.TestServer;
import io.travobooks.server.support.Tenants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated from the contract, for every operation: each invalid variant of a valid request is answered 400 with
 * a problem naming the field, and writes nothing; then the valid request itself succeeds, so the variants were
 * refused for what was changed and nothing else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvalidRequestsTest {
    private final ContractValidator contract = new ContractValidator();
    private final InvalidVariants variants = new InvalidVariants(OpenApiContract.load());
    private TestServer server;
    private ApiClient tenant;
    private OperationSamples.Prepared prepared;

    @BeforeAll
    void start() {
        server = TestServer.h2WithOidc(); // every operation's valid sample succeeds, signing in through it too
        ApiClient operator = new ApiClient(server.baseUrl(), Optional.of(server.operatorKey()), contract, true);
        tenant = Tenants.open(operator);
        prepared = OperationSamples.prepare(tenant, server);
    }

    @AfterAll
    void stop() {
        server.close();
        assertThat(contract.violations()).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyOperationRefusesInvalidRequestsWithoutWriting() {
        return OpenApiContract.load().operations().stream().map(operation -> DynamicTest.dynamicTest(
                operation.describe(), () -> check(operation)));
    }

    private void check(Operation operation) {
        // Opening tenants needs the operator's scope, a person's own operations a session; every other operation
        // runs as the tenant's admin.
        boolean personal = OperationSamples.PERSON_OPERATIONS.contains(operation.operationId());
        ApiClient client = OperationSamples.OPERATOR_OPERATIONS.contains(operation.operationId())
                ? tenant.withKey(server.operatorKey())
                : personal ? Tenants.signedIn(tenant, Role.VIEWER) : tenant;
        OperationSamples.Sample valid = personal ? OperationSamples.personal(operation, prepared, client)
                : OperationSamples.of(operation, prepared);
        List<String> failures = new ArrayList<>();
        Map<String, List<String>> before = StateDigest.of(server.server().backends().storage().dataSource());
        for (InvalidVariants.Variant variant : variants.of(operation, valid)) {
            ApiResponse response = client.unchecked().send(operation.method(), variant.url(), variant.body(),
                    variant.headers());
            if (response.status() != 400 || !response.code().equals("INVALID_REQUEST")) {
                failures.add(variant.description() + ": " + response);
                continue;
            }
            List<String> fields = new ArrayList<>();
            response.json().get("errors").forEach(error -> fields.add(error.get("field").asText()));
            if (!fields.contains(variant.field())) {
                failures.add(variant.description() + ": names " + fields + ", not " + variant.field());
            }
        }
        assertThat(failures).as(operation.describe()).isEmpty();
        Map<String, List<String>> after = StateDigest.of(server.server().backends().storage().dataSource());
        assertThat(after.keySet().stream().filter(table -> !after.get(table).equals(before.get(table))))
                .as("%s: tables written by the invalid variants", operation.describe()).isEmpty();

        Map<String, String> headers = new HashMap<>(valid.headers());
        if (operation.idempotent()) {
            headers.put("Idempotency-Key", "valid-" + operation.operationId());
        }
        ApiResponse accepted = client.send(operation.method(), valid.url(operation),
                valid.body().map(body -> new String(Json.write(body), StandardCharsets.UTF_8)), headers);
        assertThat(accepted.status()).as("the valid sample of %s: %s", operation.describe(), accepted)
                .isBetween(200, 299);
    }
}
