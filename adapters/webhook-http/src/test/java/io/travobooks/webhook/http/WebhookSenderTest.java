package io.travobooks.webhook.http;

import io.travobooks.messaging.webhook.AddressRange;
import io.travobooks.messaging.webhook.DeliveryPolicy;
import io.travobooks.messaging.webhook.SsrfGuard;
import io.travobooks.messaging.webhook.WebhookSecret;
import io.travobooks.messaging.webhook.WebhookSignature;
import io.travobooks.messaging.webhook.WebhookTransport;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The sender against a real HTTP server on loopback (allowlisted, as the issue asks of tests). */
class WebhookSenderTest {
    private static final List<AddressRange> LOOPBACK = List.of(AddressRange.parse("127.0.0.0/8"));
    private static final byte[] BODY = "{\"type\":\"booking.issued\",\"data\":{\"bookingId\":\"BK1\"}}"
            .getBytes(StandardCharsets.UTF_8);
    private static final WebhookSecret SECRET = WebhookSecret.generate();

    private static WebhookSender sender(SsrfGuard guard) {
        return new WebhookSender(guard, Duration.ofSeconds(2), Duration.ofMillis(500), 1024, Clock.systemUTC());
    }

    private static WebhookSender sender() {
        return sender(SsrfGuard.withAllowed(LOOPBACK));
    }

    private static Map<String, String> signed(String messageId, Instant at) {
        return WebhookSignature.headers(List.of(SECRET), messageId, at, BODY);
    }

    private static WebhookTransport.Result sent(WebhookTransport.Transmission outcome) {
        assertThat(outcome).isInstanceOf(WebhookTransport.Transmission.Sent.class);
        return ((WebhookTransport.Transmission.Sent) outcome).result();
    }

    @Test
    void aDeliveryArrivesSignedAndItsAnswerIsLoggedBounded() throws Exception {
        byte[] large = "x".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        try (ScriptedReceiver receiver = new ScriptedReceiver(ScriptedReceiver.Reply.status(200).withBody(large));
             WebhookSender sender = sender()) {
            Instant now = Instant.now();

            WebhookTransport.Result result = sent(sender.send(receiver.uri("/hooks"), signed("msg_1", now), BODY));

            assertThat(result.attempt()).isEqualTo(new DeliveryPolicy.Attempt.Answered(200, Optional.empty()));
            assertThat(result.responseExcerpt()).hasSize(1024);
            ScriptedReceiver.Received got = receiver.received().getFirst();
            assertThat(got.body()).isEqualTo(BODY);
            assertThat(WebhookSignature.verify(List.of(SECRET), got.headers(), got.body(), now,
                    WebhookSignature.DEFAULT_TOLERANCE)).as("the receiver verifies what it got").isEmpty();
        }
    }

