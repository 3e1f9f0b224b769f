package io.travobooks.server.http;

import java.util.HashMap;
import java.util.Map;

/**
 * What a handler answers: a status, a body written as JSON, headers beyond the usual ones, and what a retry under
 * the same Idempotency-Key is answered instead ({@code replayBody}: the body itself, unless it holds a secret that
 * must not be kept).
 */
public record Reply(int status, Object body, Map<String, String> headers, Object replayBody) {
    public Reply {
        headers = Map.copyOf(headers);
    }

    public static Reply ok(Object body) {
        return new Reply(200, body, Map.of(), body);
    }

    public static Reply created(Object body) {
        return new Reply(201, body, Map.of(), body);
    }

    public static Reply of(int status, Object body) {
        return new Reply(status, body, Map.of(), body);
    }

    /** Done, and nothing to say. */
    public static Reply noContent() {
        return of(204, new Response.Raw(Response.JSON, new byte[0]));
    }

    /** The same answer with one more header. */
    public Reply withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new Reply(status, body, more, replayBody);
    }

    /** The same answer, with {@code kept} stored for retries in place of the body. */
    public Reply replayedAs(Object kept) {
        return new Reply(status, body, headers, kept);
    }
}
