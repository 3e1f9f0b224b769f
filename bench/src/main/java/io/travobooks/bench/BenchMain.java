package io.travobooks.bench;

import java.util.List;

/** Entry point of {@code bench/run SUITE...}. */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> suites = args.length == 0 ? List.of("ledger") : List.of(args);
        for (String suite : suites) {
            switch (suite) {
                case "ledger" -> LedgerBenchmarks.runAll();
                case "cache" -> CacheBenchmarks.runAll();
                case "booking" -> BookingBenchmarks.runAll();
                case "messaging" -> MessagingBenchmarks.runAll();
                case "server" -> ServerBenchmarks.runAll();
                case "mcp" -> McpBenchmarks.runAll();
                default -> {
                    System.err.println("unknown suite " + suite
                            + "; known: ledger, cache, booking, messaging, server, mcp");
                    System.exit(2);
                }
            }
        }
        System.exit(0);
    }

    /** {@code -Dbench.only=post,latency} runs a subset (while tuning); all run by default. */
    static boolean selected(String name) {
        String only = System.getProperty("bench.only", "");
        return only.isEmpty() || List.of(only.split(",")).contains(name);
    }
}
