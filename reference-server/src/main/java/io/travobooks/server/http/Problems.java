package io.travobooks.server.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes problems as RFC 9457 {@code application/problem+json}; the one place their shape is decided. */
public final class Problems {
    private Problems() {
    }

    public static Response response(ApiProblem problem, String instance, String requestId) {
        return new Response(problem.status(), Response.PROBLEM_JSON, Json.write(body(problem, instance, requestId)),
                problem.headers());
    }

    /** The problem's fields, also for problems inside a larger answer (one item of a batch). */
    public static Map<String, Object> body(ApiProblem problem, String instance, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:travobooks:problem:" + problem.code().toLowerCase(Locale.ROOT));
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("code", problem.code());
        if (problem.detail() != null) {
            body.put("detail", problem.detail());
        }
        body.put("instance", instance);
        body.put("request_id", requestId);
        if (!problem.errors().isEmpty()) {
            List<Map<String, String>> errors = problem.errors().stream()
                    .map(error -> Map.of("field", error.field(), "message", error.message())).toList();
            body.put("errors", errors);
        }
        return body;
    }

    public static ApiProblem internal() {
        return new ApiProblem(500, "INTERNAL", "Internal error",
                "the server failed; the request id in this answer finds it in the logs");
    }
}
