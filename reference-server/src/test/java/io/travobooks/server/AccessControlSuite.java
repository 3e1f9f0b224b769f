package io.travobooks.server;

import io.travobooks.server.auth.ApiKeySecret;
import io.travobooks.server.auth.Role;
import io.travobooks.server.auth.Scope;
import io.travobooks.server.contract.OpenApiContract;
import io.travobooks.server.contract.Operation;
import io.travobooks.server.support.ApiClient;
import io.travobooks.server.support.ApiResponse;
import io.travobooks.server.support.ContractValidator;
import io.travobooks.server.support.OperationSamples;
import io.travobooks.server.support.StateDigest;
import io.travobooks.server.support.TestServer;
import io.travobooks.server.support.Tenants;
import io.travobooks.server.http.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated from the contract, for every operation: no credential or a bad one (malformed, unknown, revoked,
 * signed out, tampered with) is 401 with a challenge; a key without the operation's scope is 403; another tenant's
 * ids are 404. None of these writes anything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AccessControlSuite {
    private final ContractValidator contract = new ContractValidator();
    private TestServer server;
    private ApiClient owner;
    private ApiClient stranger;
    private OperationSamples.Prepared prepared;
    private final Map<Scope, String> keysWithout = new EnumMap<>(Scope.class);

    /** Credentials that stand for no one: malformed, unknown, revoked, signed out, tampered with. */
    private final List<String> dead = new ArrayList<>();

    protected abstract TestServer startServer();

    @BeforeAll
    void start() {
        server = startServer();
        ApiClient operator = new ApiClient(server.baseUrl(), Optional.of(server.operatorKey()), contract, true);
        owner = Tenants.open(operator).unchecked();
        prepared = OperationSamples.prepare(owner, server);
        stranger = Tenants.open(operator).unchecked();
        dead.addAll(List.of("tb_nonsense", ApiKeySecret.generate().value(), "tbs_nonsense"));
        ApiResponse revoked = owner.post("/v1/api-keys", Map.of("name", "revoked", "scopes", List.of("ledger:read")));
        owner.delete("/v1/api-keys/" + revoked.json().get("id").asText());
        dead.add(revoked.json().get("key").asText());
        ApiClient signedOut = Tenants.signedIn(owner, Role.OWNER);
        signedOut.delete("/v1/sessions/current");
        dead.add(signedOut.key());
        String live = Tenants.signedIn(owner, Role.OWNER).key();
        dead.add(live.substring(0, live.length() - 1) + (live.endsWith("a") ? "b" : "a"));
    }

    @AfterAll
    void stop() {
        server.close();
        assertThat(contract.violations()).isEmpty();
    }

    private Stream<Operation> operations(Predicate<Operation> which) {
        return OpenApiContract.load().operations().stream().filter(which);
    }

    private ApiResponse send(ApiClient client, Operation operation, OperationSamples.Sample sample) {
        Map<String, String> headers = new HashMap<>(sample.headers());
        if (operation.idempotent()) {
            headers.put("Idempotency-Key", "access-" + operation.operationId());
        }
        return client.send(operation.method(), sample.url(operation),
                sample.body().map(body -> new String(Json.write(body), StandardCharsets.UTF_8)), headers);
    }

    private void assertNothingWritten(Runnable requests) {
        Map<String, List<String>> before = StateDigest.of(server.server().backends().storage().dataSource());
        requests.run();
        assertThat(StateDigest.of(server.server().backends().storage().dataSource())).isEqualTo(before);
    }

    @TestFactory
    Stream<DynamicTest> withoutAValidKeyEveryOperationIsUnauthorized() {
        return operations(Operation::authenticated).map(operation -> DynamicTest.dynamicTest(operation.describe(),
                () -> assertNothingWritten(() -> {
                    OperationSamples.Sample sample = OperationSamples.of(operation, prepared);
                    List<Optional<String>> keys = new ArrayList<>(List.of(Optional.empty()));
                    dead.forEach(key -> keys.add(Optional.of(key)));
                    for (Optional<String> key : keys) {
                        ApiClient client = key.map(owner::withKey).orElseGet(owner::withoutKey);
                        ApiResponse response = send(client, operation, sample);
                        assertThat(response.status()).as("%s with key %s: %s", operation.describe(), key, response)
                                .isEqualTo(401);
                        assertThat(response.code()).isEqualTo("UNAUTHENTICATED");
                        assertThat(response.header("WWW-Authenticate")).isPresent();
                    }
                })));
    }

    @TestFactory
    Stream<DynamicTest> aKeyWithoutTheScopeIsForbidden() {
        return operations(op -> !op.scopes().isEmpty()).map(operation -> DynamicTest.dynamicTest(
                operation.describe(), () -> {
                    Scope needed = Scope.of(operation.scopes().getFirst());
                    String key = keysWithout.computeIfAbsent(needed, scope -> Tenants.keyWithout(owner, scope));
                    assertNothingWritten(() -> {
                        ApiResponse response = send(owner.withKey(key), operation,
                                OperationSamples.of(operation, prepared));
                        assertThat(response.status()).as("%s: %s", operation.describe(), response).isEqualTo(403);
                        assertThat(response.code()).isEqualTo("FORBIDDEN");
                    });
                }));
    }

    @TestFactory
    Stream<DynamicTest> anotherTenantsIdsAreNotFound() {
        return operations(op -> op.authenticated()
                && op.parameters().stream().anyMatch(p -> p.in() == Operation.Parameter.In.PATH)
                && !OperationSamples.SHARED_RESOURCES.contains(op.operationId()))
                .map(operation -> DynamicTest.dynamicTest(operation.describe(), () -> {
                    if (OperationSamples.PERSON_OPERATIONS.contains(operation.operationId())) {
                        anotherPersonsIdsAreNotFound(operation);
                        return;
                    }
                    OperationSamples.Sample sample = OperationSamples.of(operation, prepared);
                    if (OperationSamples.UPSERTS.contains(operation.operationId())) {
                        // Creating the same id is allowed: it is the stranger's own. The owner's stays as it was.
                        String read = sample.url(operation);
                        String before = owner.get(read).body();
                        assertThat(send(stranger, operation, sample).status()).isBetween(200, 201);
                        assertThat(owner.get(read).body()).isEqualTo(before);
                        assertThat(stranger.get(read).body()).isNotEqualTo(before);
                        return;
                    }
                    assertNothingWritten(() -> {
                        ApiResponse response = send(stranger, operation, sample);
                        assertThat(response.status()).as("%s: %s", operation.describe(), response).isEqualTo(404);
                    });
                    // The ids exist: the owner reaches them (this may change the owner's data; it comes last).
                    assertThat(send(owner, operation, sample).status()).as("the owner reaches it").isNotEqualTo(404);
                }));
    }

    /** A person's own session or token is not found by a colleague, nor by a person of another tenant. */
    private void anotherPersonsIdsAreNotFound(Operation operation) {
        ApiClient person = Tenants.signedIn(owner, Role.VIEWER);
        OperationSamples.Sample sample = OperationSamples.personal(operation, prepared, person);
        List<ApiClient> others = List.of(Tenants.signedIn(owner, Role.ADMIN_ROLE),
                Tenants.signedIn(stranger, Role.ADMIN_ROLE));
        for (ApiClient other : others) {
            assertNothingWritten(() -> assertThat(send(other, operation, sample).status())
                    .as("%s: %s", operation.describe(), sample).isEqualTo(404));
        }
        assertThat(send(person, operation, sample).status()).as("the person reaches it").isNotEqualTo(404);
    }
}
