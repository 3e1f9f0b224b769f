package io.travobooks.messaging.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures (symmetric, {@code v1}): the HMAC-SHA256, under the endpoint's secret, of
 * {@code <webhook-id>.<webhook-timestamp>.<body>}, base64 encoded and prefixed {@code v1,}. Several signatures
 * travel space-separated in one header, which is how a rotated secret keeps working while consumers switch.
 */
public final class WebhookSignature {
    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    /** How far a timestamp may be from the verifier's clock, either way (the specification's recommendation). */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private WebhookSignature() {
    }

    /** {@code v1,<base64 HMAC-SHA256 of id.timestamp.body>}. */
    public static String sign(WebhookSecret secret, String messageId, Instant timestamp, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(hmac(secret, messageId, timestamp.getEpochSecond(), body));
    }

    /**
     * The three headers of a delivery: its id, the attempt's timestamp (seconds), and one signature per secret
     * that signs at the moment (two during a rotation).
     */
    public static Map<String, String> headers(List<WebhookSecret> secrets, String messageId, Instant timestamp,
                                              byte[] body) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a delivery is signed with at least one secret");
        }
        List<String> signatures = new ArrayList<>();
        for (WebhookSecret secret : secrets) {
            signatures.add(sign(secret, messageId, timestamp, body));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ID_HEADER, messageId);
        headers.put(TIMESTAMP_HEADER, Long.toString(timestamp.getEpochSecond()));
        headers.put(SIGNATURE_HEADER, String.join(" ", signatures));
        return headers;
    }

    /** Why a delivery failed verification. */
    public enum Failure {
        MISSING_HEADERS, BAD_TIMESTAMP, TIMESTAMP_TOO_OLD, TIMESTAMP_TOO_NEW, NO_MATCHING_SIGNATURE
    }

    /**
     * Checks a received delivery: the three headers are present, the timestamp is within {@code tolerance} of
     * {@code now}, and one {@code v1} signature in the header (others, and other versions, are ignored) matches the
     * body under one of {@code secrets}, compared in constant time. Empty when it verifies.
     */
    public static Optional<Failure> verify(List<WebhookSecret> secrets, Map<String, String> headers,
                                                     byte[] body, Instant now, Duration tolerance) {
        Objects.requireNonNull(headers, "headers");
        String id = header(headers, ID_HEADER);
        String timestamp = header(headers, TIMESTAMP_HEADER);
        String signatures = header(headers, SIGNATURE_HEADER);
        if (id == null || timestamp == null || signatures == null) {
            return Optional.of(Failure.MISSING_HEADERS);
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return Optional.of(Failure.BAD_TIMESTAMP);
        }
        if (seconds < now.minus(tolerance).getEpochSecond()) {
            return Optional.of(Failure.TIMESTAMP_TOO_OLD);
        }
        if (seconds > now.plus(tolerance).getEpochSecond()) {
            return Optional.of(Failure.TIMESTAMP_TOO_NEW);
        }
        for (WebhookSecret secret : secrets) {
            byte[] expected = hmac(secret, id, seconds, body);
            for (String candidate : signatures.split(" ")) {
                if (!candidate.startsWith("v1,")) {
                    continue;
                }
                byte[] given;
                try {
                    given = Base64.getDecoder().decode(candidate.substring(3));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (MessageDigest.isEqual(expected, given)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(Failure.NO_MATCHING_SIGNATURE);
    }

    /** HTTP header names are case-insensitive. */
    private static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    private static byte[] hmac(WebhookSecret secret, String messageId, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
            mac.update((messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
