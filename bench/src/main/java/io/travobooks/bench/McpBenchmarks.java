package io.travobooks.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code mcp.call}: an AI agent's tool calls over MCP's streamable HTTP, one after another on one connection, for
 * {@code get_booking} and {@code preview_issue}, against the same operation called over the REST API in the same
 * run (the floor under a tool call: MCP adds the JSON-RPC envelope, the tool's arguments and the result's two
 * forms). The reference server runs from its jar on the embedded default.
 */
final class McpBenchmarks {
    private static final int BOOKINGS = 50;
    private static final int WARMUP_CALLS = 3_000;
    private static final int CALLS_PER_ROUND = 1_000;
    private static final int ROUNDS = 3;

    private McpBenchmarks() {
    }

    static void runAll() throws Exception {
        Map<String, String> environment = Map.of("TRAVO_DATA_DIR", Files.createTempDirectory("travo-mcp").toString(),
                "TRAVO_LIMIT_PLANS", "standard=60000000", "TRAVO_LIMIT_PER_CREDENTIAL_PER_MINUTE", "60000000",
                "TRAVO_LIMIT_PER_ADDRESS_PER_MINUTE", "60000000");
        try (ServerProcess server = ServerProcess.start(environment, ServerProcess.documented(List.of()))) {
            String key = server.firstKey();
            ServerBenchmarks.bookings(server.baseUrl(), key, "GOT-", BOOKINGS, true);
            ServerBenchmarks.bookings(server.baseUrl(), key, "PRE-", BOOKINGS, false);
            Caller caller = new Caller(server.baseUrl(), key);
            measure(caller, "get_booking", "GOT-", "/v1/bookings/%s", "rest-get-booking");
            measure(caller, "preview_issue", "PRE-", "/v1/bookings/%s/issue-preview", "rest-issue-preview");
        }
    }

    /** Both sides warmed, then measured in alternating rounds, so that a drift of the machine moves both. */
    private static void measure(Caller caller, String tool, String prefix, String restPath, String ceilingIs)
            throws IOException, InterruptedException {
        for (int i = 0; i < WARMUP_CALLS; i++) {
            caller.tool(tool, prefix + i % BOOKINGS);
            caller.rest(restPath.formatted(prefix + i % BOOKINGS));
        }
        Histogram mcp = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
        Histogram rest = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < CALLS_PER_ROUND; i++) {
                long begun = System.nanoTime();
                caller.tool(tool, prefix + i % BOOKINGS);
                mcp.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - begun));
            }
            for (int i = 0; i < CALLS_PER_ROUND; i++) {
                long begun = System.nanoTime();
                caller.rest(restPath.formatted(prefix + i % BOOKINGS));
                rest.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - begun));
            }
        }
        new BenchLine("mcp.call", mcp.getValueAtPercentile(50) / 1000.0, "ms")
                .ceiling(rest.getValueAtPercentile(50) / 1000.0).with("tool", tool)
                .with("p99_ms", mcp.getValueAtPercentile(99) / 1000.0)
                .with("ceiling_p99_ms", rest.getValueAtPercentile(99) / 1000.0)
                .with("calls", ROUNDS * CALLS_PER_ROUND).with("connections", 1)
                .with("ceiling_is", ceilingIs).print();
    }

    /** One HTTP client, one connection, an API key: what an agent's MCP host holds. */
    private record Caller(String base, String key, HttpClient http) {
        Caller(String base, String key) {
            this(base, key, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
        }

        void tool(String tool, String booking) throws IOException, InterruptedException {
            String body = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"%s\","
                    + "\"arguments\":{\"booking_id\":\"%s\"}}}").formatted(tool, booking);
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/mcp"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .header("MCP-Protocol-Version", "2025-11-25")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200 || answer.body().contains("\"isError\":true")
                    || answer.body().contains("\"error\"")) {
                throw new IllegalStateException(tool + " answered " + answer.statusCode() + " " + answer.body());
            }
        }

        void rest(String path) throws IOException, InterruptedException {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + answer.statusCode() + " " + answer.body());
            }
        }
    }
}
