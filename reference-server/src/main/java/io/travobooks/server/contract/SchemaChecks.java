package io.travobooks.server.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import com.networknt.schema.path.PathType;
import io.travobooks.server.http.FieldError;
import io.travobooks.server.http.Json;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks JSON against a schema of the contract, named by its JSON pointer. OpenAPI 3.1 schemas are JSON Schema
 * 2020-12, so the contract's own schemas are the rules, with formats (dates, instants) asserted too. Closed
 * compositions are checked in their merged form (see {@link ClosedSchemas}), which means the same and costs less.
 */
public final class SchemaChecks {
    private static final String UNEVALUATED = "unevaluatedProperties";
    private static final Set<String> PROPERTY_KEYWORDS = Set.of("required", "additionalProperties", UNEVALUATED);
    private static final String CONTRACT_IRI = "https://travobooks.io/api/openapi.json";

    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    public SchemaChecks(OpenApiContract contract) {
        this(ClosedSchemas.flatten(contract.document()));
    }

    /** Checks against {@code contract} exactly as written. */
    SchemaChecks(JsonNode contract) {
        String document = new String(Json.write(contract), StandardCharsets.UTF_8);
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER)
                .locale(Locale.ENGLISH)
                .build();
        // The contract's other keywords (openapi, paths, example, ...) are annotations, not errors to log.
        Dialect dialect = Dialect.builder(Dialects.getDraft202012())
                .unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword)).build();
        this.registry = SchemaRegistry.withDialect(dialect, builder -> builder
                .schemas(Map.of(CONTRACT_IRI, document))
                .schemaRegistryConfig(config));
    }

    /** What is wrong with {@code value} by the schema at {@code pointer}; {@code field} prefixes each location. */
    public List<FieldError> check(String pointer, JsonNode value, String field) {
        List<Error> errors = schemas.computeIfAbsent(pointer,
                p -> registry.getSchema(SchemaLocation.of(CONTRACT_IRI + "#" + p))).validate(value);
        // An object that fails a referenced schema also reports each of its properties as "not evaluated"; those
        // reports only repeat the real errors, so they count only when they are all there is.
        boolean realErrors = errors.stream().anyMatch(error -> !UNEVALUATED.equals(error.getKeyword()));
        return errors.stream()
                .filter(error -> !realErrors || !UNEVALUATED.equals(error.getKeyword()))
                .map(error -> new FieldError(field + location(error), error.getMessage()))
                .toList();
    }

    /** Where the error is; for a missing or unknown property, the property itself. */
    private static String location(Error error) {
        String location = error.getInstanceLocation().toString();
        String base = location.equals("/") ? "" : location;
        return error.getProperty() != null && PROPERTY_KEYWORDS.contains(error.getKeyword())
                ? base + "/" + error.getProperty() : base;
    }
}
