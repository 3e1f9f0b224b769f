package io.travobooks.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An AI agent's session with a travoBooks server over MCP (streamable HTTP at {@code /mcp}), scripted: the tool
 * calls a model would make to sell tickets, holding a key whose mandate a person set (what it may spend, and above
 * what fare a person approves each issue). It books one passenger, whose fare is within the mandate: the tickets
 * are issued at once. Then it books two, whose fare is above the approval threshold: the issue waits for a person,
 * and the agent watches the booking until the tickets are out. Against a running server, with the key of an agent
 * whose mandate holds issues above one passenger's fare (as the README's example of a mandate does):
 *
 * <pre>
 * ./mvnw -q -B -pl examples -am compile exec:java -Dexample=io.travobooks.examples.AgentSession \
 *     -Dexec.args="http://127.0.0.1:8080 tb_..."
 * </pre>
 *
 * Every tool answers JSON as structured content: what the HTTP operation beneath it answers, or its problem.
 */
public final class AgentSession implements AutoCloseable {
    /** The tools this agent calls, and so all that its mandate needs to allow. */
    public static final List<String> TOOLS = List.of("search_flights", "hold_booking", "price_booking",
            "preview_issue", "issue_booking", "get_booking");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL_EVERY = Duration.ofMillis(500);

    /** What the session did, to check it afterwards. */
    public record Report(List<String> tools, String direct, String directAnswer, String held, JsonNode pending,
                         String heldFinally) {
    }

    /** A tool answered an error: the server's problem, with its stable code. */
    public static final class ToolFailed extends RuntimeException {
        private final String code;

        ToolFailed(String tool, JsonNode problem) {
            super(tool + ": " + problem.path("code").asText("?") + " " + problem.path("detail").asText(""));
            this.code = problem.path("code").asText("");
        }

        public String code() {
            return code;
        }
    }

    private final McpSyncClient mcp;
    private final PrintStream out;

    private AgentSession(McpSyncClient mcp, PrintStream out) {
        this.mcp = mcp;
        this.out = out;
    }

