package io.travobooks.client;

import io.travobooks.client.internal.HeaderValues;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When the client sends a request again by itself: only a request that cannot take effect twice (a GET, HEAD, PUT,
 * DELETE or OPTIONS, or any request carrying an {@code Idempotency-Key}), only when no answer came or the answer
 * says the server could not take it now (429, 502, 503, 504, or any answer with {@code Retry-After}, such as a 409
 * for a key whose first request still runs), and at most {@code maxRetries} times. It waits what
 * {@code Retry-After} asks, or else a random time up to {@code baseDelay} doubled per retry and capped at
 * {@code maxDelay} (full jitter, so that many clients do not come back together); an answer that asks for more
 * than {@code maxRetryAfter} is handed back (with {@link TravoProblem#retryAfterSeconds()}) rather than retried
 * sooner than the server asked.
 *
 * <p>A PUT or DELETE sent again after its answer was lost leaves the same state, but may be answered differently:
 * a DELETE of what the first one deleted is a 404, a PUT with the {@code If-Match} the first one changed is a 412.
 */
public record RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {
    /** Three retries, from 200 ms up to 5 s apart, waiting up to 30 s when the server asks. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(5),
            Duration.ofSeconds(30));
    /** Never send a request again. */
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");
    private static final Set<Integer> BUSY = Set.of(429, 502, 503, 504);

    public RetryPolicy {
        if (maxRetries < 0 || baseDelay.isNegative() || maxDelay.isNegative() || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("a retry policy counts and waits zero or more");
        }
    }

    /** Whether {@code request} may be sent again at all. */
    public boolean allows(HttpRequest request) {
        return maxRetries > 0 && (IDEMPOTENT_METHODS.contains(request.method())
                || request.headers().firstValue("Idempotency-Key").isPresent());
    }

    /**
     * How long to wait before sending again when attempt {@code attempt} (0: the request itself, 1: its first
     * retry) got this answer at {@code now}, or nothing when the answer stands.
     */
    public Optional<Duration> delayAfter(int attempt, int status, Optional<String> retryAfter, Instant now) {
        if (attempt >= maxRetries || status < 400) {
            return Optional.empty();
        }
        Optional<Long> asked = retryAfter.flatMap(text -> HeaderValues.retryAfterSeconds(text, now));
        if (asked.isPresent()) {
            Duration wait = Duration.ofSeconds(asked.get());
            return wait.compareTo(maxRetryAfter) > 0 ? Optional.empty() : Optional.of(wait);
        }
        return BUSY.contains(status) ? Optional.of(backoff(attempt)) : Optional.empty();
    }

    /** How long to wait before sending again when attempt {@code attempt} got no answer at all. */
    public Optional<Duration> delayAfterNoAnswer(int attempt) {
        return attempt >= maxRetries ? Optional.empty() : Optional.of(backoff(attempt));
    }

    private Duration backoff(int attempt) {
        long ceiling = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }
}
