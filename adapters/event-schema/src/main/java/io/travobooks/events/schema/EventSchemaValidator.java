package io.travobooks.events.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.travobooks.messaging.EventCatalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks an event envelope (JSON) against the catalog: the envelope's schema, a type the catalog lists, and the
 * data schema of that type. The answer is the list of problems, empty when the event conforms.
 */
public final class EventSchemaValidator {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventCatalog catalog;
    private final SchemaRegistry registry = SchemaRegistry.withDialect(Dialects.getDraft202012());
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    public EventSchemaValidator(EventCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    public List<String> validate(String envelopeJson) {
        JsonNode envelope;
        try {
            envelope = JSON.readTree(envelopeJson);
        } catch (JsonProcessingException e) {
            return List.of("not JSON: " + e.getOriginalMessage());
        }
        List<String> problems = new ArrayList<>(messages(schema(EventCatalog.ENVELOPE_SCHEMA).validate(envelope)));
        String type = envelope.path("type").asText("");
        Optional<EventCatalog.EventType> known = catalog.find(type);
        if (known.isEmpty()) {
            problems.add("the catalog has no event type '" + type + "'");
        } else if (envelope.has("data")) {
            problems.addAll(messages(schema(known.get().dataSchema()).validate(envelope.get("data"))));
        }
        return problems;
    }

    private Schema schema(String resource) {
        return schemas.computeIfAbsent(resource, name -> {
            try (InputStream in = EventCatalog.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("no schema resource " + name);
                }
                return registry.getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static List<String> messages(List<Error> errors) {
        return errors.stream().map(Error::toString).toList();
    }
}
