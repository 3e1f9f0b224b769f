package io.travobooks.client.internal;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The body of a 202 (a request held for approval) that a call on this thread received, kept for the facade: the
 * generated client reads every success as the operation's own type, and would lose it.
 */
public final class HeldAnswers {
    private static final ThreadLocal<byte[][]> KEPT = new ThreadLocal<>();

    private HeldAnswers() {
    }

    /** The result of {@code call}, and the held answer it received, if any. */
    public static <R> Kept<R> keep(Supplier<R> call) {
        byte[][] slot = new byte[1][];
        byte[][] outer = KEPT.get();
        KEPT.set(slot);
        try {
            return new Kept<>(call.get(), Optional.ofNullable(slot[0]));
        } finally {
            if (outer == null) {
                KEPT.remove();
            } else {
                KEPT.set(outer);
            }
        }
    }

    /** Whether a call on this thread keeps held answers. */
    static boolean keeping() {
        return KEPT.get() != null;
    }

    static void held(byte[] body) {
        byte[][] slot = KEPT.get();
        if (slot != null) {
            slot[0] = body;
        }
    }

    /** A call's result and the held answer it received. */
    public record Kept<R>(R result, Optional<byte[]> held) {
    }
}
