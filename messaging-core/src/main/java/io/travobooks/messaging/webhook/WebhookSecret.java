package io.travobooks.messaging.webhook;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An endpoint's signing secret as the Standard Webhooks specification serialises it: {@code whsec_} and the key's
 * base64. Parsing accepts the key with or without the prefix and with or without base64 padding, as the
 * specification's reference libraries do.
 */
public final class WebhookSecret {
    public static final String PREFIX = "whsec_";
    private static final int GENERATED_BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        if (key.length < 16 || key.length > 64) {
            throw new IllegalArgumentException("a webhook secret has 16 to 64 bytes, got " + key.length);
        }
        this.key = key.clone();
    }

    /** A new random secret (24 bytes), as an endpoint gets when it is created or its secret rotated. */
    public static WebhookSecret generate() {
        byte[] key = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(key);
        return new WebhookSecret(key);
    }

    /** Parses {@code whsec_<base64>} or the bare base64; refused when it is not base64 of 16 to 64 bytes. */
    public static WebhookSecret parse(String serialized) {
        Objects.requireNonNull(serialized, "serialized");
        String base64 = serialized.startsWith(PREFIX) ? serialized.substring(PREFIX.length()) : serialized;
        try {
            return new WebhookSecret(Base64.getDecoder().decode(padded(base64)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a webhook secret: " + e.getMessage(), e);
        }
    }

    private static String padded(String base64) {
        int missing = (4 - base64.length() % 4) % 4;
        return base64 + "=".repeat(missing == 3 ? 0 : missing);
    }

    byte[] key() {
        return key.clone();
    }

    /** {@code whsec_} and the base64 key: what the endpoint's owner copies into their verifier. */
    public String serialized() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookSecret secret && MessageDigest.isEqual(key, secret.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    /** Never the key itself: secrets end up in logs through toString. */
    @Override
    public String toString() {
        return "WebhookSecret[" + key.length + " bytes]";
    }
}
