package io.travobooks.identity.approval;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a request's exact payload, which an approval names: the checker approves this hash, so a payload
 * changed after the request cannot be approved under it. The caller chooses the bytes (the server: the canonical
 * JSON of the request), the same bytes every time.
 */
public final class PayloadHash {
    private PayloadHash() {
    }

    public static String of(byte[] payload) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
