package io.travobooks.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.travobooks.server.http.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.util.Optional;

/** An answer the server gave a test. */
public record ApiResponse(int status, HttpHeaders headers, String body) {
    public JsonNode json() {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
        }
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** The problem's stable code, for answers that are problems. */
    public String code() {
        return json().path("code").asText();
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
