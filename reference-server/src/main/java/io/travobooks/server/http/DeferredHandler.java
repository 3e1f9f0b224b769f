package io.travobooks.server.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A handler whose effect can start away from its request's thread. The request's thread checks the request and
 * prepares the effect; the effect is then started from wherever the Idempotency-Key claim is answered (an I/O event
 * loop), so that the request's thread waits once, for the effect's outcome, rather than once for the claim and once
 * more for the effect.
 */
@FunctionalInterface
public interface DeferredHandler extends Handler {
    /** Checks the request and prepares its effect, on the request's thread; a refusal is thrown as a problem. */
    Effect<?> prepare(Call call);

    /** Prepares the effect and runs it on this thread: for callers with no claim to answer first. */
    @Override
    default Reply handle(Call call) {
        return prepare(call).run();
    }

    /**
     * A prepared effect.
     *
     * @param start starts the effect without waiting, since it may be called on an event loop; it must not touch
     *              the {@link Call} (its audit details, say), which belongs to the request's thread
     * @param reply the reply to the effect's outcome, made on the request's thread
     */
    record Effect<T>(Supplier<CompletableFuture<T>> start, Function<T, Reply> reply) {
        /** Starts the effect, waits for its outcome and replies to it. */
        Reply run() {
            return reply.apply(join(start.get()));
        }

        /** Waits for {@code future}; its failure is thrown as {@link #asRuntime} gives it. */
        public static <U> U join(CompletableFuture<U> future) {
            try {
                return future.join();
            } catch (CompletionException e) {
                throw asRuntime(e);
            }
        }

        /** A future's failure as what was thrown: the cause a {@link CompletionException} wraps, or one around it. */
        public static RuntimeException asRuntime(Throwable failure) {
            Throwable cause = failure instanceof CompletionException wrapped && wrapped.getCause() != null
                    ? wrapped.getCause() : failure;
            return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
        }
    }
}
