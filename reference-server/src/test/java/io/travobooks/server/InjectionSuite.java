package io.travobooks.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.travobooks.server.contract.OpenApiContract;
import io.travobooks.server.contract.Operation;
import io.travobooks.server.http.Json;
import io.travobooks.server.support.ApiClient;
import io.travobooks.server.support.ApiResponse;
import io.travobooks.server.support.ContractValidator;
import io.travobooks.server.support.OperationSamples;
import io.travobooks.server.support.Tenants;
import io.travobooks.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static io.travobooks.server.support.Bodies.cr;
import static io.travobooks.server.support.Bodies.dr;
import static io.travobooks.server.support.Bodies.entry;
import static io.travobooks.server.support.Bodies.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an attacker types into text fields: SQL, script tags, control and terminal characters. Generated from the
 * contract, every string of every operation's valid body is replaced by each of them in turn: no answer is a 5xx
 * and every JSON answer parses. Free text comes back exactly as it was sent (stored verbatim, escaped by JSON).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InjectionSuite {
    static final List<String> HOSTILE = List.of(
            "Robert'); DROP TABLE users; -- \" OR 1=1 /*",
            "<script>alert(document.cookie)</script><img src=x onerror=alert(1)>",
            "line\r\nX-Injected: yes\u0000\u0007\u001b[2J\u202eevil\\u0000%s%n{{7*7}}${7*7}");
    private final ContractValidator contract = new ContractValidator();
    private TestServer server;
    private ApiClient tenant;
    private OperationSamples.Prepared prepared;

    protected abstract TestServer startServer();

    @BeforeAll
    void start() {
        server = startServer();
        tenant = Tenants.open(new ApiClient(server.baseUrl(), Optional.of(server.operatorKey()), contract, true));
        prepared = OperationSamples.prepare(tenant, server);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> noHostileStringInAnyFieldYieldsA5xx() {
        return OpenApiContract.load().operations().stream()
                .filter(op -> !OperationSamples.PERSON_OPERATIONS.contains(op.operationId()))
                .map(operation -> DynamicTest.dynamicTest(operation.describe(), () -> {
                    OperationSamples.Sample sample = OperationSamples.of(operation, prepared);
                    if (sample.body().isEmpty()) {
                        return;
                    }
                    JsonNode valid = Json.MAPPER.valueToTree(sample.body().get());
                    List<String> failures = new ArrayList<>();
                    for (String hostile : HOSTILE) {
                        for (JsonNode variant : variants(valid, hostile)) {
                            ApiResponse answer = send(operation, sample, variant);
                            if (answer.status() >= 500) {
                                failures.add(variant + " -> " + answer);
                            } else if (answer.header("Content-Type").orElse("").contains("json")
                                    && !answer.body().isEmpty()) {
                                answer.json(); // parses, or throws
                            }
                        }
                    }
                    assertThat(failures).as(operation.describe()).isEmpty();
                }));
    }

    private ApiResponse send(Operation operation, OperationSamples.Sample sample, JsonNode body) {
        Map<String, String> headers = new HashMap<>(sample.headers());
        if (operation.idempotent()) {
            headers.put("Idempotency-Key", "inj-" + UUID.randomUUID());
        }
        ApiClient client = OperationSamples.OPERATOR_OPERATIONS.contains(operation.operationId())
                ? tenant.withKey(server.operatorKey()).unchecked() : tenant.unchecked();
        return client.send(operation.method(), sample.url(operation),
                Optional.of(new String(Json.write(body), StandardCharsets.UTF_8)), headers);
    }

    /** The body with one string (at any depth) replaced by {@code hostile}, for each string in it. */
    static List<JsonNode> variants(JsonNode body, String hostile) {
        List<JsonNode> variants = new ArrayList<>();
        collect(body, body, hostile, variants);
        return variants;
    }

    private static void collect(JsonNode root, JsonNode node, String hostile,
                                List<JsonNode> out) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> {
                JsonNode child = object.get(name);
                if (child.isTextual()) {
                    object.set(name, TextNode.valueOf(hostile));
                    out.add(root.deepCopy());
                    object.set(name, child);
                } else {
                    collect(root, child, hostile, out);
                }
            });
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode child = array.get(i);
                if (child.isTextual()) {
                    array.set(i, TextNode.valueOf(hostile));
                    out.add(root.deepCopy());
                    array.set(i, child);
                } else {
                    collect(root, child, hostile, out);
                }
            }
        }
    }

    @Test
    void freeTextIsStoredAndReturnedExactlyAsSent() {
        for (String hostile : HOSTILE) {
            String id = "inj-" + UUID.randomUUID().toString().substring(0, 8);
            ApiResponse posted = tenant.post("/v1/journal-entries", with(entry(id, OperationSamples.DAY,
                    dr("1100", 100), cr("4300", 100)), "description", hostile));
            assertThat(posted.status()).as(posted.body()).isEqualTo(201);
            assertThat(tenant.get("/v1/journal-entries/" + id).json().get("description").asText()).isEqualTo(hostile);
            ApiResponse user = tenant.post("/v1/users", Map.of("email", id + "@example.com", "name", hostile,
                    "role", "viewer", "password", OperationSamples.PASSWORD));
            assertThat(user.status()).as(user.body()).isEqualTo(201);
            assertThat(tenant.get("/v1/users/" + user.json().get("id").asText()).json().get("name").asText())
                    .isEqualTo(hostile.strip());
            assertThat(user.body()).as("escaped in JSON, not raw").doesNotContain("\u0000").doesNotContain("\u001b");
        }
        assertThat(tenant.get("/v1/users").status()).as("the table is still there").isEqualTo(200);
    }
}
