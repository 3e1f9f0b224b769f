package io.travobooks.server.runtime;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShutdownStepsTest {
    private final List<String> ran = new ArrayList<>();

    private Runnable step(String name, Throwable failure) {
        return () -> {
            ran.add(name);
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
        };
    }

    @Test
    void everyStepRunsAfterFailuresAndTheFirstIsThrownWithTheOthersSuppressed() {
        IllegalStateException first = new IllegalStateException("first");
        AssertionError second = new AssertionError("second");

        assertThatThrownBy(() -> ShutdownSteps.runAll(List.of(step("web", null), step("workers", first),
                step("audit", second), step("audit again", first), step("database", null))))
                .isSameAs(first)
                .satisfies(thrown -> assertThat(thrown.getSuppressed()).containsExactly(second));
        assertThat(ran).containsExactly("web", "workers", "audit", "audit again", "database");
    }

    @Test
    void anErrorAloneIsThrownAsItIs() {
        StackOverflowError error = new StackOverflowError();

        assertThatThrownBy(() -> ShutdownSteps.runAll(List.of(step("workers", error), step("database", null))))
                .isSameAs(error);
        assertThat(ran).containsExactly("workers", "database");
    }

    @Test
    void undoingAFailedStartKeepsItsCauseFirst() {
        IllegalArgumentException cause = new IllegalArgumentException("bad setting");
        IllegalStateException closing = new IllegalStateException("close failed");

        RuntimeException thrown = ShutdownSteps.undoAfter(cause, List.of(step("metrics", closing),
                step("database", null)));

        assertThat(thrown).isSameAs(cause);
        assertThat(thrown.getSuppressed()).containsExactly(closing);
        assertThat(ran).containsExactly("metrics", "database");
    }
}
