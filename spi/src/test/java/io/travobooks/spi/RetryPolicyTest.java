package io.travobooks.spi;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {
    private static final RetryPolicy QUICK = new RetryPolicy(4, Duration.ofMillis(1));

    /** Transactions that lose a race the first {@code losses} times, then run the work. */
    private static TransactionRunner losing(int losses, AtomicInteger tries) {
        return new TransactionRunner() {
            @Override
            public <T> T inTransaction(Function<UnitOfWork, T> work) {
                if (tries.incrementAndGet() <= losses) {
                    throw new RetryableConflictException("deadlock", null);
                }
                return work.apply(null);
            }
        };
    }

    @Test
    void lostRacesAreRunAgainUntilOneTryWins() {
        AtomicInteger tries = new AtomicInteger();

        String result = QUICK.inTransaction(losing(3, tries), uow -> "done");

        assertThat(result).isEqualTo("done");
        assertThat(tries).hasValue(4);
    }

    @Test
    void theLastLostRaceIsThrownAfterTheAttempts() {
        AtomicInteger tries = new AtomicInteger();

        assertThatThrownBy(() -> QUICK.inTransaction(losing(10, tries), uow -> "done"))
                .isInstanceOf(TransactionRunner.RetryableConflictException.class);
        assertThat(tries).hasValue(4);
    }

    @Test
    void otherFailuresAreNotRunAgain() {
        AtomicInteger tries = new AtomicInteger();
        TransactionRunner refusing = new TransactionRunner() {
            @Override
            public <T> T inTransaction(Function<UnitOfWork, T> work) {
                tries.incrementAndGet();
                throw new IllegalStateException("a refusal");
            }
        };

        assertThatThrownBy(() -> QUICK.inTransaction(refusing, uow -> "done"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(tries).hasValue(1);
    }

    @Test
    void aPolicyWithoutAttemptsOrWithANegativePauseIsRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RetryPolicy.DEFAULT.withAttempts(20).attempts()).isEqualTo(20);
    }
}
