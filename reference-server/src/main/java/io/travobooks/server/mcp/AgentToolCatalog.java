package io.travobooks.server.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.travobooks.server.contract.OpenApiContract;
import io.travobooks.server.contract.Operation;
import io.travobooks.server.http.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tools of {@code mcp/tools.yaml}, each bound to the contract's operation it names: a tool naming an operation
 * the contract lacks stops the start, as a route without an operation does.
 */
final class AgentToolCatalog {
    private static final String RESOURCE = "/mcp/tools.yaml";
    private static final ObjectNode IDEMPOTENCY_KEY_SCHEMA = Json.MAPPER.createObjectNode().put("type", "string")
            .put("minLength", 1).put("maxLength", 128).put("description", "A new random value (a UUID) for this "
                    + "change; send the same value again only to retry it, so that a retry never makes the change "
                    + "twice.");

    private AgentToolCatalog() {
    }

    /** The tools' names. */
    static Set<String> names() {
        Set<String> names = new TreeSet<>();
        read().forEach(tool -> names.add(tool.path("name").asText()));
        return names;
    }

    private static JsonNode read() {
        try (InputStream in = AgentToolCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + " is not valid YAML", e);
        }
    }

    static List<AgentTool> load(OpenApiContract contract) {
        List<AgentTool> loaded = new ArrayList<>();
        for (JsonNode tool : read()) {
            String operationId = tool.path("operation").asText();
            JsonNode hints = tool.path("hints");
            Operation operation = contract.operation(operationId).orElseThrow(() -> new IllegalStateException(
                    "the tool " + tool.path("name").asText() + " names no operation of the contract: "
                            + operationId));
            loaded.add(new AgentTool(tool.path("name").asText(), tool.path("title").asText(),
                    tool.path("description").asText().trim(),
                    new AgentTool.Hints(hints.path("read_only").asBoolean(), hints.path("destructive").asBoolean(),
                            hints.path("idempotent").asBoolean(), hints.path("open_world").asBoolean()),
                    input((ObjectNode) tool.path("input"), operation), operation));
        }
        return List.copyOf(loaded);
    }

    /** The tool's input schema, with the {@code idempotency_key} its operation requires. */
    private static ObjectNode input(ObjectNode schema, Operation operation) {
        if (operation.idempotent()) {
            schema.withObject("properties").set(AgentTool.IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_SCHEMA.deepCopy());
            schema.withArray("required").add(AgentTool.IDEMPOTENCY_KEY);
        }
        return schema;
    }
}
