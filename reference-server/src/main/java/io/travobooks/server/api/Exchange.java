package io.travobooks.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.travobooks.server.auth.Caller;
import io.travobooks.server.http.Call;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the pipeline learns about a request as it goes, for what follows the answer (which may be a problem thrown
 * half-way): the rate-limit headers and the request's audit line.
 */
final class Exchange {
    Optional<Caller> caller = Optional.empty();
    final Map<String, String> limitHeaders = new HashMap<>();
    final Map<String, String> pathValues = new HashMap<>();
    Optional<JsonNode> body = Optional.empty();
    Optional<Call> call = Optional.empty();
}
