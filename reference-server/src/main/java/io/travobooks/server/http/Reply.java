package io.travobooks.server.http;

import java.util.HashMap;
import java.util.Map;

/** What a handler answers: a status, a body written as JSON, and headers beyond the usual ones. */
public record Reply(int status, Object body, Map<String, String> headers) {
    public Reply {
        headers = Map.copyOf(headers);
    }

    public static Reply ok(Object body) {
        return new Reply(200, body, Map.of());
    }

    public static Reply created(Object body) {
        return new Reply(201, body, Map.of());
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new Reply(status, body, more);
    }
}
