package io.travobooks.identity;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passwords hashed with Argon2id, stored in the common PHC string form
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}) so that the cost travels with each hash: raising the cost
 * later leaves old hashes verifiable, and {@link Verification#needsRehash} says when to store a new one. Passwords
 * are compared after Unicode NFKC normalisation, so that the same text typed on two keyboards is the same password.
 * A stored hash below OWASP's minimum cost, or above four times the current one, is refused rather than checked:
 * this class never wrote it.
 */
public final class PasswordHashing {
    private static final Pattern PHC = Pattern.compile("^\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,3})"
            + "\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,86})$");
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    /** How many times the current cost a stored hash may name (after the cost was lowered); more is refused. */
    private static final int MOST_TIMES_CURRENT = 4;

    private final Cost cost;
    private final Cost most;
    private final SecureRandom random = new SecureRandom();
    /** A hash of no one's password at this cost: checked when there is no user, so that both answers take as long. */
    private volatile String decoy; // racing first uses may each make one: any of them serves

    /** The Argon2id cost: memory in KiB, passes, lanes. */
    public record Cost(int memoryKib, int iterations, int parallelism) {
        private static final int MIN_MEMORY_KIB = 19_456;
        private static final int MIN_ITERATIONS = 2;
        /** OWASP's minimum for Argon2id: 19 MiB, two passes, one lane. */
        public static final Cost OWASP_MINIMUM = new Cost(MIN_MEMORY_KIB, MIN_ITERATIONS, 1);

        public Cost {
            if (memoryKib < MIN_MEMORY_KIB || iterations < MIN_ITERATIONS || parallelism < 1
                    || memoryKib < 8 * parallelism) {
                throw new IllegalArgumentException("an Argon2id cost below m=19456 KiB, t=2, p=1: " + memoryKib
                        + " KiB, t=" + iterations + ", p=" + parallelism);
            }
        }

        boolean above(Cost limit) {
            return memoryKib > limit.memoryKib || iterations > limit.iterations || parallelism > limit.parallelism;
        }

        boolean below(Cost wanted) {
            return memoryKib < wanted.memoryKib || iterations < wanted.iterations || parallelism < wanted.parallelism;
        }
    }

    /** Whether a password matched, and whether its stored hash is below the current cost. */
    public record Verification(boolean matches, boolean needsRehash) {
    }

    public PasswordHashing(Cost cost) {
        this.cost = Objects.requireNonNull(cost, "cost");
        this.most = new Cost(cost.memoryKib * MOST_TIMES_CURRENT, cost.iterations * MOST_TIMES_CURRENT,
                cost.parallelism * MOST_TIMES_CURRENT);
    }

    /** Made on first need: a start that signs no one in pays no Argon2id run for it. */
    private String decoy() {
        String made = decoy;
        if (made == null) {
            made = hash("no one's password");
            decoy = made;
        }
        return made;
    }

    /** A new hash of {@code password} with a fresh random salt, at this instance's cost. */
    public String hash(CharSequence password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, cost, HASH_BYTES);
        return "$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s".formatted(cost.memoryKib, cost.iterations, cost.parallelism,
                ENCODER.encodeToString(salt), ENCODER.encodeToString(hash));
    }

    /**
     * Checks {@code password} against a stored hash in constant time. A stored value that is not an Argon2id PHC
     * string never matches (and is reported as needing a new hash).
     */
    public Verification verify(CharSequence password, String stored) {
        Matcher phc = PHC.matcher(stored == null ? "" : stored);
        if (!phc.matches()) {
            verify(password, decoy()); // no shortcut for a malformed row either
            return new Verification(false, true);
        }
        Cost used;
        byte[] salt;
        byte[] expected;
        try {
            used = new Cost(Integer.parseInt(phc.group(1)), Integer.parseInt(phc.group(2)),
                    Integer.parseInt(phc.group(3)));
            salt = DECODER.decode(phc.group(4));
            expected = DECODER.decode(phc.group(5));
        } catch (IllegalArgumentException unusable) { // a cost below the minimum, or Base64 that does not decode
            used = null;
            salt = null;
            expected = null;
        }
        if (used == null || used.above(most)) { // a cost no one set here: a changed row must not exhaust memory
            verify(password, decoy());
            return new Verification(false, true);
        }
        byte[] actual = derive(password, salt, used, expected.length);
        return new Verification(MessageDigest.isEqual(expected, actual), used.below(cost));
    }

    /** Spends the time of one verification and matches nothing: the answer for a user who does not exist. */
    public void verifyNobody(CharSequence password) {
        verify(password, decoy());
    }

    private static byte[] derive(CharSequence password, byte[] salt, Cost cost, int length) {
        byte[] secret = utf8(Passwords.normalized(password));
        try {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(cost.memoryKib)
                    .withIterations(cost.iterations)
                    .withParallelism(cost.parallelism)
                    .withSalt(salt)
                    .build());
            byte[] out = new byte[length];
            generator.generateBytes(secret, out);
            return out;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static byte[] utf8(String text) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(text));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }
}
