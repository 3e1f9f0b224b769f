package io.travobooks.client;

import io.travobooks.messaging.webhook.WebhookSecret;
import io.travobooks.messaging.webhook.WebhookSignature;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The receiver's check against deliveries signed by the server's own signer. */
class WebhookVerifierTest {
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final byte[] BODY = "{\"type\":\"booking.issued\",\"data\":{\"booking_id\":\"bk-1\"}}"
            .getBytes(StandardCharsets.UTF_8);
    private final WebhookSecret secret = WebhookSecret.generate();
    private final WebhookSecret next = WebhookSecret.generate();

    private static Map<String, String> signed(List<WebhookSecret> secrets, Instant at, byte[] body) {
        return WebhookSignature.headers(secrets, "msg_2Q8f", at, body);
    }

    @Test
    void aDeliveryTheServerSignedIsAuthenticAndAChangedOneIsNot() {
        WebhookVerifier verifier = WebhookVerifier.of(secret.serialized());
        assertThat(verifier.isAuthentic(signed(List.of(secret), NOW, BODY), BODY, NOW)).isTrue();
        byte[] changed = new String(BODY, StandardCharsets.UTF_8).replace("bk-1", "bk-2")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.isAuthentic(signed(List.of(secret), NOW, BODY), changed, NOW)).isFalse();
        assertThat(WebhookVerifier.of(next.serialized()).isAuthentic(signed(List.of(secret), NOW, BODY), BODY, NOW))
                .as("another endpoint's secret").isFalse();
    }

    @Test
    void anOldOrMalformedDeliveryIsTurnedAwayAndHeaderCaseDoesNotMatter() {
        WebhookVerifier verifier = WebhookVerifier.of(secret.serialized());
        Instant stale = NOW.minus(WebhookVerifier.TOLERANCE).minus(Duration.ofSeconds(1));
        assertThat(verifier.isAuthentic(signed(List.of(secret), stale, BODY), BODY, NOW)).as("replayed").isFalse();
        Map<String, String> upper = new HashMap<>();
        signed(List.of(secret), NOW, BODY).forEach((name, value) -> upper.put(name.toUpperCase(), value));
        assertThat(verifier.isAuthentic(upper, BODY, NOW)).isTrue();
        Map<String, String> noId = new HashMap<>(signed(List.of(secret), NOW, BODY));
        noId.remove("webhook-id");
        assertThat(verifier.isAuthentic(noId, BODY, NOW)).isFalse();
    }

    @Test
    void aDeliveryFromTheFutureOrWithAnAbsurdTimestampIsTurnedAwayAndAnEmptySecretIsRefusedAtOnce() {
        WebhookVerifier verifier = WebhookVerifier.of(secret.serialized());
        Instant early = NOW.plus(WebhookVerifier.TOLERANCE).plus(Duration.ofSeconds(1));
        assertThat(verifier.isAuthentic(signed(List.of(secret), early, BODY), BODY, NOW)).isFalse();
        Map<String, String> absurd = new HashMap<>(signed(List.of(secret), NOW, BODY));
        absurd.put("webhook-timestamp", "99999999999999999");
        assertThat(verifier.isAuthentic(absurd, BODY, NOW)).isFalse();
        assertThatThrownBy(() -> WebhookVerifier.of("whsec_")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void duringARotationEitherSecretVerifies() {
        WebhookVerifier both = WebhookVerifier.of(secret.serialized(), next.serialized());
        assertThat(both.isAuthentic(signed(List.of(next), NOW, BODY), BODY, NOW)).isTrue();
        assertThat(both.isAuthentic(signed(List.of(secret, next), NOW, BODY), BODY, NOW)).isTrue();
    }
}
