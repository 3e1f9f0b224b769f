package io.travobooks.identity;

import io.travobooks.spi.ErrorCode;

/** Why the identity rules refused something. */
public enum IdentityErrorCode implements ErrorCode {
    /** Fewer than {@link PasswordPolicy#MIN_LENGTH} characters. */
    IDENTITY_PASSWORD_TOO_SHORT,
    /** More than {@link PasswordPolicy#MAX_LENGTH} characters. */
    IDENTITY_PASSWORD_TOO_LONG,
    /** Common, or easy to guess from the user's own words. */
    IDENTITY_PASSWORD_GUESSABLE
}
