package io.travobooks.messaging.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Standard Webhooks signatures against the specification's published test vector (the reference libraries' sign
 * test: secret, message id, timestamp, payload and expected signature) and its verification rules.
 */
class WebhookSignatureTest {
    private static final WebhookSecret SECRET = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final String MESSAGE_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final Instant TIMESTAMP = Instant.ofEpochSecond(1614265330);
    private static final byte[] PAYLOAD = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signingMatchesTheSpecificationsVector() {
        assertThat(WebhookSignature.sign(SECRET, MESSAGE_ID, TIMESTAMP, PAYLOAD))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    private static Map<String, String> signedHeaders() {
        return new HashMap<>(WebhookSignature.headers(List.of(SECRET), MESSAGE_ID, TIMESTAMP, PAYLOAD));
    }

    private static Optional<WebhookSignature.Failure> verify(Map<String, String> headers, Instant now) {
        return WebhookSignature.verify(List.of(SECRET), headers, PAYLOAD, now, WebhookSignature.DEFAULT_TOLERANCE);
    }

    @Test
    void aSignedDeliveryVerifiesWithinTheTolerance() {
        Map<String, String> headers = signedHeaders();

        assertThat(headers).containsEntry("webhook-id", MESSAGE_ID).containsEntry("webhook-timestamp", "1614265330")
                .containsEntry("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        assertThat(verify(headers, TIMESTAMP.plus(Duration.ofMinutes(4)))).isEmpty();
        assertThat(verify(headers, TIMESTAMP.plus(Duration.ofMinutes(6))))
                .contains(WebhookSignature.Failure.TIMESTAMP_TOO_OLD);
        assertThat(verify(headers, TIMESTAMP.minus(Duration.ofMinutes(6))))
                .contains(WebhookSignature.Failure.TIMESTAMP_TOO_NEW);
    }

    @Test
    void anyValidV1SignatureAmongSeveralVerifiesAndOthersAreIgnored() {
        Map<String, String> headers = signedHeaders();
        headers.put("webhook-signature", String.join(" ", "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
                "v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=", headers.get("webhook-signature"), "v1,not base64!"));

        assertThat(verify(headers, TIMESTAMP)).isEmpty();
    }

    @Test
    void aForgedTamperedOrIncompleteDeliveryIsRefused() {
        Map<String, String> forged = signedHeaders();
        forged.put("webhook-signature", "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=");
        assertThat(verify(forged, TIMESTAMP)).contains(WebhookSignature.Failure.NO_MATCHING_SIGNATURE);

        assertThat(WebhookSignature.verify(List.of(SECRET), signedHeaders(),
                "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8), TIMESTAMP,
                WebhookSignature.DEFAULT_TOLERANCE)).contains(WebhookSignature.Failure.NO_MATCHING_SIGNATURE);

        Map<String, String> otherId = signedHeaders();
        otherId.put("webhook-id", "msg_other");
        assertThat(verify(otherId, TIMESTAMP)).contains(WebhookSignature.Failure.NO_MATCHING_SIGNATURE);

        Map<String, String> partial = signedHeaders();
        partial.put("webhook-signature", "v1,");
        assertThat(verify(partial, TIMESTAMP)).contains(WebhookSignature.Failure.NO_MATCHING_SIGNATURE);

        for (String header : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
            Map<String, String> missing = signedHeaders();
            missing.remove(header);
            assertThat(verify(missing, TIMESTAMP)).as(header).contains(WebhookSignature.Failure.MISSING_HEADERS);
        }
        Map<String, String> badTime = signedHeaders();
        badTime.put("webhook-timestamp", "yesterday");
        assertThat(verify(badTime, TIMESTAMP)).contains(WebhookSignature.Failure.BAD_TIMESTAMP);
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        Map<String, String> headers = new HashMap<>();
        signedHeaders().forEach((name, value) -> headers.put(name.toUpperCase(), value));

        assertThat(verify(headers, TIMESTAMP)).isEmpty();
    }

    @Test
    void secretsParseWithOrWithoutPrefixAndPadding() {
        assertThat(WebhookSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isEqualTo(SECRET);
        assertThat(WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS"))
                .isEqualTo(WebhookSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS="));
        assertThat(WebhookSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwBr"))
                .isEqualTo(WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwBr=="));
        assertThat(SECRET.serialized()).isEqualTo("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(SECRET.toString()).doesNotContain("MfKQ");
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_not*base64")).isInstanceOf(IllegalArgumentException.class);
        assertThat(WebhookSecret.generate()).isNotEqualTo(WebhookSecret.generate());
    }

    @Test
    void aRotatedSecretSignsAlongsideTheNewOneForADay() {
        WebhookSecret next = WebhookSecret.generate();
        Instant rotatedAt = TIMESTAMP;
        EndpointSecrets secrets = EndpointSecrets.of(SECRET).rotate(next, rotatedAt);

        Instant during = rotatedAt.plus(Duration.ofHours(23));
        Map<String, String> headers = WebhookSignature.headers(secrets.signingAt(during), MESSAGE_ID, during,
                PAYLOAD);
        assertThat(headers.get("webhook-signature").split(" ")).hasSize(2);
        for (WebhookSecret consumerSecret : List.of(SECRET, next)) {
            assertThat(WebhookSignature.verify(List.of(consumerSecret), headers, PAYLOAD, during,
                    WebhookSignature.DEFAULT_TOLERANCE)).as("a consumer with either secret").isEmpty();
        }

        Instant after = rotatedAt.plus(Duration.ofHours(24));
        assertThat(secrets.signingAt(after)).containsExactly(next);
        Map<String, String> later = WebhookSignature.headers(secrets.signingAt(after), MESSAGE_ID, after, PAYLOAD);
        assertThat(WebhookSignature.verify(List.of(SECRET), later, PAYLOAD, after,
                WebhookSignature.DEFAULT_TOLERANCE)).contains(WebhookSignature.Failure.NO_MATCHING_SIGNATURE);
    }
}
