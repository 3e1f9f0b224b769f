package io.travobooks.identity;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Time-based one-time codes (RFC 6238 over RFC 4226's HOTP): a code for each time step since the Unix epoch, from an
 * HMAC of the step's number under the user's secret. A code is accepted one step early or late, for clocks that
 * drift; {@link #match} answers the step a code belongs to, and a caller that stores the last step it accepted
 * passes it back, so that each code works once. The store's update of that step is a compare-and-set (two requests
 * may offer one code at once), and attempts are rate-limited: six digits fall to guessing otherwise.
 */
public final class Totp {
    /** The authenticator apps' default: HMAC-SHA1, six digits, 30-second steps. */
    public static final Totp STANDARD = new Totp(Algorithm.SHA1, 6, 30);
    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};
    /** Steps either side of now that still count. */
    private static final int DRIFT = 1;

    /** The HMAC, named as otpauth URIs name it. */
    public enum Algorithm {
        SHA1("HmacSHA1"), SHA256("HmacSHA256"), SHA512("HmacSHA512");

        private final String mac;

        Algorithm(String mac) {
            this.mac = mac;
        }
    }

    private final Algorithm algorithm;
    private final int digits;
    private final int stepSeconds;

    public Totp(Algorithm algorithm, int digits, int stepSeconds) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        if (digits < 6 || digits > 8 || stepSeconds < 1) {
            throw new IllegalArgumentException("codes have 6 to 8 digits and steps of at least a second");
        }
        this.digits = digits;
        this.stepSeconds = stepSeconds;
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    public int digits() {
        return digits;
    }

    public int stepSeconds() {
        return stepSeconds;
    }

    /** The time step an instant falls in. */
    public long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), stepSeconds);
    }

    /** The code for one time step. */
    public String code(byte[] secret, long step) {
        byte[] hmac = hmac(secret, ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        int offset = hmac[hmac.length - 1] & 0x0f;
        int binary = (hmac[offset] & 0x7f) << 24 | (hmac[offset + 1] & 0xff) << 16
                | (hmac[offset + 2] & 0xff) << 8 | hmac[offset + 3] & 0xff;
        String code = Integer.toString(binary % POWERS[digits]);
        return "0".repeat(digits - code.length()) + code;
    }

    /**
     * The step of {@code now}, or one either side, whose code {@code code} is, when that step is after
     * {@code lastUsedStep} (pass {@code Long.MIN_VALUE} for a secret never used); empty otherwise. Every candidate is
     * compared, in constant time, so the answer's timing says nothing about which step matched.
     */
    public OptionalLong match(byte[] secret, String code, Instant now, long lastUsedStep) {
        byte[] offered = (code == null ? "" : code).getBytes(StandardCharsets.US_ASCII);
        long current = step(now);
        long matched = Long.MIN_VALUE;
        for (long step = current - DRIFT; step <= current + DRIFT; step++) {
            boolean equal = MessageDigest.isEqual(offered, code(secret, step).getBytes(StandardCharsets.US_ASCII));
            if (equal && step > lastUsedStep && matched == Long.MIN_VALUE) {
                matched = step;
            }
        }
        return matched == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    private byte[] hmac(byte[] secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance(algorithm.mac);
            mac.init(new SecretKeySpec(secret, algorithm.mac));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + algorithm.mac, e);
        }
    }
}
