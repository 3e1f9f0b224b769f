package io.travobooks.identity;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import io.travobooks.spi.Rejection;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a new password must be, after OWASP's verification standard: at least 8 characters, any characters at all
 * (no rules about classes of character), long ones kept whole, and refused when it is common or easy to guess,
 * judged by zxcvbn's estimate of the guesses it would take, with the user's own name and address counted as known
 * to the attacker.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 8;
    /** Far beyond any passphrase; only a bound on work per request. */
    public static final int MAX_LENGTH = 1024;
    /** zxcvbn's scores run 0 to 4; 3 is "safely unguessable: moderate protection from offline slow-hash attacks". */
    private static final int MIN_SCORE = 3;
    /** zxcvbn's matching grows faster than the length; past this prefix a password's strength is not in doubt. */
    private static final int ESTIMATED_PREFIX = 100;

    private final Zxcvbn zxcvbn = new Zxcvbn(); // keeps no state between measurements: shared by all threads

    /**
     * Empty when {@code password} may be set; otherwise why not.
     *
     * @param knownToAttacker words tied to the user (login, name, email, the agency's name)
     */
    public Optional<Rejection> check(CharSequence typed, List<String> knownToAttacker) {
        String password = Passwords.normalized(typed); // the text that is hashed, so the text that is judged
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of(new Rejection(IdentityErrorCode.IDENTITY_PASSWORD_TOO_SHORT,
                    "a password has at least " + MIN_LENGTH + " characters"));
        }
        if (length > MAX_LENGTH) {
            return Optional.of(new Rejection(IdentityErrorCode.IDENTITY_PASSWORD_TOO_LONG,
                    "a password has at most " + MAX_LENGTH + " characters"));
        }
        String estimated = length > ESTIMATED_PREFIX
                ? password.substring(0, password.offsetByCodePoints(0, ESTIMATED_PREFIX)) : password;
        Strength strength = zxcvbn.measure(estimated, knownToAttacker);
        int score = strength.getScore();
        String warning = strength.getFeedback().getWarning(Locale.ENGLISH);
        strength.wipe(); // it holds the password's pieces
        if (score < MIN_SCORE) {
            return Optional.of(new Rejection(IdentityErrorCode.IDENTITY_PASSWORD_GUESSABLE,
                    "this password is easy to guess"
                    + (warning == null || warning.isBlank() ? "" : ": " + warning)
                    + "; a few unrelated words make a strong one"));
        }
        return Optional.empty();
    }
}
