package io.travobooks.identity;

import io.travobooks.spi.ErrorCode;

/** Why the identity rules refused something. */
public enum IdentityErrorCode implements ErrorCode {
    PASSWORD_TOO_SHORT,
    PASSWORD_TOO_LONG,
    PASSWORD_GUESSABLE
}
