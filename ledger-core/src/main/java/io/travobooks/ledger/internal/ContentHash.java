package io.travobooks.ledger.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * SHA-256 over length-prefixed fields, so that no two different field lists hash the same bytes. The fields are
 * gathered and hashed in one pass: a digest update per field cost more than the hashing itself.
 */
public final class ContentHash {
    private byte[] bytes = new byte[256];
    private int size;

    public ContentHash field(String value) {
        byte[] field = value.getBytes(StandardCharsets.UTF_8);
        int length = field.length;
        ensureRoom(4 + length);
        bytes[size++] = (byte) (length >>> 24);
        bytes[size++] = (byte) (length >>> 16);
        bytes[size++] = (byte) (length >>> 8);
        bytes[size++] = (byte) length;
        System.arraycopy(field, 0, bytes, size, length);
        size += length;
        return this;
    }

    public String hex() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        digest.update(bytes, 0, size);
        return HexFormat.of().formatHex(digest.digest());
    }

    private void ensureRoom(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    public static String of(Map<String, String> fields) {
        ContentHash hash = new ContentHash();
        fields.forEach((key, value) -> hash.field(key).field(value));
        return hash.hex();
    }
}
