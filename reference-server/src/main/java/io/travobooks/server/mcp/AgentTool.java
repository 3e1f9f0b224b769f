package io.travobooks.server.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.travobooks.server.api.LocalRequest;
import io.travobooks.server.contract.Operation;
import io.travobooks.server.http.Json;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * A tool an AI agent can call, and the contract's operation it runs. Its arguments become that operation's
 * request: those named like a path or query parameter go there, {@code idempotency_key} goes to the
 * Idempotency-Key header, and the others make the body.
 */
record AgentTool(String name, String title, String description, Hints hints, JsonNode inputSchema,
                 Operation operation) {
    static final String IDEMPOTENCY_KEY = "idempotency_key";

    /** What the tool does to the world, as MCP hints tell a host (which may ask a person before a destructive one). */
    record Hints(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {
    }

    /** Where an agent's request came from and what sent it, for the audit log. */
    record Origin(String address, String userAgent) {
        /** A request to an operation with these path parameters and nothing else, made by {@code via}. */
        LocalRequest request(Map<String, String> path, String via) {
            return new LocalRequest(path, Map.of(), Optional.empty(), Map.of("User-Agent", userAgent), address, via);
        }
    }

    /** The request the arguments make, for the agent at {@code origin}. */
    LocalRequest request(Map<String, Object> arguments, Origin origin) {
        Map<String, String> path = new HashMap<>();
        Map<String, String> query = new HashMap<>();
        Map<String, String> headers = new HashMap<>();
        ObjectNode body = Json.MAPPER.valueToTree(arguments == null ? Map.of() : arguments);
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> argument = fields.next();
            String text = argument.getValue().isValueNode() ? argument.getValue().asText()
                    : argument.getValue().toString();
            Optional<Operation.Parameter> parameter = operation.parameters().stream()
                    .filter(p -> p.in() != Operation.Parameter.In.HEADER && p.name().equals(argument.getKey()))
                    .findFirst();
            if (parameter.isPresent()) {
                (parameter.get().in() == Operation.Parameter.In.PATH ? path : query).put(argument.getKey(), text);
                fields.remove();
            } else if (argument.getKey().equals(IDEMPOTENCY_KEY)) {
                headers.put(Operation.IDEMPOTENCY_KEY, text);
                fields.remove();
            }
        }
        headers.put("User-Agent", origin.userAgent());
        return new LocalRequest(path, query, body.isEmpty() ? Optional.empty() : Optional.of(body), headers,
                origin.address(), "mcp:" + name);
    }
}
