package io.travobooks.messaging.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryPolicyTest {
    private static final Instant NOW = Instant.parse("2026-03-10T06:00:00Z");
    private static final DeliveryPolicy.Attempt FAILED = new DeliveryPolicy.Attempt.Answered(500, Optional.empty());

    private final DeliveryPolicy policy = new DeliveryPolicy(new SplittableRandom(7));

    private static Duration waitOf(DeliveryPolicy.Next next) {
        assertThat(next).isInstanceOf(DeliveryPolicy.Next.RetryAt.class);
        return Duration.between(NOW, ((DeliveryPolicy.Next.RetryAt) next).at());
    }

    @Test
    void failuresWalkTheLadderWithBoundedJitterThenExhaust() {
        // the ladder: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h
        List<Duration> ladder = List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
                Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
                Duration.ofHours(10));
        for (int attempt = 1; attempt < ladder.size(); attempt++) {
            Duration wait = waitOf(policy.after(attempt, FAILED, NOW));
            Duration rung = ladder.get(attempt);
            assertThat(wait).as("after attempt " + attempt).isBetween(rung, rung.plusMillis(rung.toMillis() / 10));
        }
        assertThat(policy.after(ladder.size(), FAILED, NOW)).isInstanceOf(DeliveryPolicy.Next.Exhausted.class);
    }

    @Test
    void twoHundredsSucceedAndGoneDisablesTheEndpoint() {
        for (int status : List.of(200, 201, 204, 299)) {
            assertThat(policy.after(1, new DeliveryPolicy.Attempt.Answered(status, Optional.empty()), NOW))
                    .isInstanceOf(DeliveryPolicy.Next.Succeeded.class);
        }
        assertThat(policy.after(3, new DeliveryPolicy.Attempt.Answered(410, Optional.empty()), NOW))
                .isInstanceOf(DeliveryPolicy.Next.DisableEndpoint.class);
    }

    @Test
    void redirectsTimeoutsAndOtherStatusesAreFailuresToRetry() {
        for (DeliveryPolicy.Attempt attempt : List.of(new DeliveryPolicy.Attempt.Answered(301, Optional.empty()),
                new DeliveryPolicy.Attempt.Answered(302, Optional.empty()),
                new DeliveryPolicy.Attempt.Answered(404, Optional.empty()),
                new DeliveryPolicy.Attempt.NoAnswer("timeout"))) {
            assertThat(policy.after(2, attempt, NOW)).as(attempt.toString())
                    .isInstanceOf(DeliveryPolicy.Next.RetryAt.class);
        }
    }

    @Test
    void retryAfterIsHonouredWhenLongerThanTheRung() {
        Duration asked = waitOf(policy.after(1, new DeliveryPolicy.Attempt.Answered(429,
                Optional.of(Duration.ofMinutes(2))), NOW));
        assertThat(asked).as("the rung after a first attempt is 5 s").isEqualTo(Duration.ofMinutes(2));

        Duration rung = waitOf(policy.after(3, new DeliveryPolicy.Attempt.Answered(429,
                Optional.of(Duration.ofSeconds(1))), NOW));
        assertThat(rung).isGreaterThanOrEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void retryAfterReadsSecondsOrAnHttpDate() {
        assertThat(DeliveryPolicy.retryAfter("120", NOW)).contains(Duration.ofMinutes(2));
        assertThat(DeliveryPolicy.retryAfter("Tue, 10 Mar 2026 06:05:00 GMT", NOW)).contains(Duration.ofMinutes(5));
        assertThat(DeliveryPolicy.retryAfter("Tue, 10 Mar 2026 05:00:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(DeliveryPolicy.retryAfter("soon", NOW)).isEmpty();
        assertThat(DeliveryPolicy.retryAfter(null, NOW)).isEmpty();
    }

    @Test
    void anEndpointFailingForFiveDaysIsDisabled() {
        assertThat(DeliveryPolicy.shouldDisable(Optional.empty(), NOW)).isFalse();
        assertThat(DeliveryPolicy.shouldDisable(Optional.of(NOW.minus(Duration.ofDays(4))), NOW)).isFalse();
        assertThat(DeliveryPolicy.shouldDisable(Optional.of(NOW.minus(Duration.ofDays(5))), NOW)).isTrue();
    }
}
