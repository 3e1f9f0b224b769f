package io.travobooks.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.travobooks.server.contract.OpenApiContract;
import io.travobooks.server.contract.Operation;
import io.travobooks.server.http.Json;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Invalid variants of a valid request, derived from the contract's own constraints: for every property of the body
 * (and of its nested objects and array items) a wrong type, a missing required value and a value past each bound
 * (length, pattern, enum, format, minimum, item count); an unknown property; malformed JSON; and for every
 * parameter a value of the wrong type or past its bounds, or none when it is required. Each names the field the
 * server's answer must name.
 */
public final class InvalidVariants {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 3;

    private final OpenApiContract contract;
    private final JsonNode document;

    public InvalidVariants(OpenApiContract contract) {
        this.contract = contract;
        this.document = contract.document();
    }

    /** A request that must be refused, naming {@code field}; {@code headers} replace the usual ones. */
    public record Variant(String description, String url, Optional<String> body, Map<String, String> headers,
                          String field) {
    }

    public List<Variant> of(Operation operation, OperationSamples.Sample valid) {
        List<Variant> variants = new ArrayList<>();
        Map<String, String> headers = operation.idempotent()
                ? Map.of("Idempotency-Key", "invalid-variant") : Map.of();
        String url = valid.url(operation);
        Optional<String> body = valid.body().map(b -> new String(Json.write(b), StandardCharsets.UTF_8));
        for (Operation.Parameter parameter : operation.parameters()) {
            JsonNode schema = effective(document.at(parameter.schemaPointer()));
            switch (parameter.in()) {
                case QUERY -> {
                    for (Map.Entry<String, String> bad : badTexts(schema).entrySet()) {
                        variants.add(new Variant(parameter.name() + " " + bad.getKey(),
                                valid.withQuery(parameter.name(), bad.getValue()).url(operation), body, headers,
                                parameter.name()));
                    }
                    if (parameter.required()) {
                        Map<String, String> without = new LinkedHashMap<>(valid.query());
                        without.remove(parameter.name());
                        variants.add(new Variant(parameter.name() + " missing",
                                new OperationSamples.Sample(valid.path(), without, valid.body()).url(operation), body,
                                headers, parameter.name()));
                    }
                }
                case PATH -> badTexts(schema).forEach((what, text) -> {
                    if (!text.isEmpty()) { // an empty segment is another path, not a bad parameter
                        variants.add(new Variant(parameter.name() + " " + what,
                                valid.withPath(parameter.name(), text).url(operation), body, headers,
                                parameter.name()));
                    }
                });
                case HEADER -> {
                    // The other headers stay valid, so that the variant is refused for this one alone.
                    Map<String, String> without = new LinkedHashMap<>(headers);
                    without.remove(parameter.name());
                    if (parameter.required()) {
                        variants.add(new Variant(parameter.name() + " missing", url, body, without,
                                parameter.name()));
                    }
                    badTexts(schema).forEach((what, text) -> {
                        Map<String, String> bad = new LinkedHashMap<>(without);
                        bad.put(parameter.name(), text);
                        variants.add(new Variant(parameter.name() + " " + what, url, body, bad, parameter.name()));
                    });
                }
            }
        }
        if (operation.bodySchema().isPresent() && valid.body().isPresent()) {
            JsonNode sample = Json.MAPPER.valueToTree(valid.body().get());
            variants.add(new Variant("malformed JSON", url, Optional.of("{\"id\": "), headers, ""));
            variants.add(new Variant("an array for the body", url, Optional.of("[]"), headers, ""));
            bodyVariants(document.at(operation.bodySchema().get()), sample, "", 0, (description, pointer, changed) ->
                    variants.add(new Variant(description, url,
                            Optional.of(new String(Json.write(changed), StandardCharsets.UTF_8)), headers, pointer)),
                    sample);
        }
        return variants;
    }

    @FunctionalInterface
    private interface Sink {
        void add(String description, String pointer, JsonNode changedBody);
    }

