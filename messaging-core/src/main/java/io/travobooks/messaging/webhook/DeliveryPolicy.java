package io.travobooks.messaging.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * What happens after a delivery attempt: a 2xx response succeeds; 410 Gone disables the endpoint; anything else
 * (another status, a redirect, which is never followed, a timeout, a refused connection) is retried on the ladder
 * immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h after the previous attempt, each wait stretched by up to
 * {@link #JITTER} at random so that endpoints that failed together are not retried together, and never earlier than
 * a {@code Retry-After} the endpoint asked for; after the last rung the delivery is exhausted (dead letter).
 */
public final class DeliveryPolicy {
    /** The waits before the 2nd, 3rd ... attempt. */
    public static final List<Duration> LADDER = List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
            Duration.ofHours(10));
    /** A wait is stretched by a random share of itself up to this. */
    public static final double JITTER = 0.1;
    /** How long an endpoint may fail every attempt before it is disabled. */
    public static final Duration DISABLE_AFTER = Duration.ofDays(5);

    /** What became of an attempt. */
    public sealed interface Attempt {
        /** The endpoint answered with {@code status} (3xx included: redirects are not followed). */
        record Answered(int status, Optional<Duration> retryAfter) implements Attempt {
            public Answered {
                Objects.requireNonNull(retryAfter, "retryAfter");
            }
        }

        /** No answer: a timeout, a reset or refused connection. */
        record NoAnswer(String reason) implements Attempt {
        }
    }

    /** What to do next. */
    public sealed interface Next {
        record Succeeded() implements Next {
        }

        record RetryAt(Instant at) implements Next {
        }

        /** No rung left: the delivery goes to the dead-letter state, from which it may be replayed. */
        record Exhausted() implements Next {
        }

        /** The endpoint said it is gone (410): disable it. */
        record DisableEndpoint() implements Next {
        }
    }

    private final RandomGenerator random;

    public DeliveryPolicy(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * @param attemptNumber the attempt just made, from 1
     * @param now           when it ended
     */
    public Next after(int attemptNumber, Attempt attempt, Instant now) {
        if (attemptNumber < 1) {
            throw new IllegalArgumentException("attempts count from 1");
        }
        if (attempt instanceof Attempt.Answered answered) {
            if (answered.status() >= 200 && answered.status() < 300) {
                return new Next.Succeeded();
            }
            if (answered.status() == 410) {
                return new Next.DisableEndpoint();
            }
        }
        if (attemptNumber >= LADDER.size()) {
            return new Next.Exhausted();
        }
        Duration wait = LADDER.get(attemptNumber);
        Duration jittered = wait.plusMillis((long) (wait.toMillis() * JITTER * random.nextDouble()));
        Duration asked = attempt instanceof Attempt.Answered answered
                ? answered.retryAfter().orElse(Duration.ZERO) : Duration.ZERO;
        return new Next.RetryAt(now.plus(jittered.compareTo(asked) >= 0 ? jittered : asked));
    }

    /**
     * The wait a {@code Retry-After} header asks for: delay seconds, or an HTTP date (RFC 1123) measured from
     * {@code now}; empty when absent or unreadable.
     */
    public static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /** An endpoint whose deliveries have all failed since {@code failingSince} is disabled once that is too long. */
    public static boolean shouldDisable(Optional<Instant> failingSince, Instant now) {
        return failingSince.isPresent() && !now.isBefore(failingSince.get().plus(DISABLE_AFTER));
    }
}
