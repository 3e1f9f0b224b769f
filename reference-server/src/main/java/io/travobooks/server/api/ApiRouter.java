package io.travobooks.server.api;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import io.travobooks.server.contract.OpenApiContract;
import io.travobooks.server.contract.Operation;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Handler;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Routes every operation of the contract to its handler, by operation id. A contract operation without a handler,
 * or a handler for an operation the contract does not have, stops the start: the two cannot drift apart.
 */
public final class ApiRouter {
    private ApiRouter() {
    }

    public static void route(HttpRouting.Builder routing, OpenApiContract contract, Map<String, Handler> handlers,
                             Pipeline pipeline) {
        route(routing, contract, operation -> true, handlers, pipeline);
    }

    /** Routes the operations {@code served} picks (a worker process serves its health only). */
    public static void route(HttpRouting.Builder routing, OpenApiContract contract, Predicate<Operation> served,
                             Map<String, Handler> handlers, Pipeline pipeline) {
        Set<String> unrouted = new TreeSet<>();
        Set<String> unknown = new TreeSet<>(handlers.keySet());
        List<Operation> operations = contract.operations().stream().filter(served).toList();
        for (Operation operation : operations) {
            unknown.remove(operation.operationId());
            if (!handlers.containsKey(operation.operationId())) {
                unrouted.add(operation.describe());
            }
        }
        if (!unrouted.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalStateException("the routes and the API contract differ: operations without a handler "
                    + unrouted + ", handlers without an operation " + unknown);
        }
        for (Operation operation : operations) {
            Handler handler = handlers.get(operation.operationId());
            routing.route(Method.create(operation.method()), operation.pathTemplate(),
                    (request, response) -> pipeline.handle(operation, handler, request, response));
            pipeline.routed(operation, handler);
        }
        Map<Pattern, Set<String>> methodsByPath = methodsByPath(operations);
        routing.any((request, response) -> {
            String path = request.path().rawPath();
            Set<String> allowed = methodsByPath.entrySet().stream()
                    .filter(entry -> entry.getKey().matcher(path).matches())
                    .flatMap(entry -> entry.getValue().stream())
                    .collect(Collectors.toCollection(TreeSet::new));
            if (allowed.isEmpty()) {
                Pipeline.sendProblem(ApiProblem.notFound("no operation at " + path), request, response);
            } else {
                Pipeline.sendProblem(new ApiProblem(405, "METHOD_NOT_ALLOWED", "Method not allowed",
                        path + " takes " + String.join(", ", allowed), List.of(),
                        Map.of("Allow", String.join(", ", allowed))), request, response);
            }
        });
    }

    private static Map<Pattern, Set<String>> methodsByPath(List<Operation> operations) {
        Map<Pattern, Set<String>> byPath = new HashMap<>();
        Map<String, Pattern> patterns = new HashMap<>();
        for (Operation operation : operations) {
            Pattern pattern = patterns.computeIfAbsent(operation.pathTemplate(),
                    template -> Pattern.compile(template.replaceAll("\\{[^}]+}", "[^/]+")));
            byPath.computeIfAbsent(pattern, p -> new TreeSet<>()).add(operation.method());
        }
        return byPath;
    }
}
