package io.travobooks.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.travobooks.messaging.webhook.WebhookSecret;
import io.travobooks.messaging.webhook.WebhookSignature;
import io.travobooks.server.config.ServerConfig;
import io.travobooks.server.config.Worker;
import io.travobooks.server.support.ApiClient;
import io.travobooks.server.support.BookingSteps;
import io.travobooks.server.support.ContractValidator;
import io.travobooks.server.support.Tenants;
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
 * Webhooks from the outbox to a receiver on the embedded default, with the server's dispatcher worker running: an
 * issued booking arrives signed with the endpoint's secret; a delivery that died is replayed over HTTP.
 */
class WebhookDeliveryTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Test
    void anIssueReachesTheEndpointSignedAndADeadDeliveryIsReplayedOnceItIsUpAgain() {
        ContractValidator contract = new ContractValidator();
        try (TestServer server = TestServer.h2(new ServerConfig.Process(ServerConfig.Role.ALL,
                Set.of(Worker.WEBHOOK_DISPATCHER), Duration.ofSeconds(1)));
             WebhookReceiver receiver = new WebhookReceiver()) {
            ApiClient agency = Tenants.open(new ApiClient(server.baseUrl(), Optional.of(server.operatorKey()),
                    contract, true));
            String secret = agency.post("/v1/webhook-endpoints", Map.of("id", "back-office",
                    "url", receiver.url("/travo"), "event_types", List.of("booking.issued"))).json()
                    .get("secret").asText();

            new BookingSteps(agency).issued("WH-1");
            ContractSupport.await("the issue's webhook", PATIENCE, () -> !receiver.containing("WH-1").isEmpty());
            WebhookReceiver.Received issued = receiver.containing("WH-1").getFirst();
            assertThat(WebhookSignature.verify(List.of(WebhookSecret.parse(secret)), issued.headers(),
                    issued.body(), Instant.now(), WebhookSignature.DEFAULT_TOLERANCE)).isEmpty();
            assertThat(issued.text()).contains("\"booking.issued\"");
            assertThat(receiver.containing("\"booking.held\"")).as("the endpoint takes issues only").isEmpty();

            String deliveryId = issued.headers().get(WebhookSignature.ID_HEADER);
            ContractSupport.await("the attempt recorded", PATIENCE, () -> agency.get("/v1/webhook-deliveries/"
                    + deliveryId).json().at("/delivery/status").asText().equals("SUCCEEDED"));
            JsonNode delivery = agency.get("/v1/webhook-deliveries/" + deliveryId).json();
            assertThat(delivery.at("/attempts/0/status_code").asInt()).isEqualTo(204);
            assertThat(delivery.at("/payload/data/bookingId").asText()).isEqualTo("WH-1");

            // The receiver is gone (410): the endpoint is disabled and the next issue's delivery dies.
            receiver.answer(410);
            new BookingSteps(agency).issued("WH-2");
            ContractSupport.await("the delivery dead", PATIENCE, () -> agency.get(
                    "/v1/webhook-deliveries?status=DEAD").json().get("items").size() == 1);
            assertThat(agency.get("/v1/webhook-endpoints/back-office").json().get("enabled").asBoolean()).isFalse();
            String dead = agency.get("/v1/webhook-deliveries?status=DEAD").json().at("/items/0/id").asText();

            receiver.answer(204);
            agency.post("/v1/webhook-endpoints/back-office/enable", Map.of());
            assertThat(agency.post("/v1/webhook-deliveries/" + dead + "/replay", Map.of()).json().get("status")
                    .asText()).isEqualTo("PENDING");
            ContractSupport.await("the replayed delivery", PATIENCE, () -> receiver.containing("WH-2").size() == 2);
            ContractSupport.await("the replay recorded", PATIENCE, () -> agency.get("/v1/webhook-deliveries/" + dead)
                    .json().at("/delivery/status").asText().equals("SUCCEEDED"));
            assertThat(agency.post("/v1/webhook-deliveries/" + dead + "/replay", Map.of()).code())
                    .as("only a dead delivery is replayed").isEqualTo("WEBHOOK_DELIVERY_NOT_DEAD");

            String metrics = agency.withKey(server.operatorKey()).get("/metrics").body();
            assertThat(metrics).containsPattern("travo_webhook_attempts_seconds_count\\{outcome=\"2xx\"} 2(\\.0)?\n")
                    .containsPattern("travo_webhook_attempts_seconds_count\\{outcome=\"4xx\"} 1(\\.0)?\n")
                    .containsPattern("travo_queue_messages\\{group=\"webhooks\",queue=\"outbox\",state=\"waiting\"} "
                            + "[0-9.]+");
        }
        assertThat(contract.violations()).isEmpty();
    }
}