    /** Opens a session with the server at {@code server} (its base URL), as the agent holding {@code key}. */
    public static AgentSession connect(URI server, String key, PrintStream out) {
        McpSyncClient mcp = McpClient.sync(HttpClientStreamableHttpTransport.builder(server.toString())
                        .endpoint("/mcp")
                        // The key goes with every request, as a bearer credential.
                        .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + key))
                        .build())
                .requestTimeout(Duration.ofSeconds(60))
                .clientInfo(McpSchema.Implementation.builder("travobooks-example-agent", "0.1.0").build())
                .build();
        try {
            mcp.initialize();
        } catch (RuntimeException e) {
            mcp.close();
            throw e;
        }
        return new AgentSession(mcp, out);
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: AgentSession <server URL> <agent's key>, e.g. http://127.0.0.1:8080 tb_...");
            System.exit(2);
        }
        try (AgentSession session = connect(URI.create(args[0]), args[1], System.out)) {
            session.run(Duration.ofMinutes(10)); // time for a person to approve the second issue
        }
    }

    /** The whole session; waits up to {@code approval} for a person to approve the issue above the threshold. */
    public Report run(Duration approval) {
        List<String> tools = mcp.listTools().tools().stream().map(McpSchema.Tool::name).toList();
        out.println("tools     " + String.join(", ", tools));
        String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase(); // ids new to the server

        // One passenger: the fare is within the mandate, so the issue answers the issued booking.
        String direct = "AGENT-" + run + "-1";
        JsonNode first = book(direct, List.of(passenger("RAHIM", "UDDIN")));
        out.printf("issue     %s %s%n", direct, first.path("status").asText());

        // Two passengers: the fare is above the threshold, so the issue answers a pending approval instead.
        String held = "AGENT-" + run + "-2";
        JsonNode pending = book(held, List.of(passenger("NUSRAT", "JAHAN"), passenger("KARIM", "AHMED")));
        if (pending.has("payload_hash")) {
            out.printf("issue     %s %s: approval %s for %s%n", held, pending.path("status").asText(),
                    pending.path("id").asText(), pending.path("operation").asText());
        } else { // a mandate without that threshold
            out.printf("issue     %s %s%n", held, pending.path("status").asText());
        }

        // The tickets follow once a person approves; the agent watches the booking meanwhile.
        String status = awaitIssued(held, approval);
        out.printf("booking   %s %s%n", held, status);
        return new Report(tools, direct, first.path("status").asText(), held, pending, status);
    }

    /** Searches, holds, prices, previews and issues; answers what issue_booking answered. */
    private JsonNode book(String id, List<Map<String, Object>> passengers) {
        JsonNode offers = call("search_flights", Map.of("origin", "DAC", "destination", "DXB",
                "date", LocalDate.now().plusDays(30).toString()));
        JsonNode offer = offers.path("items").path(0);
        out.printf("search    %s: %s%n", id, offer.path("offer_id").asText());
        // Every tool that changes something takes an idempotency_key: a retried call then does nothing twice.
        JsonNode booking = call("hold_booking", Map.of("id", id, "offer_id", offer.path("offer_id").asText(),
                "passengers", passengers, "terms", Map.of("currency", "BDT", "service_fee_minor", 100_000,
                        "service_fee_tax_minor", 15_000), "idempotency_key", UUID.randomUUID().toString()));
        out.printf("hold      %s %s, PNR %s%n", id, booking.path("status").asText(), booking.path("pnr").asText());
        call("price_booking", Map.of("booking_id", id));
        // The preview says what the issue will cost and whether a person must approve it.
        JsonNode preview = call("preview_issue", Map.of("booking_id", id));
        // Money is in minor units: 5400000 BDT is 54000.00 BDT.
        Currency currency = Currency.getInstance(preview.at("/fare_total/currency").asText());
        out.printf("preview   %s fare %s %s, approval %s%n", id, BigDecimal.valueOf(
                        preview.at("/fare_total/amount_minor").asLong(), currency.getDefaultFractionDigits()), currency,
                preview.path("approval_required").asBoolean() ? "required" : "not required");
        return call("issue_booking", Map.of("booking_id", id, "preview_hash", preview.path("preview_hash").asText(),
                "idempotency_key", UUID.randomUUID().toString()));
    }

    /**
     * Where a booking waiting for its tickets ends. While a person has not decided, it stays priced; a rejection
     * leaves it so, which only the time limit here ends.
     */
    private static final Set<String> ENDED = Set.of("ISSUED", "ISSUE_FAILED", "EXPIRED", "CANCELLED");

    /** Reads the booking until its issue has ended or the time is up; answers its last status. */
    private String awaitIssued(String id, Duration within) {
        Instant deadline = Instant.now().plus(within);
        String status = "";
        while (true) {
            String now = call("get_booking", Map.of("booking_id", id)).path("status").asText();
            if (!now.equals(status)) {
                out.printf("watch     %s %s%n", id, now);
                status = now;
            }
            if (ENDED.contains(status) || Instant.now().isAfter(deadline)) {
                return status;
            }
            try {
                Thread.sleep(POLL_EVERY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return status;
            }
        }
    }

    /** Calls a tool; answers its structured content, or throws its problem. */
    public JsonNode call(String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = mcp.callTool(McpSchema.CallToolRequest.builder(tool)
                .arguments(arguments).build());
        // A call the server turned away before running it (arguments the tool does not take) answers only text.
        JsonNode content = result.structuredContent() != null ? JSON.valueToTree(result.structuredContent())
                : JSON.createObjectNode().put("detail", result.content().toString());
        if (Boolean.TRUE.equals(result.isError())) {
            throw new ToolFailed(tool, content);
        }
        return content;
    }

    private static Map<String, Object> passenger(String givenName, String surname) {
        return Map.of("given_name", givenName, "surname", surname);
    }

    @Override
    public void close() {
        mcp.close();
    }
}
