package io.travobooks.webhook.http;

import io.travobooks.embedded.EmbeddedJobQueue;
import io.travobooks.embedded.EmbeddedRateLimiter;
import io.travobooks.messaging.webhook.AddressRange;
import io.travobooks.messaging.webhook.DeliveryPolicy;
import io.travobooks.messaging.webhook.SsrfGuard;
import io.travobooks.messaging.webhook.WebhookDispatcher;
import io.travobooks.messaging.webhook.WebhookSecret;
import io.travobooks.messaging.webhook.WebhookTransport;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.outbox.OutboxEvent;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.spi.queue.QueueOptions;
import io.travobooks.spi.ratelimit.RateLimit;
import io.travobooks.spi.webhook.WebhookEndpoint;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;
import io.travobooks.testkit.coordination.ContractSupport;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outbox to endpoint on the embedded default (H2 outbox and queue): events committed to the outbox reach a local
 * receiver although the first pump's dispatcher dies mid-run (between claiming deliveries and recording their
 * attempts) and the pump is then stopped and replaced. Every event arrives; a duplicate only ever repeats a
 * webhook-id with the same body.
 */
class OutboxToWebhookTest {
    private static final int EVENTS = 1_000;

    @Test
    void everyCommittedEventReachesTheEndpointAcrossACrashedPump() throws Exception {
        TenantId tenant = TenantId.of("t-" + UUID.randomUUID().toString().substring(0, 8));
        try (JdbcStorage storage = JdbcStorage.open(StorageConfig.h2Memory("pump_"
                + UUID.randomUUID().toString().substring(0, 8)));
             ScriptedReceiver receiver = new ScriptedReceiver(ScriptedReceiver.Reply.status(200));
             WebhookSender sender = new WebhookSender(SsrfGuard.withAllowed(
                     List.of(AddressRange.parse("127.0.0.0/8"))), Duration.ofSeconds(2), Duration.ofSeconds(2), 256,
                     Clock.systemUTC())) {
            storage.webhookStore().transactions().inTransaction(uow -> {
                storage.webhookStore().saveEndpoint(uow, new WebhookEndpoint(tenant, "ep1", receiver.uri("/hooks"),
                        Set.of(), true, Optional.empty(), WebhookSecret.generate().serialized(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Instant.now()));
                return null;
            });
            EmbeddedJobQueue queue = new EmbeddedJobQueue(storage.queueStore(),
                    new QueueOptions(Duration.ofSeconds(2), 50), Clock.systemUTC());
            queue.receive(OutboxStore.QUEUE, OutboxWebhookPump.GROUP, "warm-up", 1,
                    Duration.ZERO); // the group exists from the first event on
            for (int batch = 0; batch < EVENTS / 100; batch++) {
                int first = batch * 100;
                storage.queueStore().transactions().inTransaction(uow -> {
                    for (int i = first; i < first + 100; i++) {
                        storage.outboxStore().append(uow, new OutboxEvent("ev-" + i, "booking.issued", tenant,
                                Instant.now(), Map.of("bookingId", "BK" + i)));
                    }
                    return null;
                });
            }

            AtomicInteger sends = new AtomicInteger();
            WebhookTransport crashing = (target, headers, body) -> {
                if (sends.incrementAndGet() > 200) {
                    throw new IllegalStateException("the pump's process died mid-delivery");
                }
                return sender.send(target, headers, body);
            };
            OutboxWebhookPump pump1 = OutboxWebhookPump.start(queue, dispatcher(storage, crashing, "pump-1"), 2,
                    Duration.ofMillis(20), error -> { });
            ContractSupport.await("the first pump delivered some", Duration.ofSeconds(60),
                    () -> receiver.received().size() >= 200);
            pump1.close();

            try (OutboxWebhookPump pump2 = OutboxWebhookPump.start(queue, dispatcher(storage, sender, "pump-2"), 2,
                    Duration.ofMillis(20), error -> { })) {
                ContractSupport.await(() -> "every event delivered; got " + distinctIds(receiver),
                        Duration.ofSeconds(120), () -> distinctIds(receiver) == EVENTS);
            }

            Map<String, String> bodyById = new HashMap<>();
            Set<String> events = new HashSet<>();
            for (ScriptedReceiver.Received got : receiver.received()) {
                String body = new String(got.body(), StandardCharsets.UTF_8);
                String earlier = bodyById.putIfAbsent(got.headers().get("webhook-id"), body);
                assertThat(earlier == null || earlier.equals(body)).as("a duplicate repeats its webhook-id's body")
                        .isTrue();
                events.add(body.substring(body.indexOf("\"id\":\"") + 6, body.indexOf('"', body.indexOf("\"id\":\"")
                        + 6)));
            }
            assertThat(events).hasSize(EVENTS);
        }
    }

    private static long distinctIds(ScriptedReceiver receiver) {
        return receiver.received().stream().map(r -> r.headers().get("webhook-id")).distinct().count();
    }

    private static WebhookDispatcher dispatcher(JdbcStorage storage, WebhookTransport transport, String worker) {
        return new WebhookDispatcher(storage.webhookStore(), storage.outboxStore(), transport,
                new EmbeddedRateLimiter(), new DeliveryPolicy(new SplittableRandom(5)), Clock.systemUTC(),
                new WebhookDispatcher.Options(worker, Duration.ofSeconds(2), 50,
                        RateLimit.perSecond(100_000, 100_000)));
    }
}
