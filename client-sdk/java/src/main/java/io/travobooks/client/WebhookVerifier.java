package io.travobooks.client;

import io.travobooks.client.internal.HeaderValues;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * For a receiver of travoBooks webhooks: checks that a delivery was signed with the endpoint's secret (Standard
 * Webhooks, {@code v1}: HMAC-SHA256 of {@code webhook-id.webhook-timestamp.body}) and is recent, so that a forged
 * or replayed request is turned away. Give it both secrets while one is rotated.
 */
public final class WebhookVerifier {
    /** How far a delivery's timestamp may be from the receiver's clock, either way. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final String PREFIX = "whsec_";

    private final List<byte[]> keys;

    private WebhookVerifier(List<byte[]> keys) {
        this.keys = keys;
    }

    /** A verifier for these secrets, as the server showed them ({@code whsec_...}). */
    public static WebhookVerifier of(String... secrets) {
        if (secrets.length == 0) {
            throw new IllegalArgumentException("a verifier needs at least one secret");
        }
        return new WebhookVerifier(Arrays.stream(secrets).map(WebhookVerifier::key).toList());
    }

    private static byte[] key(String secret) {
        byte[] key = Base64.getDecoder().decode(secret.startsWith(PREFIX) ? secret.substring(PREFIX.length())
                : secret);
        if (key.length < 16 || key.length > 64) {
            throw new IllegalArgumentException("a webhook secret is whsec_ and the base64 of 16 to 64 bytes");
        }
        return key;
    }

    /** Whether the delivery with these headers (any case) and this exact body is authentic and recent. */
    public boolean isAuthentic(Map<String, String> headers, byte[] body, Instant now) {
        Map<String, String> named = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        named.putAll(headers);
        Optional<String> id = Optional.ofNullable(named.get("webhook-id"));
        Optional<Long> sent = Optional.ofNullable(named.get("webhook-timestamp")).flatMap(HeaderValues::wholeSeconds);
        Optional<String> signatures = Optional.ofNullable(named.get("webhook-signature"));
        if (id.isEmpty() || sent.isEmpty() || signatures.isEmpty()
                || Math.abs(now.getEpochSecond() - sent.get()) > TOLERANCE.toSeconds()) {
            return false;
        }
        for (byte[] key : keys) {
            byte[] expected = ("v1," + Base64.getEncoder().encodeToString(hmac(key, id.get(), sent.get(), body)))
                    .getBytes(StandardCharsets.US_ASCII);
            for (String signature : signatures.get().split(" ")) {
                if (MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] hmac(byte[] key, String id, long seconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + seconds + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
