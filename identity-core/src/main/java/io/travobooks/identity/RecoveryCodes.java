package io.travobooks.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One-use codes that stand in for the second factor when the authenticator is lost. Each has 80 random bits, in
 * Crockford's Base32 (no I, L, O or U, so nothing to misread) as four groups of four: too many to guess, so a plain
 * SHA-256 is a safe way to keep them. They are shown once; only the hashes are stored.
 */
public final class RecoveryCodes {
    public static final int COUNT = 10;
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int CHARACTERS = 16; // 16 x 5 bits
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {
    }

    /** New codes as shown to the user, e.g. {@code 7K3Q-F9XW-2MZD-0RTB}. */
    public static List<String> generate() {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < CHARACTERS; c++) {
                if (c > 0 && c % 4 == 0) {
                    code.append('-');
                }
                code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
            }
            codes.add(code.toString());
        }
        return codes;
    }

    /** What to store of a code. */
    public static String hash(String code) {
        return sha256(canonical(code));
    }

    /**
     * The stored hash that {@code offered} matches, if any, comparing with every stored one in constant time. The
     * code works once only if the caller deletes that hash atomically and takes "nothing deleted" for no match
     * (two requests may offer one code at once); attempts are rate-limited like logins. Typing is forgiven: case,
     * spaces, dashes, and the letters Crockford's alphabet reads as digits (I and L as 1, O as 0).
     */
    public static Optional<String> match(String offered, List<String> storedHashes) {
        byte[] candidate = sha256(canonical(offered == null ? "" : offered)).getBytes(StandardCharsets.US_ASCII);
        String found = null;
        for (String stored : storedHashes) {
            if (stored != null && MessageDigest.isEqual(candidate, stored.getBytes(StandardCharsets.US_ASCII))
                    && found == null) {
                found = stored;
            }
        }
        return Optional.ofNullable(found);
    }

    private static String canonical(String code) {
        return code.toUpperCase(Locale.ROOT).replaceAll("[\\s\\p{Z}-]", "")
                .replace('I', '1').replace('L', '1').replace('O', '0');
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
