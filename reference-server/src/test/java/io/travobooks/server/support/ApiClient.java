package io.travobooks.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.travobooks.server.http.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A test's HTTP client for the reference server. Every exchange is checked against the contract: the answer
 * always, the request too unless the test sends it invalid on purpose ({@link #unchecked()}).
 */
public final class ApiClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final Optional<String> key;
    private final ContractValidator contract;
    private final boolean checkRequests;

    public ApiClient(String baseUrl, Optional<String> key, ContractValidator contract, boolean checkRequests) {
        this.baseUrl = baseUrl;
        this.key = key;
        this.contract = contract;
        this.checkRequests = checkRequests;
    }

    public ApiClient withKey(String otherKey) {
        return new ApiClient(baseUrl, Optional.of(otherKey), contract, checkRequests);
    }

    /** The same client, for another node of the same deployment. */
    public ApiClient at(String otherBaseUrl) {
        return new ApiClient(otherBaseUrl, key, contract, checkRequests);
    }

    /** The key this client sends. */
    public String key() {
        return key.orElseThrow();
    }

    public ApiClient withoutKey() {
        return new ApiClient(baseUrl, Optional.empty(), contract, checkRequests);
    }

    /** The same client for requests that break the contract on purpose; answers are still checked. */
    public ApiClient unchecked() {
        return new ApiClient(baseUrl, key, contract, false);
    }

    public ApiResponse get(String path) {
        return send("GET", path, Optional.empty(), Map.of());
    }

    public ApiResponse delete(String path) {
        return send("DELETE", path, Optional.empty(), Map.of());
    }

    /** A POST with a fresh Idempotency-Key (sent to every POST; operations that do not declare it ignore it). */
    public ApiResponse post(String path, Object body) {
        return post(path, body, UUID.randomUUID().toString());
    }

    public ApiResponse post(String path, Object body, String idempotencyKey) {
        return send("POST", path, Optional.of(body instanceof String text ? text
                : new String(Json.write(body), StandardCharsets.UTF_8)), Map.of("Idempotency-Key", idempotencyKey));
    }

    public ApiResponse send(String method, String path, Optional<String> body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>();
        key.ifPresent(k -> all.put("Authorization", "Bearer " + k));
        body.ifPresent(b -> all.put("Content-Type", "application/json"));
        all.putAll(headers);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body.map(b -> HttpRequest.BodyPublishers.ofString(b))
                        .orElse(HttpRequest.BodyPublishers.noBody()));
        all.forEach(request::header);
        if (checkRequests && body.isPresent()) {
            contract.checkRequest(method, path, Optional.of(parse(body.get())));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            contract.checkResponse(method, path, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
            contract.checkSecurityHeaders(method, path, response.statusCode(), response.headers().map());
            return new ApiResponse(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("a checked request must be JSON: " + body, e);
        }
    }
}
