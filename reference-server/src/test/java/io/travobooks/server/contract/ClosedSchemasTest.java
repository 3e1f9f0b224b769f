package io.travobooks.server.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.travobooks.server.http.FieldError;
import io.travobooks.server.http.Json;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ClosedSchemasTest {
    private static final OpenApiContract CONTRACT = OpenApiContract.load();
    private static final SchemaChecks AS_WRITTEN = new SchemaChecks(CONTRACT.document());
    private static final SchemaChecks MERGED = new SchemaChecks(CONTRACT);
    private static final String ENTRY = "/components/schemas/NewJournalEntry";
    private static final String PENDING = "/components/schemas/NewPendingEntry";
    private static final String LINE =
            "{\"account\":\"1100\",\"side\":\"DEBIT\",\"amount_minor\":100,\"currency\":\"BDT\"}";

    /** Properties neither entry schema knows; sent less often than the others. */
    private static final Set<String> UNKNOWN = Set.of("expiresAt", "note");
    /** Each property a body may carry: a value its schema accepts (when it knows the property), then others. */
    private static final Map<String, List<String>> VALUES = new LinkedHashMap<>();

    static {
        VALUES.put("id", List.of("\"E-1\"", "\"-bad\"", "12"));
        VALUES.put("effective_date", List.of("\"2026-03-10\"", "\"2026-02-30\"", "true"));
        VALUES.put("description", List.of("\"rent\"", "[]"));
        VALUES.put("external_ref", List.of("\"INV-7\"", "\"\""));
        VALUES.put("source_document", List.of("\"ticket 9972312345678\"", "\"\"", "7"));
        VALUES.put("metadata", List.of("{\"k\":\"v\"}", "{\"k\":1}"));
        VALUES.put("lines", List.of("[" + LINE + "," + LINE.replace("DEBIT", "CREDIT") + "]", "[" + LINE + "]",
                "[{\"account\":\"1100\"},{}]"));
        VALUES.put("expires_at", List.of("\"2026-03-10T10:00:00Z\"", "\"tomorrow\""));
        VALUES.put("expiresAt", List.of("\"2026-03-10T10:00:00Z\""));
        VALUES.put("note", List.of("\"x\"", "null"));
    }

    @Test
    void theContractsClosedEntrySchemasAreCheckedAsPlainClosedObjects() {
        JsonNode merged = ClosedSchemas.flatten(CONTRACT.document());
        for (String pointer : List.of(ENTRY, PENDING)) {
            JsonNode schema = merged.at(pointer);
            assertThat(schema.has("unevaluatedProperties")).as(pointer).isFalse();
            assertThat(schema.get("additionalProperties").asBoolean(true)).as(pointer).isFalse();
            assertThat(names(schema.get("required"))).as(pointer).containsExactlyInAnyOrder("id", "effective_date",
                    "lines");
        }
        assertThat(merged.at(ENTRY + "/properties").has("expires_at")).isFalse();
        assertThat(merged.at(PENDING + "/properties").has("expires_at")).isTrue();
        assertThat(merged.at("/components/schemas/EntryFields")).isEqualTo(CONTRACT.document()
                .at("/components/schemas/EntryFields"));
    }

    @Test
    void aCompositionWhosePartsBothConstrainOnePropertyIsKept() {
        JsonNode document = schemas("""
                {"A": {"type": "object", "properties": {"a": {"type": "string"}}},
                 "B": {"allOf": [{"$ref": "#/components/schemas/A"},
                                 {"type": "object", "properties": {"a": {"maxLength": 3}}}],
                       "unevaluatedProperties": false}}""");
        assertThat(ClosedSchemas.flatten(document)).isEqualTo(document);
    }

    @Test
    void aCompositionWithAPartThatIsNotPlainIsKept() {
        JsonNode document = schemas("""
                {"A": {"type": "object", "properties": {"a": {"type": "string"}},
                       "anyOf": [{"required": ["a"]}]},
                 "B": {"$ref": "#/components/schemas/A", "unevaluatedProperties": false},
                 "C": {"$ref": "#/components/schemas/A", "unevaluatedProperties": false, "minProperties": 1},
                 "Untyped": {"properties": {"a": {"type": "string"}}},
                 "D": {"$ref": "#/components/schemas/Untyped", "unevaluatedProperties": false},
                 "E": {"allOf": [{"$ref": "#/components/schemas/Untyped", "minProperties": 1}],
                       "unevaluatedProperties": false},
                 "F": {"allOf": [{"type": ["object", "null"], "properties": {"a": {"type": "string"}}}],
                       "unevaluatedProperties": false},
                 "G": {"allOf": [{"type": "object", "patternProperties": {"^x-": {}}}],
                       "unevaluatedProperties": false},
                 "H": {"$ref": "https://example.com/other.json", "unevaluatedProperties": false},
                 "I": {"$ref": "#/components/schemas/A", "unevaluatedProperties": {"type": "string"}},
                 "J": {"allOf": [{"type": "object", "properties": {"a": {"$anchor": "a"}}}],
                       "unevaluatedProperties": false},
                 "K": {"allOf": [{"type": "object", "properties": {"k": {"type": "string"}}}],
                       "unevaluatedProperties": false},
                 "L": {"$ref": "#/components/schemas/K/allOf/0/properties/k"}}""");
        assertThat(ClosedSchemas.flatten(document)).isEqualTo(document);
    }

    @Test
    void aPlainClosedCompositionIsMergedUnlessSomethingPointsIntoIt() {
        JsonNode alone = schemas("""
                {"K": {"allOf": [{"type": "object", "properties": {"k": {"type": "string"}}}],
                       "unevaluatedProperties": false}}""");
        assertThat(ClosedSchemas.flatten(alone).at("/components/schemas/K")).isEqualTo(Json.readBody("""
                {"type": "object", "properties": {"k": {"type": "string"}}, "additionalProperties": false}"""
                .getBytes()));
    }

    @Test
    void anEntryWithEveryFieldRightPassesBothForms() {
        JsonNode entry = Json.readBody(("{\"id\":\"E-1\",\"effective_date\":\"2026-03-10\",\"lines\":[" + LINE + ","
                + LINE.replace("DEBIT", "CREDIT") + "]}").getBytes());
        assertThat(AS_WRITTEN.check(ENTRY, entry, "")).isEmpty();
        assertThat(MERGED.check(ENTRY, entry, "")).isEmpty();
    }

    /**
     * The merged form refuses exactly what the written one refuses, and names every field the written one names.
     * It may name more: the written form keeps quiet about an unknown property while anything else is wrong.
     */
    @Property(tries = 400)
    void theMergedFormRefusesWhatTheWrittenFormRefuses(@ForAll("bodies") JsonNode body,
                                                        @ForAll("entrySchemas") String pointer) {
        List<FieldError> written = AS_WRITTEN.check(pointer, body, "");
        List<FieldError> merged = MERGED.check(pointer, body, "");
        Statistics.collect(written.isEmpty() ? "accepted" : "refused");
        // both answers must come up often enough for the comparison to say something
        Statistics.coverage(coverage -> {
            coverage.check("accepted").percentage(share -> share > 5);
            coverage.check("refused").percentage(share -> share > 5);
        });
        assertThat(merged.isEmpty()).as("%s at %s: written %s, merged %s", body, pointer, written, merged)
                .isEqualTo(written.isEmpty());
        assertThat(fields(merged)).containsAll(fields(written));
    }

    @Provide
    Arbitrary<String> entrySchemas() {
        return Arbitraries.of(ENTRY, PENDING);
    }

    @Provide
    Arbitrary<JsonNode> bodies() {
        List<Arbitrary<Optional<Map.Entry<String, String>>>> properties = VALUES.entrySet().stream()
                .map(ClosedSchemasTest::property).toList();
        return Combinators.combine(properties).as(chosen -> {
            ObjectNode body = Json.object();
            chosen.forEach(property -> property.ifPresent(sent -> body.set(sent.getKey(),
                    Json.readBody(sent.getValue().getBytes()))));
            return body;
        });
    }

    /** A property left out, sent with its accepted value (most often, so that many bodies pass) or another. */
    private static Arbitrary<Optional<Map.Entry<String, String>>> property(Map.Entry<String, List<String>> values) {
        String name = values.getKey();
        boolean known = !UNKNOWN.contains(name);
        return Arbitraries.frequencyOf(
                Tuple.of(known ? 2 : 12, Arbitraries.just(Optional.empty())),
                Tuple.of(known ? 10 : 0, Arbitraries.just(Optional.of(Map.entry(name, values.getValue().getFirst())))),
                Tuple.of(1, Arbitraries.of(values.getValue()).map(value -> Optional.of(Map.entry(name, value)))));
    }

    private static JsonNode schemas(String json) {
        ObjectNode document = Json.object();
        document.putObject("components").set("schemas", Json.readBody(json.getBytes()));
        return document;
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new HashSet<>();
        array.forEach(name -> names.add(name.asText()));
        return names;
    }

    private static Set<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).collect(Collectors.toSet());
    }
}
