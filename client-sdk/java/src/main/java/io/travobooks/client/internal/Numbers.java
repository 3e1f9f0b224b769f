package io.travobooks.client.internal;

import java.util.Optional;

/** Whole numbers of seconds, as headers carry them ({@code Retry-After}, {@code webhook-timestamp}). */
public final class Numbers {
    private Numbers() {
    }

    /** The number {@code text} holds, or nothing for text that is not one. */
    public static Optional<Long> seconds(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
