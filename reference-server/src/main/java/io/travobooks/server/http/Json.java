package io.travobooks.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The one JSON mapping of the API: snake_case names, ISO 8601 dates and instants, absent values left out, and
 * strict reading (a duplicated key or a float where an integer belongs is an error, not a guess).
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT,
                    JsonInclude.Include.NON_ABSENT))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private Json() {
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A request body; malformed JSON is the client's error, named as such. */
    public static JsonNode readBody(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiProblem.invalid("", "a JSON body is required");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiProblem.invalid("", "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiProblem.invalid("", "unreadable body");
        }
    }

    /**
     * Writes the JSON with every object's keys in order, so that two bodies that differ only in the order of their
     * keys have the same canonical form; numbers are written as read (a decimal without its trailing zeros: 100.0
     * as 1E+2). Fingerprints are kept for a day, so this form must not change. Walks the tree itself: a mapper's
     * writer would set up a serializer context and sorted copies per call, and every idempotent request pays for
     * this.
     */
    public static void writeCanonical(JsonNode node, OutputStream out) {
        try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            writeCanonical(node, generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeCanonical(JsonNode node, JsonGenerator generator) throws IOException {
        if (node.isObject()) {
            String[] names = new String[node.size()];
            int i = 0;
            for (Iterator<String> fields = node.fieldNames(); fields.hasNext(); ) {
                names[i++] = fields.next();
            }
            Arrays.sort(names);
            generator.writeStartObject();
            for (String name : names) {
                generator.writeFieldName(name);
                writeCanonical(node.get(name), generator);
            }
            generator.writeEndObject();
        } else if (node.isArray()) {
            generator.writeStartArray();
            for (JsonNode item : node) {
                writeCanonical(item, generator);
            }
            generator.writeEndArray();
        } else if (node.isTextual()) {
            generator.writeString(node.textValue());
        } else if (node.isIntegralNumber()) {
            generator.writeNumber(node.bigIntegerValue());
        } else if (node.isNumber()) {
            generator.writeNumber(node.decimalValue());
        } else if (node.isBoolean()) {
            generator.writeBoolean(node.booleanValue());
        } else if (node.isNull()) {
            generator.writeNull();
        } else {
            throw new IllegalArgumentException("no canonical form for a " + node.getNodeType() + " node");
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
