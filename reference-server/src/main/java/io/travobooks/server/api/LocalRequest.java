package io.travobooks.server.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to one of the contract's operations made in the process for a caller already authenticated: its path
 * and query parameters as the contract names them, its body, its headers (an Idempotency-Key, an If-Match), the
 * address of the client behind it, and {@code via}: what made it (an agent's tool), for the audit log.
 */
public record LocalRequest(Map<String, String> path, Map<String, String> query, Optional<JsonNode> body,
                           Map<String, String> headers, String remoteAddress, String via) {
    public LocalRequest {
        path = Map.copyOf(path);
        query = Map.copyOf(query);
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(via, "via");
    }
}
