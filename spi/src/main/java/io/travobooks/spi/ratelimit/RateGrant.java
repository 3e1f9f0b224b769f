package io.travobooks.spi.ratelimit;

import java.time.Duration;

/**
 * How many of the permits asked for at once the bucket gave, how many more it holds now, and, when it gave fewer
 * than asked, when the next one would be given.
 */
public record RateGrant(long granted, long remaining, Duration retryAfter) {
}
