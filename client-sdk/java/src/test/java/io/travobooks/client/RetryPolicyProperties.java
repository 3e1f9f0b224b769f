package io.travobooks.client;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@link RetryPolicy#DEFAULT} decides, over every attempt, status and Retry-After. */
class RetryPolicyProperties {
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private final RetryPolicy policy = RetryPolicy.DEFAULT;

    @Property
    void aBusyServerIsWaitedForAtMostTheCappedDoublingOfTheBaseDelay(@ForAll @IntRange(max = 2) int attempt,
                                                                      @ForAll("busy") int status) {
        Duration wait = policy.delayAfter(attempt, status, Optional.empty(), NOW).orElseThrow();
        long ceiling = Math.min(5_000, 200L * (1L << attempt));
        assertThat(wait.toMillis()).isBetween(0L, ceiling);
    }

    @Provide
    Arbitrary<Integer> busy() {
        return Arbitraries.of(429, 502, 503, 504);
    }

    @Property
    void retryAfterIsWaitedOrElseTheAnswerStands(@ForAll @IntRange(max = 2) int attempt, @ForAll @IntRange(min = 400,
            max = 599) int status, @ForAll @LongRange(max = 100_000) long seconds) {
        // The default waits up to 30 s; asked for longer, it hands the answer back rather than come back early.
        Optional<Duration> wait = policy.delayAfter(attempt, status, Optional.of(Long.toString(seconds)), NOW);
        assertThat(wait).isEqualTo(seconds <= 30 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty());
    }

    @Property
    void retryAfterAsAnHttpDateIsTheTimeUntilThen(@ForAll @IntRange(max = 2) int attempt,
                                                  @ForAll @LongRange(min = -100, max = 30) long seconds) {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(seconds).atZone(ZoneOffset.UTC));
        assertThat(policy.delayAfter(attempt, 503, Optional.of(date), NOW))
                .contains(Duration.ofSeconds(Math.max(0, seconds)));
    }

    @Property
    void aSuccessOrAPlainRefusalStands(@ForAll @IntRange(max = 2) int attempt,
                                       @ForAll @IntRange(min = 200, max = 499) int status) {
        if (status != 429) {
            assertThat(policy.delayAfter(attempt, status, Optional.empty(), NOW)).isEmpty();
        }
    }

    @Property
    void noRetryFollowsTheLastAllowed(@ForAll @IntRange(min = 3, max = 50) int attempt,
                                      @ForAll @IntRange(min = 200, max = 599) int status) {
        assertThat(policy.delayAfter(attempt, status, Optional.of("1"), NOW)).isEmpty();
        assertThat(policy.delayAfterNoAnswer(attempt)).isEmpty();
    }

    @Property
    void onlyRequestsThatCannotTakeEffectTwiceAreRetried(@ForAll("methods") String method,
                                                         @ForAll boolean keyed) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1/v1/x"))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (keyed) {
            request.header("Idempotency-Key", "k-1");
        }
        boolean safeMethod = !method.equals("POST") && !method.equals("PATCH");
        assertThat(policy.allows(request.build())).isEqualTo(safeMethod || keyed);
        assertThat(RetryPolicy.NONE.allows(request.build())).isFalse();
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "POST", "PATCH");
    }
}
