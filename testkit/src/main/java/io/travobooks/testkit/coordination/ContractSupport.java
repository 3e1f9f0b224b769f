package io.travobooks.testkit.coordination;

import org.junit.jupiter.api.AfterEach;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** What every coordination contract suite shares: closing what a test opened, and waiting for a condition. */
public abstract class ContractSupport {
    private final Deque<Object> opened = new ArrayDeque<>();

    /** Remembers {@code resource} so that it is closed after the test, newest first. */
    protected <T> T track(T resource) {
        opened.push(resource);
        return resource;
    }

    @AfterEach
    void closeTracked() throws Exception {
        while (!opened.isEmpty()) {
            if (opened.pop() instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    /** Polls until the condition holds; fails the test with {@code what} when {@code timeout} passes first. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        await(() -> what, timeout, condition);
    }

    /** As {@link #await(String, Duration, BooleanSupplier)}, describing the state seen when it times out. */
    public static void await(Supplier<String> what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what.get());
            }
            sleep(Duration.ofMillis(10));
        }
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
