package io.travobooks.bench;

import java.util.concurrent.TimeUnit;

/**
 * Load in rounds until the JIT compilers of the measured JVM use less than {@link #COMPILED_SHARE} of a core in a
 * round (at most {@link #MAX_ROUNDS}). On two cores a server's compilers are still busy with its request path after
 * 20 seconds of load: a measurement taken then measures the compiler as much as the code.
 */
final class Warmup {
    static final int ROUND_SECONDS = 10;
    private static final int MAX_ROUNDS = Integer.getInteger("bench.warmupRounds", 9);
    private static final double COMPILED_SHARE = 0.05;

    /** CPU milliseconds the compilers have used so far. */
    interface CompilerClock {
        long millis() throws Exception;
    }

    /** One round of load; {@code round} lets each round send requests of its own. */
    interface Round {
        void run(int round, int seconds) throws Exception;
    }

    private Warmup() {
    }

    /** Runs rounds until the compilers settle; answers the seconds it took. */
    static long until(CompilerClock compilers, Round load) throws Exception {
        int round = 0;
        boolean settled = false;
        while (!settled && round < MAX_ROUNDS) {
            long compiling = compilers.millis();
            load.run(round, ROUND_SECONDS);
            compiling = compilers.millis() - compiling;
            // The first round never counts: the compilers may not have started on the code under load yet.
            settled = round > 0 && compiling < COMPILED_SHARE * TimeUnit.SECONDS.toMillis(ROUND_SECONDS);
            round++;
        }
        return (long) round * ROUND_SECONDS;
    }
}