    @Test
    void aRedirectIsAFailedAttemptAndIsNotFollowed() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver(ScriptedReceiver.Reply.status(302)
                .withHeader("Location", "/elsewhere"));
             WebhookSender sender = sender()) {
            WebhookTransport.Result result = sent(sender.send(receiver.uri("/hooks"), signed("msg_1", Instant.now()),
                    BODY));

            assertThat(result.status()).contains(302);
            assertThat(receiver.received()).extracting(ScriptedReceiver.Received::path).containsExactly("/hooks");
        }
    }

    @Test
    void tooManyRequestsCarriesItsRetryAfterAndGoneIsReported() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver(ScriptedReceiver.Reply.status(429)
                .withHeader("Retry-After", "120"), ScriptedReceiver.Reply.status(410));
             WebhookSender sender = sender()) {
            assertThat(sent(sender.send(receiver.uri("/hooks"), signed("msg_1", Instant.now()), BODY)).attempt())
                    .isEqualTo(new DeliveryPolicy.Attempt.Answered(429, Optional.of(Duration.ofMinutes(2))));
            assertThat(sent(sender.send(receiver.uri("/hooks"), signed("msg_1", Instant.now()), BODY)).attempt())
                    .isEqualTo(new DeliveryPolicy.Attempt.Answered(410, Optional.empty()));
        }
    }

    @Test
    void anEndpointSlowerThanTheTimeoutIsNoAnswer() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver(ScriptedReceiver.Reply.status(200).after(2_000));
             WebhookSender sender = sender()) {
            WebhookTransport.Result result = sent(sender.send(receiver.uri("/hooks"), signed("msg_1", Instant.now()),
                    BODY));

            assertThat(result.attempt()).isInstanceOf(DeliveryPolicy.Attempt.NoAnswer.class);
            assertThat(result.status()).isEmpty();
        }
    }

    @Test
    void aLoopbackTargetIsRefusedWithoutTheAllowlistAndNothingIsSent() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver(ScriptedReceiver.Reply.status(200));
             WebhookSender sender = sender(SsrfGuard.withAllowed(List.of()))) {
            WebhookTransport.Transmission outcome = sender.send(receiver.uri("/hooks"), signed("msg_1", Instant.now()),
                    BODY);

            assertThat(outcome).isInstanceOf(WebhookTransport.Transmission.Refused.class);
            assertThat(((WebhookTransport.Transmission.Refused) outcome).reason())
                    .isEqualTo(SsrfGuard.Refusal.FORBIDDEN_ADDRESS);
            assertThat(receiver.received()).isEmpty();
        }
    }

    @Test
    void aNameThatRebindsToAForbiddenAddressAtConnectTimeIsRefused() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        SsrfGuard.Resolver rebinding = host -> List.of(InetAddress.getByName(
                lookups.incrementAndGet() == 1 ? "127.0.0.1" : "10.0.0.7"));
        try (ScriptedReceiver receiver = new ScriptedReceiver(ScriptedReceiver.Reply.status(200));
             WebhookSender sender = sender(new SsrfGuard(rebinding, LOOPBACK))) {
            URI target = URI.create("http://hooks.rebind.example:" + receiver.uri("/").getPort() + "/hooks");

            WebhookTransport.Transmission outcome = sender.send(target, signed("msg_1", Instant.now()), BODY);

            assertThat(outcome).isInstanceOf(WebhookTransport.Transmission.Refused.class);
            assertThat(receiver.received()).isEmpty();
        }
    }

    @Test
    void anEndpointFailingTwiceIsRetriedOnTheLadderThenSucceeds() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver(ScriptedReceiver.Reply.status(500),
                ScriptedReceiver.Reply.status(503), ScriptedReceiver.Reply.status(204));
             WebhookSender sender = sender()) {
            DeliveryPolicy policy = new DeliveryPolicy(new SplittableRandom(3));
            Instant clock = Instant.parse("2026-03-10T06:00:00Z"); // the schedule runs on a hand-moved clock
            List<Duration> waits = new ArrayList<>();
            DeliveryPolicy.Next next = null;
            for (int attempt = 1; attempt <= 3; attempt++) {
                WebhookTransport.Result result = sent(sender.send(receiver.uri("/hooks"), signed("msg_1", clock),
                        BODY));
                next = policy.after(attempt, result.attempt(), clock);
                if (next instanceof DeliveryPolicy.Next.RetryAt retry) {
                    waits.add(Duration.between(clock, retry.at()));
                    clock = retry.at();
                }
            }

            assertThat(next).isInstanceOf(DeliveryPolicy.Next.Succeeded.class);
            assertThat(waits).hasSize(2);
            assertThat(waits.get(0)).isBetween(Duration.ofSeconds(5), Duration.ofMillis(5_500));
            assertThat(waits.get(1)).isBetween(Duration.ofMinutes(5), Duration.ofSeconds(330));
            assertThat(receiver.received()).extracting(r -> r.headers().get("webhook-id"))
                    .as("every attempt carries the same webhook-id").containsOnly("msg_1");
            assertThat(receiver.received()).hasSize(3);
        }
    }
}
