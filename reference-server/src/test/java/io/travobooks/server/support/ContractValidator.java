package io.travobooks.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.travobooks.server.contract.OpenApiContract;
import io.travobooks.server.contract.Operation;
import io.travobooks.server.contract.SchemaChecks;
import io.travobooks.server.http.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Holds every exchange of the route tests to the contract: the operation exists, the request body fits its schema
 * (when the test meant it to), the status is one the operation documents, and the body fits that status's schema.
 */
public final class ContractValidator {
    /** Statuses any operation may answer (a body too large, a server failure): its {@code default} response. */
    private static final Set<Integer> GENERIC_STATUSES = Set.of(413, 415, 429, 500, 503);

    private static final Map<String, String> SECURITY_HEADERS = Map.of("X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY", "Referrer-Policy", "no-referrer");

    private final OpenApiContract contract = OpenApiContract.load();
    private final JsonNode document = contract.document();
    private final SchemaChecks schemas = new SchemaChecks(contract);
    private final List<String> violations = new CopyOnWriteArrayList<>();

    public OpenApiContract contract() {
        return contract;
    }

    public Optional<Operation> find(String method, String path) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return contract.operations().stream()
                .filter(op -> op.method().equals(method))
                .filter(op -> Pattern.compile(op.pathTemplate().replaceAll("\\{[^}]+}", "[^/]+")).matcher(bare)
                        .matches())
                .findFirst();
    }

    public void checkRequest(String method, String path, Optional<JsonNode> body) {
        Optional<Operation> operation = find(method, path);
        if (operation.isEmpty()) {
            return; // the response check reports it
        }
        if (operation.get().bodySchema().isPresent() && body.isPresent()) {
            report(method, path, "request", schemas.check(operation.get().bodySchema().get(), body.get(), ""));
        }
    }

    /** The headers every answer carries, whatever it is (see SecurityHeaders). */
    public void checkSecurityHeaders(String method, String path, int status, Map<String, List<String>> headers) {
        for (Map.Entry<String, String> expected : SECURITY_HEADERS.entrySet()) {
            List<String> values = values(headers, expected.getKey());
            if (!values.equals(List.of(expected.getValue()))) {
                violations.add(method + " " + path + ": " + status + " answered " + expected.getKey() + " "
                        + values + ", expected [" + expected.getValue() + "]");
            }
        }
        List<String> policy = values(headers, "Content-Security-Policy");
        if (policy.size() != 1 || !policy.getFirst().startsWith("default-src 'none';")
                || policy.getFirst().contains("script-src") != isDocsPage(path)
                || policy.getFirst().contains("unsafe-eval")) {
            violations.add(method + " " + path + ": " + status + " answered the content policy " + policy);
        }
    }

    /** A header's values, its name in any case. */
    private static List<String> values(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                .flatMap(header -> header.getValue().stream()).toList();
    }

    private static boolean isDocsPage(String path) {
        return path.equals("/docs") || path.startsWith("/docs/");
    }

    public void checkResponse(String method, String path, int status, String contentType, String body) {
        Optional<Operation> operation = find(method, path);
        if (isDocsPage(path)) {
            return; // the reference page: HTML and scripts beside the API, not part of it
        }
        if (operation.isEmpty()) {
            if (status != 404 && status != 405) {
                violations.add(method + " " + path + ": no such operation in the contract, answered " + status);
            }
            return;
        }
        String pointer = "/paths/" + operation.get().pathTemplate().replace("~", "~0").replace("/", "~1") + "/"
                + operation.get().method().toLowerCase(Locale.ROOT) + "/responses/" + status;
        JsonNode response = document.at(pointer);
        if (response.has("$ref")) {
            pointer = response.get("$ref").asText().substring(1);
            response = document.at(pointer);
        }
        if (response.isMissingNode() && GENERIC_STATUSES.contains(status)) {
            pointer = pointer.substring(0, pointer.lastIndexOf('/')) + "/default";
            response = document.at(pointer);
            if (response.has("$ref")) {
                pointer = response.get("$ref").asText().substring(1);
                response = document.at(pointer);
            }
        }
        if (response.isMissingNode()) {
            violations.add(operation.get().describe() + ": status " + status + " is not documented; body " + body);
            return;
        }
        if (!response.has("content")) {
            return;
        }
        String type = contentType.split(";")[0].trim();
        if (!response.get("content").has(type)) {
            violations.add(operation.get().describe() + ": " + status + " answered " + type + ", documented "
                    + response.get("content").fieldNames().next());
            return;
        }
        if (!type.endsWith("json")) {
            return;
        }
        JsonNode parsed;
        try {
            parsed = io.travobooks.server.http.Json.MAPPER.readTree(body);
        } catch (Exception e) {
            violations.add(operation.get().describe() + ": " + status + " body is not JSON: " + body);
            return;
        }
        String schema = pointer + "/content/" + type.replace("/", "~1") + "/schema";
        report(method, path, status + " response", schemas.check(schema, parsed, ""));
    }

    private void report(String method, String path, String what, List<FieldError> errors) {
        for (FieldError error : errors) {
            violations.add(method + " " + path + " " + what + ": " + error.field() + " " + error.message());
        }
    }

    public List<String> violations() {
        return new ArrayList<>(violations);
    }
}
