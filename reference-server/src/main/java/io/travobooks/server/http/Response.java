package io.travobooks.server.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A response ready to send: status, content type, bytes and extra headers; {@code replayBody} is what the
 * Idempotency-Key store keeps of it (see {@link Reply#replayBody()}).
 */
public record Response(int status, String contentType, byte[] body, Map<String, String> headers, byte[] replayBody) {
    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    public Response {
        headers = Map.copyOf(headers);
    }

    public Response(int status, String contentType, byte[] body, Map<String, String> headers) {
        this(status, contentType, body, headers, body);
    }

    public static Response of(Reply reply) {
        if (reply.body() instanceof Raw raw) {
            return new Response(reply.status(), raw.contentType(), raw.bytes(), reply.headers());
        }
        byte[] body = Json.write(reply.body());
        byte[] kept = reply.replayBody() == reply.body() ? body : Json.write(reply.replayBody());
        return new Response(reply.status(), JSON, body, reply.headers(), kept);
    }

    /** A stored response replayed: the status tells which of the two JSON types it was. */
    public static Response replayed(int status, String body) {
        return new Response(status, status >= 400 ? PROBLEM_JSON : JSON, body.getBytes(StandardCharsets.UTF_8),
                Map.of("Idempotent-Replayed", "true"));
    }

    /** What the Idempotency-Key store keeps. */
    public String replayText() {
        return new String(replayBody, StandardCharsets.UTF_8);
    }

    /** A body that is not JSON (the contract as YAML, a page). */
    public record Raw(String contentType, byte[] bytes) {
    }
}
