package io.travobooks.identity;

import io.travobooks.spi.Rejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTest {
    private static final PasswordPolicy POLICY = new PasswordPolicy();

    @ParameterizedTest
    @ValueSource(strings = {"password1", "P@ssw0rd!", "qwertyuiop", "iloveyou123", "12345678", "letmein2024"})
    void commonPasswordsAreRefusedAsGuessable(String common) {
        assertThat(POLICY.check(common, List.of())).map(Rejection::code)
                .hasValue(IdentityErrorCode.IDENTITY_PASSWORD_GUESSABLE);
    }

    @Test
    void aPasswordIsJudgedAsItIsHashedAfterNormalisation() {
        // fullwidth letters: no dictionary word as typed, but NFKC makes them "password1"
        assertThat(POLICY.check("\uFF50\uFF41\uFF53\uFF53\uFF57\uFF4F\uFF52\uFF44\uFF11", List.of()))
                .map(Rejection::code).hasValue(IdentityErrorCode.IDENTITY_PASSWORD_GUESSABLE);
    }

    @Test
    void theUsersOwnNameCountsAsKnown() {
        String password = "uddinrahim";
        assertThat(POLICY.check(password, List.of())).as("a stranger's name is not known").isEmpty();
        assertThat(POLICY.check(password, List.of("rahim.uddin@example.com", "rahim", "uddin"))).map(Rejection::code)
                .hasValue(IdentityErrorCode.IDENTITY_PASSWORD_GUESSABLE);
    }

    @Test
    void aPassphraseOfUnrelatedWordsPassesWithoutAnyCharacterClassRules() {
        assertThat(POLICY.check("tamarind ferry violet lantern", List.of())).isEmpty();
        assertThat(POLICY.check("কাঁঠাল নৌকা বেগুনি লণ্ঠন", List.of())).isEmpty();
    }

    @Test
    void lengthIsCountedInCharactersNotBytesOrUnits() {
        assertThat(POLICY.check("k\u00e9\u00e9", List.of())).map(Rejection::code)
                .hasValue(IdentityErrorCode.IDENTITY_PASSWORD_TOO_SHORT);
        // seven characters, fourteen UTF-16 units: still too short
        assertThat(POLICY.check("\uD83D\uDE00".repeat(7), List.of())).map(Rejection::code)
                .hasValue(IdentityErrorCode.IDENTITY_PASSWORD_TOO_SHORT);
    }

    @Test
    void longPasswordsAreAcceptedWholeUpToTheBound() {
        String sixtyFour = "tamarind ferry violet lantern ".repeat(3).substring(0, 64);
        assertThat(POLICY.check(sixtyFour, List.of())).isEmpty();
        String longest = "x7#Qm2!vR9".repeat(103).substring(0, PasswordPolicy.MAX_LENGTH);
        assertThat(POLICY.check(longest, List.of())).isEmpty();
        assertThat(POLICY.check(longest + "y", List.of())).map(Rejection::code)
                .hasValue(IdentityErrorCode.IDENTITY_PASSWORD_TOO_LONG);
    }
}
