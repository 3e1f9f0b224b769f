package io.travobooks.identity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHashingTest {
    private static final PasswordHashing HASHING = new PasswordHashing(PasswordHashing.Cost.OWASP_MINIMUM);

    /**
     * Hashes made by the reference implementation's command-line tool (Debian's argon2 package), not by this code:
     * {@code echo -n "correct horse battery staple" | argon2 travobooks-salt1 -id -t 2 -k 19456 -p 1 -l 32 -e}.
     */
    @Test
    void verifiesHashesOfTheReferenceImplementation() {
        String minimum = "$argon2id$v=19$m=19456,t=2,p=1$dHJhdm9ib29rcy1zYWx0MQ$"
                + "w0RCdGg+vxDS6li4k8iMN96ZVBOUSZcjw1GYleOHk1s";
        assertThat(HASHING.verify("correct horse battery staple", minimum))
                .isEqualTo(new PasswordHashing.Verification(true, false));
        assertThat(HASHING.verify("correct horse battery stapl", minimum).matches()).isFalse();
        // argon2 saltsaltsalt -id -t 3 -k 19456 -p 2 -l 32 over the UTF-8 of "pässwörd-TM"
        String higher = "$argon2id$v=19$m=19456,t=3,p=2$c2FsdHNhbHRzYWx0$"
                + "MOjav8xshVCXypCqnH5jTYQ6nxdGu1fsRh7IW5dlUDI";
        assertThat(HASHING.verify("p\u00e4ssw\u00f6rd-TM", higher).matches()).isTrue();
    }

    @Test
    void theSameTextTypedAnotherWayIsTheSamePassword() {
        String higher = "$argon2id$v=19$m=19456,t=3,p=2$c2FsdHNhbHRzYWx0$"
                + "MOjav8xshVCXypCqnH5jTYQ6nxdGu1fsRh7IW5dlUDI";
        // decomposed umlauts and the trade mark sign: NFKC makes them "pässwörd-TM"
        assertThat(HASHING.verify("pa\u0308sswo\u0308rd-\u2122", higher).matches()).isTrue();
    }

    @Test
    void aNewHashVerifiesAndCarriesItsCost() {
        String stored = HASHING.hash("a long and unusual passphrase");
        assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(HASHING.verify("a long and unusual passphrase", stored))
                .isEqualTo(new PasswordHashing.Verification(true, false));
        assertThat(HASHING.verify("a long and unusual passphrasE", stored).matches()).isFalse();
        assertThat(HASHING.hash("a long and unusual passphrase")).as("a fresh salt each time").isNotEqualTo(stored);
    }

    @Test
    void aHashBelowTheCurrentCostAsksForARehash() {
        PasswordHashing raised = new PasswordHashing(new PasswordHashing.Cost(19_456, 3, 1));
        String old = HASHING.hash("another unusual passphrase");
        assertThat(raised.verify("another unusual passphrase", old))
                .isEqualTo(new PasswordHashing.Verification(true, true));
        assertThat(raised.verify("another unusual passphrase", raised.hash("another unusual passphrase")))
                .isEqualTo(new PasswordHashing.Verification(true, false));
    }

    @Test
    void storedValuesThatAreNotArgon2idNeverMatch() {
        String good = HASHING.hash("x-password-1");
        for (String stored : new String[]{null, "", "x-password-1", good.replace("argon2id", "argon2i"),
                good.replace("m=19456", "m=1024"), good.replace("m=19456", "m=99999999"), good + "$",
                good.replaceFirst("\\$[A-Za-z0-9+/]{22}\\$", "\\$" + "A".repeat(13) + "\\$")}) {
            assertThat(HASHING.verify("x-password-1", stored)).as(stored)
                    .isEqualTo(new PasswordHashing.Verification(false, true));
        }
    }

    @Test
    void aCostBelowOwaspsMinimumIsRefused() {
        assertThatThrownBy(() -> new PasswordHashing.Cost(15_360, 2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordHashing.Cost(19_456, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