    /** Variants of the value at {@code pointer} (within {@code root}) by its schema. */
    private void bodyVariants(JsonNode rawSchema, JsonNode value, String pointer, int depth, Sink sink,
                              JsonNode root) {
        JsonNode schema = effective(rawSchema);
        String type = schema.path("type").asText("");
        if (!pointer.isEmpty()) {
            sink.add(pointer + " of the wrong type", pointer, replace(root, pointer, wrongType(type)));
            for (Map.Entry<String, JsonNode> bad : badValues(schema).entrySet()) {
                sink.add(pointer + " " + bad.getKey(), pointer, replace(root, pointer, bad.getValue()));
            }
        }
        if (depth >= MAX_DEPTH) {
            return;
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            for (JsonNode required : schema.path("required")) {
                if (value.has(required.asText())) {
                    sink.add(pointer + "/" + required.asText() + " missing", pointer + "/" + required.asText(),
                            remove(root, pointer, required.asText()));
                }
            }
            if (schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean()
                    || schema.path("unevaluatedProperties").isBoolean()
                    && !schema.get("unevaluatedProperties").asBoolean()) {
                sink.add(pointer + " with an unknown property", pointer + "/zz_unknown",
                        replace(root, pointer + "/zz_unknown", JSON.textNode("x")));
            }
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                if (properties.has(field.getKey())) {
                    bodyVariants(properties.get(field.getKey()), field.getValue(), pointer + "/" + field.getKey(),
                            depth + 1, sink, root);
                }
            }
        } else if (value.isArray() && !value.isEmpty() && schema.has("items")) {
            bodyVariants(schema.get("items"), value.get(0), pointer + "/0", depth + 1, sink, root);
        }
    }

    /** The schema with {@code $ref}s and {@code allOf} folded in. */
    private JsonNode effective(JsonNode schema) {
        ObjectNode merged = JSON.objectNode();
        fold(schema, merged);
        return merged;
    }

    private void fold(JsonNode schema, ObjectNode into) {
        if (schema.has("$ref")) {
            fold(contract.resolve(schema.get("$ref").asText().substring(1)), into);
        }
        for (JsonNode part : schema.path("allOf")) {
            fold(part, into);
        }
        for (Map.Entry<String, JsonNode> field : schema.properties()) {
            switch (field.getKey()) {
                case "$ref", "allOf" -> { }
                case "properties" -> {
                    ObjectNode properties = into.has("properties") ? (ObjectNode) into.get("properties")
                            : into.putObject("properties");
                    properties.setAll((ObjectNode) field.getValue());
                }
                case "required" -> {
                    ArrayNode required = into.has("required") ? (ArrayNode) into.get("required")
                            : into.putArray("required");
                    required.addAll((ArrayNode) field.getValue());
                }
                default -> into.set(field.getKey(), field.getValue());
            }
        }
    }

    private static JsonNode wrongType(String type) {
        return switch (type) {
            case "string" -> JSON.numberNode(12345);
            case "integer", "number" -> JSON.textNode("many");
            case "boolean" -> JSON.textNode("yes");
            case "array" -> JSON.objectNode();
            default -> JSON.textNode("not an object");
        };
    }

    private static Map<String, JsonNode> badValues(JsonNode schema) {
        Map<String, JsonNode> bad = new LinkedHashMap<>();
        String type = schema.path("type").asText("");
        if (type.equals("integer")) {
            badTexts(schema).forEach((what, text) -> {
                if (!what.equals("not an integer")) { // the wrong-type variant has it
                    bad.put(what, JSON.numberNode(Long.parseLong(text)));
                }
            });
            bad.put("with a fraction", JSON.numberNode(new BigDecimal("1.5")));
        } else if (type.equals("string")) {
            badTexts(schema).forEach((what, text) -> bad.put(what, JSON.textNode(text)));
        }
        if (schema.has("minItems") && schema.get("minItems").asInt() > 0) {
            bad.put("with too few items", JSON.arrayNode());
        }
        return bad;
    }

    /** Texts that break a parameter's (or a string's or integer's) constraints. */
    private static Map<String, String> badTexts(JsonNode schema) {
        Map<String, String> bad = new LinkedHashMap<>();
        String type = schema.path("type").asText("string");
        if (type.equals("integer")) {
            bad.put("not an integer", "abc");
            if (schema.has("minimum")) {
                bad.put("below its minimum", Long.toString(schema.get("minimum").asLong() - 1));
            }
            if (schema.has("exclusiveMinimum")) {
                bad.put("at its exclusive minimum", Long.toString(schema.get("exclusiveMinimum").asLong()));
            }
            if (schema.has("maximum") && schema.get("maximum").asLong() < Long.MAX_VALUE) {
                bad.put("above its maximum", Long.toString(schema.get("maximum").asLong() + 1));
            }
            return bad;
        }
        if (type.equals("boolean")) {
            bad.put("not a boolean", "maybe");
            return bad;
        }
        if (!type.equals("string")) {
            return bad;
        }
        if (schema.has("enum")) {
            bad.put("outside its enum", "NOT_ONE_OF_THEM");
        }
        if (schema.has("maxLength")) {
            bad.put("too long", "a".repeat(schema.get("maxLength").asInt() + 1));
        }
        if (schema.has("minLength") && schema.get("minLength").asInt() > 0) {
            bad.put("empty", "");
        }
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher("not valid!")
                .find()) {
            bad.put("against its pattern", "not valid!");
        }
        switch (schema.path("format").asText("")) {
            case "date" -> bad.put("not a date", "2026-02-30");
            case "date-time" -> bad.put("not an instant", "yesterday");
            default -> { }
        }
        return bad;
    }

    private static JsonNode replace(JsonNode root, String pointer, JsonNode value) {
        JsonNode copy = root.deepCopy();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = slash == 0 ? copy : copy.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        }
        return copy;
    }

    private static JsonNode remove(JsonNode root, String pointer, String property) {
        JsonNode copy = root.deepCopy();
        ((ObjectNode) (pointer.isEmpty() ? copy : copy.at(pointer))).remove(property);
        return copy;
    }
}
