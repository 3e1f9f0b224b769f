package io.travobooks.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The secret part of an API key: {@code tb_} followed by 30 random base-62 characters (178 bits) and a six-character
 * CRC-32 checksum of them, so that a scanner can tell a leaked key from random text without asking the server. Only
 * its SHA-256 is stored: the secret is random and long, so a fast hash is as safe as a slow one and costs nothing on
 * every request.
 */
public record ApiKeySecret(String value) {
    public static final String PREFIX = "tb_";
    private static final int RANDOM_LENGTH = 30;
    private static final int CHECKSUM_LENGTH = 6;
    private static final int LENGTH = PREFIX.length() + RANDOM_LENGTH + CHECKSUM_LENGTH;
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    public ApiKeySecret {
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("not a travoBooks API key");
        }
    }

    public static ApiKeySecret generate() {
        return new ApiKeySecret(PREFIX + withChecksum(randomBase62(RANDOM_LENGTH)));
    }

    /** The key as the caller sent it, when it has the form and checksum of one. */
    public static Optional<ApiKeySecret> parse(String candidate) {
        return isWellFormed(candidate) ? Optional.of(new ApiKeySecret(candidate)) : Optional.empty();
    }

    public static boolean isWellFormed(String candidate) {
        if (candidate == null || candidate.length() != LENGTH || !candidate.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            if (ALPHABET.indexOf(candidate.charAt(i)) < 0) {
                return false;
            }
        }
        String random = candidate.substring(PREFIX.length(), PREFIX.length() + RANDOM_LENGTH);
        return candidate.endsWith(checksum(random));
    }

    /** Hex SHA-256 of the whole key: what the store keeps and looks keys up by. */
    public String hash() {
        return Sha256.hex(value);
    }

    /** The first characters, enough to recognise a key in a list without revealing it. */
    public String displayPrefix() {
        return value.substring(0, PREFIX.length() + 6);
    }

    /** Never the secret itself: keys must not end up in logs through a toString. */
    @Override
    public String toString() {
        return displayPrefix() + "...";
    }

    public static String randomBase62(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    private static String withChecksum(String random) {
        return random + checksum(random);
    }

    private static String checksum(String random) {
        CRC32 crc = new CRC32();
        crc.update(random.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] digits = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            digits[i] = ALPHABET.charAt((int) (value % ALPHABET.length()));
            value /= ALPHABET.length();
        }
        return new String(digits);
    }
}
