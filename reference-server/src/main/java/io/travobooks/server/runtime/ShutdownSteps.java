package io.travobooks.server.runtime;

import java.util.List;

/**
 * A stop in steps: every step runs, in order, even after one has failed, since a step left out (the database's
 * close last of all) can lose what the earlier ones wrote. The first failure is thrown at the end, with the later
 * ones suppressed in it.
 */
public final class ShutdownSteps {
    private ShutdownSteps() {
    }

    public static void runAll(List<Runnable> steps) {
        Throwable failed = null;
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException | Error e) {
                if (failed == null) {
                    failed = e;
                } else if (e != failed) {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed instanceof RuntimeException e) {
            throw e;
        }
        if (failed instanceof Error e) {
            throw e;
        }
    }

    /**
     * Undoes a start that failed with {@code failure}: every step runs, and their failures are suppressed in
     * {@code failure}, which is returned to be thrown, so that the cause of the failed start stays the one reported
     * (an {@code Error} of a step too: the start has failed either way, and its cause is what the operator needs).
     */
    public static RuntimeException undoAfter(RuntimeException failure, List<Runnable> steps) {
        try {
            runAll(steps);
        } catch (RuntimeException | Error e) {
            if (e != failure) {
                failure.addSuppressed(e);
            }
        }
        return failure;
    }
}
