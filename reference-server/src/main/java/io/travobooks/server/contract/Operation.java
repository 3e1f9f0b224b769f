package io.travobooks.server.contract;

import java.util.List;
import java.util.Optional;

/**
 * One operation of the contract, as the server routes and checks it.
 *
 * @param pathTemplate     {@code /v1/accounts/{code}}: the same syntax as Helidon's path patterns
 * @param authenticated    false for the few public operations ({@code security: []})
 * @param scopes           every scope the key must carry
 * @param bodySchema       JSON pointer of the body's schema in the contract, when the operation takes a body
 */
public record Operation(String method, String pathTemplate, String operationId, boolean authenticated,
                        List<String> scopes, List<Parameter> parameters, Optional<String> bodySchema,
                        boolean bodyRequired) {
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    public Operation {
        scopes = List.copyOf(scopes);
        parameters = List.copyOf(parameters);
    }

    /** Operations that create, move money or send take an Idempotency-Key: retries of them are replayed. */
    public boolean idempotent() {
        return parameters.stream().anyMatch(p -> p.in() == Parameter.In.HEADER && p.name().equals(IDEMPOTENCY_KEY));
    }

    public String describe() {
        return method + " " + pathTemplate + " (" + operationId + ")";
    }

    /** A parameter and where its schema sits in the contract. */
    public record Parameter(String name, In in, boolean required, String schemaPointer, String type) {
        public enum In { PATH, QUERY, HEADER }
    }
}
