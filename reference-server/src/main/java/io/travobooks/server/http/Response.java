package io.travobooks.server.http;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A response ready to send: status, content type, bytes and extra headers. */
public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    public Response {
        headers = Map.copyOf(headers);
    }

    public static Response of(Reply reply) {
        if (reply.body() instanceof Raw raw) {
            return new Response(reply.status(), raw.contentType(), raw.bytes(), reply.headers());
        }
        return new Response(reply.status(), JSON, Json.write(reply.body()), reply.headers());
    }

    /** A stored response replayed: the status tells which of the two JSON types it was. */
    public static Response replayed(int status, String body) {
        return new Response(status, status >= 400 ? PROBLEM_JSON : JSON, body.getBytes(StandardCharsets.UTF_8),
                Map.of("Idempotent-Replayed", "true"));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public Response withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new Response(status, contentType, body, more);
    }

    /** A body that is not JSON (the contract as YAML, a page). */
    public record Raw(String contentType, byte[] bytes) {
    }
}
