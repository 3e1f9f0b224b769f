package io.travobooks.ledger.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** SHA-256 over length-prefixed fields, so that no two different field lists hash the same bytes. */
public final class ContentHash {
    private final MessageDigest digest;

    public ContentHash() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public ContentHash field(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int length = bytes.length;
        digest.update(new byte[]{(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
        digest.update(bytes);
        return this;
    }

    public String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String of(Map<String, String> fields) {
        ContentHash hash = new ContentHash();
        fields.forEach((key, value) -> hash.field(key).field(value));
        return hash.hex();
    }
}
