package io.travobooks.testkit.coordination;

import io.travobooks.spi.ratelimit.RateDecision;
import io.travobooks.spi.ratelimit.RateGrant;
import io.travobooks.spi.ratelimit.RateLimit;
import io.travobooks.spi.ratelimit.RateLimiter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract every {@link RateLimiter} implementation passes. */
public abstract class RateLimiterContractTest extends ContractSupport {
    private RateLimiter limiter;

    /** A fresh limiter whose keys no other test sees. */
    protected abstract RateLimiter rateLimiter();

    @BeforeEach
    void openLimiter() {
        limiter = track(rateLimiter());
    }

    @Test
    void aFullBucketAllowsItsBurstThenDeniesWithARetryAfter() {
        RateLimit limit = RateLimit.perSecond(1, 5);
        List<Long> remaining = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RateDecision decision = limiter.tryAcquire("partner-1", limit);
            assertThat(decision.allowed()).as("request %d", i + 1).isTrue();
            remaining.add(decision.remaining());
        }

        RateDecision denied = limiter.tryAcquire("partner-1", limit);

        assertThat(remaining).containsExactly(4L, 3L, 2L, 1L, 0L);
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.remaining()).isZero();
        assertThat(denied.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void waitingTheRetryAfterEarnsTheNextRequest() {
        RateLimit limit = RateLimit.perSecond(10, 1);
        assertThat(limiter.tryAcquire("ip-1", limit).allowed()).isTrue();
        RateDecision denied = limiter.tryAcquire("ip-1", limit);
        assertThat(denied.allowed()).isFalse();

        sleep(denied.retryAfter().plusMillis(5));

        assertThat(limiter.tryAcquire("ip-1", limit).allowed()).isTrue();
    }

    @Test
    void keysHaveTheirOwnBuckets() {
        RateLimit limit = RateLimit.perSecond(1, 1);
        assertThat(limiter.tryAcquire("token-a", limit).allowed()).isTrue();
        assertThat(limiter.tryAcquire("token-a", limit).allowed()).isFalse();
        assertThat(limiter.tryAcquire("token-b", limit).allowed()).isTrue();
    }

    @Test
    void concurrentCallersNeverGetMoreThanTheAllowanceOfTheWindow() throws Exception {
        RateLimit limit = RateLimit.perSecond(200, 20);
        Duration window = Duration.ofMillis(1_500);
        AtomicLong allowed = new AtomicLong();
        AtomicLong calls = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> callers = new ArrayList<>();
        long[] bounds = new long[2];
        for (int t = 0; t < 16; t++) {
            callers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                long end = bounds[1];
                while (System.nanoTime() - end < 0) {
                    calls.incrementAndGet();
                    if (limiter.tryAcquire("partner-hot", limit).allowed()) {
                        allowed.incrementAndGet();
                    }
                }
            }));
        }
        bounds[0] = System.nanoTime();
        bounds[1] = bounds[0] + window.toNanos();
        start.countDown();
        for (Thread caller : callers) {
            caller.join();
        }
        long elapsedNanos = System.nanoTime() - bounds[0];

        // The window runs from before the first call to after the last, so it is at least as long as the
        // limiter saw: the allowance computed from it is an upper bound.
        long allowance = limit.burst() + elapsedNanos * limit.permits() / limit.period().toNanos();
        assertThat(calls.get()).as("the test must offer more than the allowance").isGreaterThan(allowance);
        assertThat(allowed.get()).isLessThanOrEqualTo(allowance);
        assertThat(allowed.get()).as("it must not deny what the bucket holds").isGreaterThanOrEqualTo(
                limit.burst() + window.toNanos() * limit.permits() / limit.period().toNanos() / 2);
    }

    @Test
    void aBatchTakesWhatTheBucketHoldsAndSaysWhenTheNextPermitComes() {
        RateLimit limit = RateLimit.perSecond(1, 5);

        RateGrant first = limiter.tryAcquireUpTo("endpoint-1", limit, 3);
        RateGrant second = limiter.tryAcquireUpTo("endpoint-1", limit, 4);
        RateGrant third = limiter.tryAcquireUpTo("endpoint-1", limit, 1);

        assertThat(first).isEqualTo(new RateGrant(3, 2, Duration.ZERO));
        assertThat(second.granted()).as("two left of the burst").isEqualTo(2);
        assertThat(second.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(third.granted()).isZero();
        assertThat(limiter.tryAcquire("endpoint-1", limit).allowed()).as("single and batch share the bucket")
                .isFalse();
        assertThat(limiter.tryAcquireUpTo("endpoint-2", limit, 2).granted()).as("another key").isEqualTo(2);
    }

    @Test
    void concurrentBatchesNeverGetMoreThanTheAllowanceOfTheWindow() throws Exception {
        RateLimit limit = RateLimit.perSecond(200, 20);
        Duration window = Duration.ofMillis(1_500);
        AtomicLong granted = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> callers = new ArrayList<>();
        long[] bounds = new long[2];
        for (int t = 0; t < 8; t++) {
            int wanted = 1 + t;
            callers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                while (System.nanoTime() - bounds[1] < 0) {
                    granted.addAndGet(limiter.tryAcquireUpTo("endpoint-hot", limit, wanted).granted());
                }
            }));
        }
        bounds[0] = System.nanoTime();
        bounds[1] = bounds[0] + window.toNanos();
        start.countDown();
        for (Thread caller : callers) {
            caller.join();
        }
        long elapsedNanos = System.nanoTime() - bounds[0];

        long allowance = limit.burst() + elapsedNanos * limit.permits() / limit.period().toNanos();
        assertThat(granted.get()).isLessThanOrEqualTo(allowance);
        assertThat(granted.get()).as("it must not deny what the bucket holds").isGreaterThanOrEqualTo(
                limit.burst() + window.toNanos() * limit.permits() / limit.period().toNanos() / 2);
    }
}
