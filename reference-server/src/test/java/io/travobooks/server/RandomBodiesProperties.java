package io.travobooks.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.travobooks.server.contract.OpenApiContract;
import io.travobooks.server.contract.Operation;
import io.travobooks.server.http.Json;
import io.travobooks.server.support.ApiClient;
import io.travobooks.server.support.ApiResponse;
import io.travobooks.server.support.ContractValidator;
import io.travobooks.server.support.OperationSamples;
import io.travobooks.server.support.TestServer;
import io.travobooks.server.support.Tenants;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random bodies for every operation never make the server fail: whatever arrives (any JSON, or a valid request with
 * one value replaced by anything) is answered with a success or a problem the client caused, never a 5xx.
 */
class RandomBodiesProperties {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final OpenApiContract CONTRACT = OpenApiContract.load();
    private static final List<Operation> WITH_BODIES = CONTRACT.operations().stream()
            .filter(op -> op.bodySchema().isPresent()).toList();

    private static TestServer server;
    private static ApiClient tenant;
    private static ApiClient operator;
    private static OperationSamples.Prepared prepared;
    private static final ContractValidator VALIDATOR = new ContractValidator();

    @BeforeContainer
    static void start() {
        server = TestServer.h2();
        operator = new ApiClient(server.baseUrl(), Optional.of(server.operatorKey()), VALIDATOR, false);
        tenant = Tenants.open(operator).unchecked();
        prepared = OperationSamples.prepare(tenant, server);
    }

    @AfterContainer
    static void stop() {
        server.close();
        assertThat(VALIDATOR.violations()).as("answers that break the contract").isEmpty();
    }

    @Property(tries = 400)
    void noBodyMakesTheServerFail(@ForAll("requests") Map.Entry<Operation, JsonNode> request) {
        Operation operation = request.getKey();
        ApiClient client = OperationSamples.OPERATOR_OPERATIONS.contains(operation.operationId())
                ? operator.unchecked() : tenant;
        OperationSamples.Sample sample = OperationSamples.of(operation, prepared);
        ApiResponse response = client.send(operation.method(), sample.url(operation),
                Optional.of(new String(Json.write(request.getValue()), StandardCharsets.UTF_8)),
                Map.of("Idempotency-Key", "random-" + System.nanoTime()));
        assertThat(response.status()).as("%s with %s: %s", operation.describe(), request.getValue(), response)
                .isLessThan(500);
    }

    @Provide
    Arbitrary<Map.Entry<Operation, JsonNode>> requests() {
        Arbitrary<Operation> operations = Arbitraries.of(WITH_BODIES);
        return operations.flatMap(operation -> Arbitraries.oneOf(json(3), mutatedSample(operation))
                .map(body -> Map.entry(operation, body)));
    }

    /**
     * The operation's valid sample with one of its values, at any depth, replaced by anything; for an operation
     * whose body is optional and whose sample has none, anything.
     */
    private Arbitrary<JsonNode> mutatedSample(Operation operation) {
        Optional<Object> body = OperationSamples.of(operation, prepared).body();
        if (body.isEmpty()) {
            return json(2);
        }
        JsonNode sample = Json.MAPPER.valueToTree(body.get());
        List<String> pointers = pointers(sample, "");
        return Combinators.combine(Arbitraries.of(pointers), json(2)).as((pointer, value) -> {
            JsonNode copy = sample.deepCopy();
            int slash = pointer.lastIndexOf('/');
            JsonNode parent = copy.at(pointer.substring(0, slash));
            String last = pointer.substring(slash + 1);
            if (parent instanceof ObjectNode object) {
                object.set(last, value);
            } else if (parent instanceof ArrayNode array) {
                array.set(Integer.parseInt(last), value);
            }
            return copy;
        });
    }

    private static List<String> pointers(JsonNode node, String at) {
        List<String> found = new ArrayList<>();
        if (node.isObject()) {
            node.properties().forEach(field -> {
                found.add(at + "/" + field.getKey());
                found.addAll(pointers(field.getValue(), at + "/" + field.getKey()));
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                found.add(at + "/" + i);
                found.addAll(pointers(node.get(i), at + "/" + i));
            }
        }
        return found;
    }

    /** Any JSON value up to {@code depth} levels, with the contract's own property names among the keys. */
    private static Arbitrary<JsonNode> json(int depth) {
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40).map(JSON::textNode),
                Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(30)
                        .map(digits -> JSON.numberNode(new BigInteger(digits).negate())),
                Arbitraries.longs().map(JSON::numberNode),
                Arbitraries.bigDecimals().ofScale(3).map(value -> JSON.numberNode(value.add(BigDecimal.ZERO))),
                Arbitraries.of(JSON.booleanNode(true), JSON.nullNode(), JSON.textNode("2026-02-30"),
                        JSON.textNode("BDT"), JSON.textNode("XYZ"), JSON.textNode("1100"), JSON.numberNode(0)));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<JsonNode> child = json(depth - 1);
        Arbitrary<JsonNode> array = child.list().ofMaxSize(4).map(items -> {
            ArrayNode node = JSON.arrayNode();
            items.forEach(node::add);
            return node;
        });
        Arbitrary<JsonNode> object = Combinators.combine(Arbitraries.of(propertyNames()), child).as(Map::entry)
                .list().ofMaxSize(6).map(fields -> {
                    ObjectNode node = JSON.objectNode();
                    fields.forEach(field -> node.set(field.getKey(), field.getValue()));
                    return node;
                });
        return Arbitraries.frequencyOf(Tuple.of(3, scalar), Tuple.of(2, array), Tuple.of(4, object));
    }

    private static List<String> propertyNames() {
        TreeSet<String> names = new TreeSet<>(List.of("zz_unknown", ""));
        CONTRACT.document().at("/components/schemas").properties()
                .forEach(schema -> schema.getValue().path("properties").fieldNames().forEachRemaining(names::add));
        return List.copyOf(names);
    }
}
