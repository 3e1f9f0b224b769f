package io.travobooks.client;

import com.sun.net.httpserver.HttpServer;
import io.travobooks.client.generated.model.NewBooking;
import io.travobooks.client.generated.model.NewWebhookEndpoint;
import io.travobooks.client.generated.model.Passenger;
import io.travobooks.client.generated.model.Terms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A webhook endpoint registered through the Java client, and a delivery to it checked by {@link WebhookVerifier}. */
class WebhookDeliveryTest {
    @TempDir
    Path data;

    private record Delivery(Map<String, String> headers, byte[] body) {
    }

    @Test
    void anIssueArrivesSignedWithTheSecretShownAtRegistration() throws Exception {
        BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.getFirst()));
            received.add(new Delivery(headers, exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try (LocalServer server = LocalServer.start(data, "sdk-webhooks"); TravoClient client = server.client()) {
            String secret = TravoClient.keyed(key -> client.webhooks().registerWebhookEndpoint(key,
                    new NewWebhookEndpoint().id("back-office").eventTypes(Set.of("booking.issued"))
                            .url(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks"))))
                    .getSecret();
            issue(client, "SDK-W1");

            Delivery delivery = received.poll(30, TimeUnit.SECONDS);
            assertThat(delivery).as("a delivery within 30 s").isNotNull();
            assertThat(new String(delivery.body(), StandardCharsets.UTF_8)).contains("booking.issued", "SDK-W1");
            assertThat(WebhookVerifier.of(secret).isAuthentic(delivery.headers(), delivery.body(), Instant.now()))
                    .isTrue();
            byte[] altered = new String(delivery.body(), StandardCharsets.UTF_8).replace("SDK-W1", "SDK-W2")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(WebhookVerifier.of(secret).isAuthentic(delivery.headers(), altered, Instant.now()))
                    .as("a body changed on the way").isFalse();
        } finally {
            receiver.stop(0);
        }
    }

    private static void issue(TravoClient client, String id) {
        String offer = TravoClient.call(() -> client.bookings().searchOffers("DAC", "DXB",
                LocalDate.now().plusDays(30))).getItems().getFirst().getOfferId();
        TravoClient.keyed(key -> client.bookings().holdBooking(key, new NewBooking().id(id).offerId(offer)
                .passengers(List.of(new Passenger().givenName("KARIM").surname("AHMED")))
                .terms(new Terms().currency("BDT"))));
        TravoClient.call(() -> client.bookings().priceBooking(id));
        TravoClient.keyed(key -> client.bookings().issueBooking(key, id, null));
    }
}
