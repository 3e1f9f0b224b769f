package io.travobooks.identity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTest {
    /** RFC 6238's test keys: the ASCII digits 1234567890 repeated to the HMAC's key length. */
    private static byte[] key(Totp.Algorithm algorithm) {
        int length = switch (algorithm) {
            case SHA1 -> 20;
            case SHA256 -> 32;
            case SHA512 -> 64;
        };
        return "1234567890".repeat(7).substring(0, length).getBytes(StandardCharsets.US_ASCII);
    }

    /** RFC 6238, appendix B: eight-digit codes, 30-second steps. */
    @ParameterizedTest
    @CsvSource({
            "59, SHA1, 94287082", "59, SHA256, 46119246", "59, SHA512, 90693936",
            "1111111109, SHA1, 07081804", "1111111109, SHA256, 68084774", "1111111109, SHA512, 25091201",
            "1111111111, SHA1, 14050471", "1111111111, SHA256, 67062674", "1111111111, SHA512, 99943326",
            "1234567890, SHA1, 89005924", "1234567890, SHA256, 91819424", "1234567890, SHA512, 93441116",
            "2000000000, SHA1, 69279037", "2000000000, SHA256, 90698825", "2000000000, SHA512, 38618901",
            "20000000000, SHA1, 65353130", "20000000000, SHA256, 77737706", "20000000000, SHA512, 47863826"})
    void theRfcsTestVectors(long unixSeconds, Totp.Algorithm algorithm, String expected) {
        Totp totp = new Totp(algorithm, 8, 30);
        long step = totp.step(Instant.ofEpochSecond(unixSeconds));
        assertThat(totp.code(key(algorithm), step)).isEqualTo(expected);
        assertThat(totp.match(key(algorithm), expected, Instant.ofEpochSecond(unixSeconds), Long.MIN_VALUE))
                .hasValue(step);
    }

    /** RFC 4226, appendix D: the six-digit HOTP values of counters 0 to 9, which TOTP computes for steps 0 to 9. */
    @Test
    void theHotpValuesOfTheFirstTenCounters() {
        String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583",
                "399871", "520489"};
        for (int counter = 0; counter < expected.length; counter++) {
            assertThat(Totp.STANDARD.code(key(Totp.Algorithm.SHA1), counter)).as("counter %d", counter)
                    .isEqualTo(expected[counter]);
        }
    }

    @Test
    void aCodeCountsOneStepEarlyOrLateAndNoFurther() {
        byte[] secret = key(Totp.Algorithm.SHA1);
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        long step = Totp.STANDARD.step(now);
        for (long offset = -1; offset <= 1; offset++) {
            assertThat(Totp.STANDARD.match(secret, Totp.STANDARD.code(secret, step + offset), now, Long.MIN_VALUE))
                    .as("offset %d", offset).hasValue(step + offset);
        }
        for (long offset : new long[]{-3, -2, 2, 3}) {
            assertThat(Totp.STANDARD.match(secret, Totp.STANDARD.code(secret, step + offset), now, Long.MIN_VALUE))
                    .as("offset %d", offset).isEmpty();
        }
    }

    @Test
    void aCodeWorksOnce() {
        byte[] secret = key(Totp.Algorithm.SHA1);
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        String code = Totp.STANDARD.code(secret, Totp.STANDARD.step(now));
        OptionalLong first = Totp.STANDARD.match(secret, code, now, Long.MIN_VALUE);
        assertThat(first).isPresent();
        assertThat(Totp.STANDARD.match(secret, code, now.plusSeconds(20), first.getAsLong())).isEmpty();
        // nor does an earlier step's code once a later one was used
        String earlier = Totp.STANDARD.code(secret, first.getAsLong() - 1);
        assertThat(Totp.STANDARD.match(secret, earlier, now, first.getAsLong())).isEmpty();
    }

    @Test
    void aWrongOrMalformedCodeMatchesNothing() {
        byte[] secret = key(Totp.Algorithm.SHA1);
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        String right = Totp.STANDARD.code(secret, Totp.STANDARD.step(now));
        String wrong = (right.charAt(0) == '9' ? "0" : String.valueOf((char) (right.charAt(0) + 1)))
                + right.substring(1);
        assertThat(Totp.STANDARD.match(secret, wrong, now, Long.MIN_VALUE)).isEmpty();
        assertThat(Totp.STANDARD.match(secret, null, now, Long.MIN_VALUE)).isEmpty();
        assertThat(Totp.STANDARD.match(secret, right + "0", now, Long.MIN_VALUE)).isEmpty();
        assertThat(Totp.STANDARD.match("another secret 1234".getBytes(StandardCharsets.US_ASCII), right, now,
                Long.MIN_VALUE)).isEmpty();
    }
}
