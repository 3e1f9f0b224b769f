package io.travobooks.server.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.travobooks.server.http.FieldError;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Holds a request to its operation's parameters and body schema: every constraint the contract writes is enforced
 * here, before a handler runs, and each violation names its field.
 */
public final class RequestChecks {
    private final SchemaChecks schemas;

    public RequestChecks(SchemaChecks schemas) {
        this.schemas = schemas;
    }

    /**
     * @param values a parameter's value by where it comes from and its name (absent when not sent)
     * @param body   the parsed body, or empty when none was sent
     */
    public List<FieldError> check(Operation operation, Function<Operation.Parameter, Optional<String>> values,
                                  Optional<JsonNode> body) {
        List<FieldError> errors = new ArrayList<>();
        for (Operation.Parameter parameter : operation.parameters()) {
            Optional<String> value = values.apply(parameter);
            if (value.isEmpty()) {
                if (parameter.required()) {
                    errors.add(new FieldError(parameter.name(), "is required"));
                }
                continue;
            }
            Optional<JsonNode> typed = typed(parameter.type(), value.get());
            if (typed.isEmpty()) {
                errors.add(new FieldError(parameter.name(), "must be " + article(parameter.type())));
            } else {
                errors.addAll(schemas.check(parameter.schemaPointer(), typed.get(), parameter.name()));
            }
        }
        if (operation.bodySchema().isPresent()) {
            if (body.isEmpty()) {
                if (operation.bodyRequired()) {
                    errors.add(new FieldError("", "a JSON body is required"));
                }
            } else {
                errors.addAll(schemas.check(operation.bodySchema().get(), body.get(), ""));
            }
        } else if (body.isPresent() && !isEmptyObject(body.get())) {
            errors.add(new FieldError("", "this operation takes no body"));
        }
        return errors;
    }

    /** Clients that always send JSON send {} when there is nothing to say: that is no body. */
    private static boolean isEmptyObject(JsonNode body) {
        return body.isObject() && body.isEmpty();
    }

    /** A parameter's text as the JSON value its schema types it as; empty when it is not one. */
    private static Optional<JsonNode> typed(String type, String text) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        return switch (type) {
            case "integer" -> {
                try {
                    yield Optional.of(json.numberNode(new BigInteger(text)));
                } catch (NumberFormatException e) {
                    yield Optional.empty();
                }
            }
            case "boolean" -> text.equals("true") || text.equals("false")
                    ? Optional.of(json.booleanNode(Boolean.parseBoolean(text))) : Optional.empty();
            default -> Optional.of(json.textNode(text));
        };
    }

    private static String article(String type) {
        return type.equals("integer") ? "an integer" : "a " + type;
    }
}
