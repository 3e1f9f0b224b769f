package io.travobooks.server.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.travobooks.messaging.EventCatalog;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Handler;
import io.travobooks.server.http.Json;
import io.travobooks.server.http.Page;
import io.travobooks.server.http.Reply;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The event catalog: every event type, and one with the JSON Schemas of its envelope and data. */
public final class EventsApi {
    private final EventCatalog catalog;

    public EventsApi(EventCatalog catalog) {
        this.catalog = catalog;
    }

    public Map<String, Handler> handlers() {
        return Map.of(
                "listEventTypes", call -> Reply.ok(Page.ofSorted(catalog.types(), call, EventCatalog.EventType::name,
                        TypeView::of)),
                "getEventType", call -> {
                    EventCatalog.EventType type = catalog.find(call.path("event_type")).orElseThrow(() ->
                            ApiProblem.notFound("EVENT_TYPE_NOT_FOUND", "no event type " + call.path("event_type")));
                    return Reply.ok(new SchemasView(type.name(), type.version(), type.description(),
                            schema(EventCatalog.ENVELOPE_SCHEMA), schema(type.dataSchema())));
                });
    }

    record TypeView(String name, int version, String description) {
        static TypeView of(EventCatalog.EventType type) {
            return new TypeView(type.name(), type.version(), type.description());
        }
    }

    record SchemasView(String name, int version, String description, JsonNode envelopeSchema, JsonNode dataSchema) {
    }

    /** A schema the catalog names; they ship inside the messaging library. */
    private static JsonNode schema(String resource) {
        try (InputStream in = EventCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the event catalog names a schema it does not ship: " + resource);
            }
            return Json.readBody(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
