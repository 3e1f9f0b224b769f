package io.travobooks.server.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The API contract, {@code api/openapi.yaml}, read once from the class path: the document the server serves, and
 * the operations it routes and checks requests against. The server has no route the contract does not name.
 */
public final class OpenApiContract {
    public static final String RESOURCE = "/api/openapi.yaml";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private final byte[] yaml;
    private final JsonNode document;
    private final List<Operation> operations;

    private OpenApiContract(byte[] yaml) {
        this.yaml = yaml;
        try {
            this.document = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("the API contract is not valid YAML", e);
        }
        this.operations = List.copyOf(readOperations(document));
    }

    public static OpenApiContract load() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the API contract " + RESOURCE + " is not on the class path");
            }
            return new OpenApiContract(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Operation> operations() {
        return operations;
    }

    public Optional<Operation> operation(String operationId) {
        return operations.stream().filter(op -> op.operationId().equals(operationId)).findFirst();
    }

    /** The contract as written. */
    public byte[] yaml() {
        return yaml.clone();
    }

    /** The contract as a JSON tree (for JSON output and schema checks). */
    public JsonNode document() {
        return document.deepCopy();
    }

    /** The node a JSON pointer names, with {@code $ref}s followed. */
    public JsonNode resolve(String pointer) {
        JsonNode node = document.at(pointer);
        while (node.has("$ref")) {
            node = document.at(node.get("$ref").asText().substring(1));
        }
        return node;
    }

    private List<Operation> readOperations(JsonNode root) {
        List<Operation> found = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : root.path("paths").properties()) {
            String pathPointer = "/paths/" + escape(path.getKey());
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                if (METHODS.contains(method.getKey())) {
                    found.add(readOperation(path.getKey(), pathPointer, method.getKey(), method.getValue()));
                }
            }
        }
        return found;
    }

    private Operation readOperation(String path, String pathPointer, String method, JsonNode node) {
        String operationPointer = pathPointer + "/" + method;
        JsonNode security = node.has("security") ? node.get("security") : document.path("security");
        List<String> scopes = new ArrayList<>();
        security.forEach(requirement -> requirement.properties()
                .forEach(scheme -> scheme.getValue().forEach(scope -> scopes.add(scope.asText()))));
        List<Operation.Parameter> parameters = new ArrayList<>();
        addParameters(parameters, pathPointer + "/parameters");
        addParameters(parameters, operationPointer + "/parameters");
        String bodyPointer = operationPointer + "/requestBody/content/application~1json/schema";
        Optional<String> body = document.at(bodyPointer).isMissingNode() ? Optional.empty() : Optional.of(bodyPointer);
        return new Operation(method.toUpperCase(Locale.ROOT), path, node.path("operationId").asText(),
                !security.isEmpty(), scopes, parameters, body,
                node.path("requestBody").path("required").asBoolean(false));
    }

    private void addParameters(List<Operation.Parameter> into, String listPointer) {
        JsonNode list = document.at(listPointer);
        for (int i = 0; i < list.size(); i++) {
            String pointer = listPointer + "/" + i;
            JsonNode parameter = list.get(i);
            if (parameter.has("$ref")) {
                pointer = parameter.get("$ref").asText().substring(1);
                parameter = document.at(pointer);
            }
            String schemaPointer = pointer + "/schema";
            into.add(new Operation.Parameter(parameter.path("name").asText(),
                    Operation.Parameter.In.valueOf(parameter.path("in").asText().toUpperCase(Locale.ROOT)),
                    parameter.path("required").asBoolean(false), schemaPointer,
                    resolve(schemaPointer).path("type").asText("string")));
        }
    }

    private static String escape(String pointerToken) {
        return pointerToken.replace("~", "~0").replace("/", "~1");
    }
}
