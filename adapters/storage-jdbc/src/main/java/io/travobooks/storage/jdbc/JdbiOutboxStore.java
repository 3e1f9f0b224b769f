package io.travobooks.storage.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.outbox.OutboxEvent;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.spi.queue.QueueStore;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outbox as the queue {@value OutboxStore#QUEUE} of the job queue's tables: an event is one message whose
 * payload is the JSON envelope {@code {"id","type","tenant","occurredAt","data"}}, so that the outbox relay and the
 * database-backed queue carry it without knowing events.
 */
public final class JdbiOutboxStore implements OutboxStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final QueueStore queues;

    JdbiOutboxStore(QueueStore queues) {
        this.queues = queues;
    }

    @Override
    public long append(UnitOfWork uow, OutboxEvent event) {
        return queues.append(uow, QUEUE, envelope(event), event.occurredAt());
    }

    @Override
    public List<Stored> read(UnitOfWork uow, long afterPosition, int max) {
        return queues.read(uow, QUEUE, afterPosition, max).stream()
                .map(message -> new Stored(message.id(), event(message.payload())))
                .toList();
    }

    /** The JSON envelope of an event: what consumers of the outbox queue receive. */
    public static String envelope(OutboxEvent event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", event.id());
        node.put("type", event.type());
        node.put("tenant", event.tenant().value());
        node.put("occurredAt", event.occurredAt().toString());
        node.set("data", JSON.valueToTree(event.data()));
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data must be JSON-ready values: " + e.getMessage(), e);
        }
    }

    /** Reads an envelope back. */
    public static OutboxEvent event(String envelope) {
        try {
            JsonNode node = JSON.readTree(envelope);
            Map<String, Object> data = JSON.convertValue(node.get("data"), JSON.getTypeFactory()
                    .constructMapType(Map.class, String.class, Object.class));
            return new OutboxEvent(node.get("id").asText(), node.get("type").asText(),
                    TenantId.of(node.get("tenant").asText()), Instant.parse(node.get("occurredAt").asText()), data);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("not an outbox envelope: " + envelope, e);
        }
    }
}
