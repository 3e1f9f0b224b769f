package io.travobooks.spi.ratelimit;

import java.time.Duration;

/** Allowed or not, how many more requests the bucket holds now, and when the next one would be allowed. */
public record RateDecision(boolean allowed, long remaining, Duration retryAfter) {
}
