package io.travobooks.server.stream;

import io.helidon.webserver.http.HttpRouting;
import io.travobooks.server.auth.Credentials;
import io.travobooks.server.auth.Scope;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Problems;
import io.travobooks.server.http.Response;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/stream} as plain HTTP: where a refused WebSocket upgrade ends up (Helidon hands such a request to
 * the HTTP routes), and where a client that did not ask for an upgrade lands. It says why, as a problem: 401
 * without a valid key, 403 without the scope, 426 when the key is fine but the request was no upgrade.
 */
public final class StreamRefusals {
    private StreamRefusals() {
    }

    public static void route(HttpRouting.Builder routing, Credentials keys) {
        routing.get(StreamEndpoint.PATH, (request, response) -> {
            var caller = StreamEndpoint.key(request.headers(), request.prologue()).flatMap(keys::authenticate);
            ApiProblem problem = caller.isEmpty() ? ApiProblem.unauthorized(true)
                    : !caller.get().has(Scope.BOOKINGS_READ) ? ApiProblem.forbidden(Scope.BOOKINGS_READ.value())
                    : new ApiProblem(426, "UPGRADE_REQUIRED", "Upgrade required",
                            "connect to the stream with a WebSocket", List.of(), Map.of("Upgrade", "websocket"));
            Response answer = Problems.response(problem, StreamEndpoint.PATH, "stream");
            response.status(answer.status());
            response.header("Content-Type", answer.contentType());
            answer.headers().forEach(response::header);
            response.send(answer.body());
        });
    }
}
