package io.travobooks.server.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites the contract's closed compositions into plain closed objects, for checking only. The contract closes a
 * schema made of others ({@code $ref} or {@code allOf} of object schemas) with {@code unevaluatedProperties: false};
 * a validator checks that keyword by recording which properties every sub-schema evaluated, and on the posting
 * path that record costs more than the rest of the check. When every part is a plain object schema (properties and
 * required, no composition, no other property keywords), the composition means exactly one object schema with the
 * parts' properties and {@code additionalProperties: false}, which is checked without any record. The served
 * contract is not changed.
 */
final class ClosedSchemas {
    private static final String UNEVALUATED = "unevaluatedProperties";
    /** Keywords a part may have and still merge; anything else keeps the composition as written. */
    private static final Set<String> PLAIN_PART = Set.of("type", "properties", "required", "description", "title");
    /** Keywords a part that refers to another schema may have. */
    private static final Set<String> REFERENCE = Set.of("$ref", "description", "title");
    /** Keywords the composing schema itself may have beside its parts. */
    private static final Set<String> COMPOSING = Set.of("$ref", "allOf", UNEVALUATED, "description", "title");

    private ClosedSchemas() {
    }

    /** {@code document} with each closed composition under {@code components/schemas} merged where it may be. */
    static JsonNode flatten(JsonNode document) {
        ObjectNode copy = document.deepCopy();
        JsonNode schemas = copy.path("components").path("schemas");
        if (schemas instanceof ObjectNode named) {
            Set<String> refs = new HashSet<>();
            collectRefs(document, refs);
            for (Map.Entry<String, JsonNode> schema : named.properties()) {
                String inside = "#/components/schemas/" + schema.getKey() + "/";
                if (refs.stream().noneMatch(ref -> ref.startsWith(inside))) { // nothing points into what changes
                    merged(document, schema.getValue()).ifPresent(schema::setValue);
                }
            }
        }
        return copy;
    }

    private static Optional<JsonNode> merged(JsonNode document, JsonNode schema) {
        if (!schema.path(UNEVALUATED).isBoolean() || schema.get(UNEVALUATED).asBoolean()
                || !onlyKeywords(schema, COMPOSING)) {
            return Optional.empty();
        }
        List<JsonNode> parts = new ArrayList<>();
        if (schema.has("$ref")) {
            parts.add(schema.get("$ref"));
        }
        schema.path("allOf").forEach(parts::add);
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        Set<String> required = new LinkedHashSet<>();
        boolean typed = false; // with no part typed "object", the composition takes any non-object: keep it
        for (JsonNode part : parts) {
            JsonNode plain = plainPart(document, part);
            if (plain == null || !plain.path("type").asText("object").equals("object")) {
                return Optional.empty();
            }
            typed |= plain.has("type");
            for (Map.Entry<String, JsonNode> property : plain.path("properties").properties()) {
                if (properties.has(property.getKey()) || declaresAnIdentity(property.getValue())) {
                    // two parts constrain one property (both must hold), or a copy would be a second schema
                    // with the same $id or anchor: keep the composition
                    return Optional.empty();
                }
                properties.set(property.getKey(), property.getValue().deepCopy());
            }
            plain.path("required").forEach(name -> required.add(name.asText()));
        }
        if (!typed) {
            return Optional.empty();
        }
        ObjectNode flat = JsonNodeFactory.instance.objectNode().put("type", "object");
        flat.set("properties", properties);
        if (!required.isEmpty()) {
            ArrayNode names = flat.putArray("required");
            required.forEach(names::add);
        }
        flat.put("additionalProperties", false);
        return Optional.of(flat);
    }

    /**
     * A part as a plain object schema: itself, or what its {@code $ref} names when the reference says nothing more;
     * null when it is anything else.
     */
    private static JsonNode plainPart(JsonNode document, JsonNode part) {
        JsonNode schema = part;
        if (part.isTextual() || part.has("$ref")) {
            String ref = part.isTextual() ? part.asText() : part.get("$ref").asText();
            if (!ref.startsWith("#/") || part.isObject() && !onlyKeywords(part, REFERENCE)) {
                return null;
            }
            schema = document.at(ref.substring(1));
        }
        return schema.isObject() && onlyKeywords(schema, PLAIN_PART) ? schema : null;
    }

    private static boolean declaresAnIdentity(JsonNode schema) {
        if (schema.isObject() && (schema.has("$id") || schema.has("$anchor") || schema.has("$dynamicAnchor"))) {
            return true;
        }
        for (JsonNode child : schema) {
            if (declaresAnIdentity(child)) {
                return true;
            }
        }
        return false;
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node.isObject() && node.path("$ref").isTextual()) {
            refs.add(node.get("$ref").asText());
        }
        for (JsonNode child : node) {
            collectRefs(child, refs);
        }
    }

    private static boolean onlyKeywords(JsonNode schema, Set<String> allowed) {
        for (String keyword : (Iterable<String>) schema::fieldNames) {
            if (!allowed.contains(keyword)) {
                return false;
            }
        }
        return true;
    }
}
