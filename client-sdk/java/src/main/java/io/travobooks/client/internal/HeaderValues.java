package io.travobooks.client.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Values of the headers the client reads: whole seconds, and {@code Retry-After} in either of its forms. */
public final class HeaderValues {
    private HeaderValues() {
    }

    /** The whole number {@code text} holds ({@code webhook-timestamp}), or nothing for text that is not one. */
    public static Optional<Long> wholeSeconds(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * How long {@code Retry-After} asks to wait, from {@code now}: seconds, or an HTTP date (RFC 9110); a date past
     * is no wait; nothing for a value that is neither.
     */
    public static Optional<Long> retryAfterSeconds(String text, Instant now) {
        Optional<Long> seconds = wholeSeconds(text).filter(value -> value >= 0);
        if (seconds.isPresent()) {
            return seconds;
        }
        try {
            Instant at = ZonedDateTime.parse(text.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(Math.max(0, Duration.between(now, at).toSeconds()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
