package io.travobooks.channel.http;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/**
 * How a provider signs what it posts to us (callbacks, inbound messages): {@code sha256=<hex HMAC-SHA256 of the
 * raw body>} in the {@value #HEADER} header, under a secret shared with that provider (Meta's WhatsApp Cloud API
 * scheme). Compared in constant time.
 */
public final class ProviderSignature {
    public static final String HEADER = "x-hub-signature-256";
    private static final String PREFIX = "sha256=";

    private ProviderSignature() {
    }

    /** True when {@code headers} (names in lower case) carry a signature of {@code body} under {@code secret}. */
    public static boolean verifies(String secret, Map<String, String> headers, byte[] body) {
        String signature = headers.get(HEADER);
        if (secret == null || signature == null || !signature.startsWith(PREFIX)) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = HexFormat.of().parseHex(signature.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(secret, body), claimed);
    }

    /** The header value a provider sends with {@code body}; for providers' simulators and tests. */
    public static String sign(String secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
