package io.travobooks.identity;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TotpEnrolmentTest {
    @Test
    void theUriOfAKnownSecret() {
        // RFC 6238's SHA-1 test key; its Base32 form is the one RFC 4648's alphabet gives, which apps decode
        byte[] key = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
        TotpEnrolment enrolment = TotpEnrolment.of(Totp.STANDARD, key, "Agency One", "rahim@example.com");
        assertThat(enrolment.uri()).isEqualTo("otpauth://totp/Agency%20One:rahim%40example.com"
                + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Agency%20One&algorithm=SHA1&digits=6&period=30");
        assertThat(URI.create(enrolment.uri()).getPath()).isEqualTo("/Agency One:rahim@example.com");
    }

    @Test
    void aNewEnrolmentHasA160BitSecretOfItsOwn() {
        TotpEnrolment first = TotpEnrolment.create(Totp.STANDARD, "Agency", "a@example.com");
        TotpEnrolment second = TotpEnrolment.create(Totp.STANDARD, "Agency", "a@example.com");
        assertThat(first.secret()).hasSize(20);
        assertThat(first.secret()).isNotEqualTo(second.secret());
        assertThat(first.uri()).startsWith("otpauth://totp/Agency:a%40example.com?secret=");
        assertThat(first.toString()).doesNotContain(first.uri().substring(first.uri().indexOf("secret=")));
    }

    @Test
    void theBase32OfASecretThatIsNotAMultipleOfFiveBytesHasNoPadding() {
        // RFC 4648's own example: "foobar" is MZXW6YTBOI======
        TotpEnrolment enrolment = TotpEnrolment.of(Totp.STANDARD, "foobar".getBytes(StandardCharsets.US_ASCII),
                "Agency", "a");
        assertThat(enrolment.uri()).contains("?secret=MZXW6YTBOI&issuer=");
    }

    @Test
    void theSecretCannotBeChangedFromOutside() {
        TotpEnrolment enrolment = TotpEnrolment.create(Totp.STANDARD, "Agency", "a");
        byte[] copy = enrolment.secret();
        copy[0] ^= 1;
        assertThat(enrolment.secret()).isNotEqualTo(copy);
    }

    @Test
    void aColonInTheLabelIsRefused() {
        assertThatThrownBy(() -> TotpEnrolment.create(Totp.STANDARD, "Agency:One", "a"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TotpEnrolment.create(Totp.STANDARD, "Agency", "a:b"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
