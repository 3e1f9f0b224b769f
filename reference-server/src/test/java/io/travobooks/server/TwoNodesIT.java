package io.travobooks.server;

import io.travobooks.messaging.webhook.WebhookSecret;
import io.travobooks.messaging.webhook.WebhookSignature;
import io.travobooks.server.config.ServerConfig;
import io.travobooks.server.config.Worker;
import io.travobooks.server.support.ApiClient;
import io.travobooks.server.support.BookingSteps;
import io.travobooks.server.support.ContractValidator;
import io.travobooks.server.support.StreamClient;
import io.travobooks.server.support.TestServer;
import io.travobooks.server.support.WebhookReceiver;
import io.travobooks.testkit.coordination.ContractSupport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server nodes on one MariaDB and one Redis, as production runs them: node A serves the API only, node B the
 * API and the messaging workers. A booking issued through node A is delivered to a webhook receiver by node B's
 * worker (through the outbox, its relay and the Redis stream), is seen by a stream client of node B, and is read
 * from node B in its new state (its cached copy dropped across nodes).
 */
class TwoNodesIT {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Test
    void nodeBDeliversTheWebhookAndItsClientSeesWhatNodeADid() throws Exception {
        List<TestServer> nodes = TestServer.mariaDbRedisNodes(List.of(
                new ServerConfig.Process(ServerConfig.Role.API, Set.of(), Duration.ofSeconds(1)),
                new ServerConfig.Process(ServerConfig.Role.ALL, Set.of(Worker.OUTBOX_RELAY,
                        Worker.WEBHOOK_DISPATCHER), Duration.ofSeconds(1))));
        TestServer a = nodes.get(0);
        TestServer b = nodes.get(1);
        try (a; b; WebhookReceiver receiver = new WebhookReceiver()) {
            assertThat(a.server().workers()).isEmpty();
            assertThat(b.server().workers()).containsExactlyInAnyOrder(Worker.OUTBOX_RELAY,
                    Worker.WEBHOOK_DISPATCHER);
            String key = a.operatorKey(); // the first start happened on node A; node B shares its keys
            ContractValidator contract = new ContractValidator();
            ApiClient onA = new ApiClient(a.baseUrl(), Optional.of(key), contract, true);
            ApiClient onB = onA.at(b.baseUrl());
            String secret = onA.post("/v1/webhook-endpoints", Map.of("id", "back-office",
                    "url", receiver.url("/travo"), "event_types", List.of("booking.issued"))).json()
                    .get("secret").asText();
            try (StreamClient stream = StreamClient.withHeader(b.baseUrl(), key)) {
                BookingSteps steps = new BookingSteps(onA);
                steps.hold("TWO-NODES", 1, "AGENCY");
                assertThat(onB.get("/v1/bookings/TWO-NODES").json().get("status").asText()).isEqualTo("HELD");
                steps.price("TWO-NODES");
                steps.issue("TWO-NODES", "ISSUED");
                stream.awaitBooking("TWO-NODES", "ISSUED", Duration.ofSeconds(10));
                // The cache's drop travels on its own channel: it may reach node B just after the stream's event.
                ContractSupport.await("node B's cached copy dropped", Duration.ofSeconds(10),
                        () -> onB.get("/v1/bookings/TWO-NODES").json().get("status").asText().equals("ISSUED"));
            }
            ContractSupport.await("the webhook delivered by node B", PATIENCE,
                    () -> !receiver.containing("TWO-NODES").isEmpty());
            WebhookReceiver.Received delivered = receiver.containing("TWO-NODES").getFirst();
            assertThat(WebhookSignature.verify(List.of(WebhookSecret.parse(secret)), delivered.headers(),
                    delivered.body(), Instant.now(), WebhookSignature.DEFAULT_TOLERANCE)).isEmpty();
            String deliveryId = delivered.headers().get(WebhookSignature.ID_HEADER);
            ContractSupport.await("the attempt recorded", PATIENCE, () -> onA.get("/v1/webhook-deliveries/"
                    + deliveryId).json().at("/delivery/status").asText().equals("SUCCEEDED"));
            // Node B's backlog of the Redis stream its webhook worker reads, and its attempts.
            assertThat(onB.get("/metrics").body())
                    .containsPattern("travo_queue_messages\\{group=\"webhooks\",queue=\"outbox\",state=\"waiting\"} "
                            + "[0-9]")
                    .containsPattern("travo_webhook_attempts_seconds_count\\{outcome=\"2xx\"} [1-9]");
            assertThat(contract.violations()).isEmpty();
        }
    }
}
