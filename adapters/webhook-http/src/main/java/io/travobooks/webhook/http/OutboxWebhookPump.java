package io.travobooks.webhook.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.travobooks.messaging.webhook.WebhookDispatcher;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.spi.queue.Delivery;
import io.travobooks.spi.queue.JobQueue;
import io.travobooks.spi.queue.QueueWorker;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Moves outbox events to webhook endpoints: consumers of the outbox queue (group {@value #GROUP}) fan each event
 * out to the endpoints that want it and ack it only then, so an event whose consumer died is fanned out again
 * (a no-op for endpoints that have it already); a dispatcher thread attempts the due deliveries. Several pumps (one
 * per node) share the work: the queue hands each event to one consumer, claims hand each delivery to one pump.
 */
public final class OutboxWebhookPump implements AutoCloseable {
    public static final String GROUP = "webhooks";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final QueueWorker consumers;
    private final Thread dispatcherThread;
    private final AtomicBoolean running = new AtomicBoolean(true);

    private OutboxWebhookPump(JobQueue queue, WebhookDispatcher dispatcher, int consumerCount, Duration idlePause,
                              Consumer<RuntimeException> onError) {
        this.consumers = QueueWorker.start(queue, OutboxStore.QUEUE, GROUP, consumerCount,
                delivery -> fanOut(dispatcher, delivery), onError);
        this.dispatcherThread = Thread.ofPlatform().daemon().name("webhook-dispatcher").start(() -> {
            while (running.get()) {
                try {
                    if (dispatcher.dispatchDue() == 0) {
                        Thread.sleep(idlePause);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    onError.accept(e);
                }
            }
        });
    }

    /**
     * Starts {@code consumerCount} outbox consumers and a dispatcher thread that pauses {@code idlePause} when
     * nothing was due.
     */
    public static OutboxWebhookPump start(JobQueue queue, WebhookDispatcher dispatcher, int consumerCount,
                                          Duration idlePause, Consumer<RuntimeException> onError) {
        Objects.requireNonNull(onError, "onError");
        return new OutboxWebhookPump(queue, dispatcher, consumerCount, idlePause, onError);
    }

    private static void fanOut(WebhookDispatcher dispatcher, Delivery delivery) {
        JsonNode envelope;
        try {
            envelope = JSON.readTree(delivery.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an outbox envelope: " + delivery.id(), e);
        }
        dispatcher.fanOut(TenantId.of(envelope.path("tenant").asText()), envelope.path("id").asText(),
                envelope.path("type").asText(), delivery.payload());
    }

    /** Stops consuming and dispatching; what is claimed and not done is taken over once its claims lapse. */
    @Override
    public void close() {
        running.set(false);
        consumers.close();
        dispatcherThread.interrupt();
        try {
            dispatcherThread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
