package io.travobooks.channel.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.travobooks.spi.channel.MessageRecord;
import io.travobooks.spi.channel.MessageStore;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Takes a provider's delivery callbacks: {@code {"id": "<provider message id>", "status": "delivered" | "failed",
 * "reason": "..."}}, signed in the {@value #SIGNATURE_HEADER} header as {@code sha256=<hex HMAC-SHA256 of the body>}
 * under the secret shared with that provider (the scheme of Meta's WhatsApp Cloud API). An unsigned or badly
 * signed callback is refused and changes nothing; a signed one moves its sent message to delivered or failed.
 */
public final class DeliveryCallbacks {
    public static final String SIGNATURE_HEADER = "x-hub-signature-256";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What became of a callback. */
    public enum Result {
        /** The message's status changed. */
        UPDATED,
        /** Signed and well formed, but no sent message of this provider has the id, or its status is final. */
        IGNORED,
        /** No signature, or one that does not match: not from the provider. */
        REFUSED_SIGNATURE,
        /** Signed, but not a callback this understands. */
        MALFORMED
    }

    private final MessageStore store;
    private final Map<String, byte[]> secrets;
    private final Clock clock;

    /** @param secrets each provider's callback secret, by provider name */
    public DeliveryCallbacks(MessageStore store, Map<String, String> secrets, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.secrets = new java.util.HashMap<>();
        secrets.forEach((provider, secret) -> this.secrets.put(provider, secret.getBytes(StandardCharsets.UTF_8)));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Handles the callback {@code provider} posted, with its headers (names in lower case) and raw body. */
    public Result receive(String provider, Map<String, String> headers, byte[] body) {
        byte[] secret = secrets.get(provider);
        String signature = headers.get(SIGNATURE_HEADER);
        if (secret == null || signature == null || !signature.startsWith("sha256=")
                || !MessageDigest.isEqual(hmac(secret, body), hex(signature.substring("sha256=".length())))) {
            return Result.REFUSED_SIGNATURE;
        }
        JsonNode callback;
        try {
            callback = JSON.readTree(body);
        } catch (IOException e) {
            return Result.MALFORMED;
        }
        String id = callback.path("id").asText("");
        MessageRecord.Status status = switch (callback.path("status").asText("")) {
            case "delivered" -> MessageRecord.Status.DELIVERED;
            case "failed", "undelivered" -> MessageRecord.Status.FAILED;
            default -> null;
        };
        if (id.isBlank() || status == null) {
            return Result.MALFORMED;
        }
        Optional<String> reason = callback.hasNonNull("reason") ? Optional.of(callback.get("reason").asText())
                : Optional.empty();
        boolean updated = store.transactions().inTransaction(uow ->
                store.updateFromProvider(uow, provider, id, status, reason, clock.instant()));
        return updated ? Result.UPDATED : Result.IGNORED;
    }

    /** The signature header a provider sends with {@code body}; for providers' simulators and tests. */
    public static String sign(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    private static byte[] hmac(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    private static byte[] hex(String text) {
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
