package io.travobooks.server.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.travobooks.server.auth.Role;
import io.travobooks.server.http.Json;
import io.travobooks.server.support.ApiClient;
import io.travobooks.server.support.ApiResponse;
import io.travobooks.server.support.BookingSteps;
import io.travobooks.server.support.RoutesSuite;
import io.travobooks.server.support.Tenants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AI agents acting within the mandates people give their keys, over MCP on a real server, on H2 and on MariaDB +
 * Redis by the subclasses. The fare of every booking here is the worked example's: 54,000 BDT for one passenger.
 */
public abstract class AgentMandatesSuite extends RoutesSuite {
    private static final long FARE = 5_400_000;
    private static final List<String> AGENT_SCOPES = List.of("bookings:read", "bookings:write", "bookings:issue");
    private ApiClient agency;

    @BeforeAll
    void openTenant() {
        agency = Tenants.open(operator);
    }

    /** A new agent key with this mandate (BDT); answers the key's id and secret. */
    private Map.Entry<String, String> agent(Map<String, Object> mandate) {
        Map<String, Object> full = new HashMap<>(Map.of("currency", "BDT", "per_booking_minor", FARE * 2,
                "per_day_minor", FARE * 1_000, "total_minor", FARE * 1_000));
        full.putAll(mandate);
        ApiResponse created = agency.post("/v1/api-keys", Map.of("name", "agent", "scopes", AGENT_SCOPES,
                "mandate", full));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return Map.entry(created.json().get("id").asText(), created.json().get("key").asText());
    }

    private McpSyncClient client(String key) {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(server.baseUrl())
                        .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + key)).build())
                .requestTimeout(Duration.ofSeconds(60))
                .clientInfo(McpSchema.Implementation.builder("mandate-tests", "1").build()).build();
        client.initialize();
        return client;
    }

    private static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
    }

    private static JsonNode structured(McpSchema.CallToolResult result) {
        return Json.MAPPER.valueToTree(result.structuredContent());
    }

    /** Issues through MCP as the preview shows it. */
    private static McpSchema.CallToolResult issue(McpSyncClient client, String booking, String key) {
        JsonNode preview = structured(call(client, "preview_issue", Map.of("booking_id", booking)));
        return call(client, "issue_booking", Map.of("booking_id", booking, "preview_hash",
                preview.get("preview_hash").asText(), "idempotency_key", key));
    }

    private String priced(String id) {
        BookingSteps steps = new BookingSteps(agency);
        steps.hold(id, 1, "AGENCY");
        steps.price(id);
        return id;
    }

    private JsonNode balance(String keyId) {
        ApiResponse balance = agency.get("/v1/accounts/99." + keyId + ".spent/balance?currency=BDT");
        assertThat(balance.status()).as(balance.body()).isEqualTo(200);
        return balance.json();
    }

    /** What the agent spent and has reserved; nothing when it never issued (its accounts are not open yet). */
    private long spent(String keyId) {
        if (agency.get("/v1/accounts/99." + keyId + ".spent").status() == 404) {
            return 0;
        }
        JsonNode balance = balance(keyId);
        return balance.get("posted_minor").asLong() + balance.get("pending_minor").asLong();
    }

    private String status(String booking) {
        return agency.get("/v1/bookings/" + booking).json().get("status").asText();
    }

    @Test
    void fiftyConcurrentIssuesAgainstABudgetForTenIssueExactlyTen() throws Exception {
        Map.Entry<String, String> agent = agent(Map.of("total_minor", FARE * 10));
        List<String> bookings = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            bookings.add(priced("RACE-" + i));
        }
        List<McpSyncClient> clients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            clients.add(client(agent.getValue()));
        }
        List<JsonNode> previews = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            previews.add(structured(call(clients.get(i), "preview_issue", Map.of("booking_id", bookings.get(i)))));
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<McpSchema.CallToolResult>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(50)) {
            for (int i = 0; i < 50; i++) {
                int n = i;
                answers.add(threads.submit(() -> {
                    go.await();
                    return call(clients.get(n), "issue_booking", Map.of("booking_id", bookings.get(n),
                            "preview_hash", previews.get(n).get("preview_hash").asText(),
                            "idempotency_key", UUID.randomUUID().toString()));
                }));
            }
            go.countDown();
            int issued = 0;
            for (Future<McpSchema.CallToolResult> answer : answers) {
                McpSchema.CallToolResult result = answer.get(120, TimeUnit.SECONDS);
                if (Boolean.TRUE.equals(result.isError())) {
                    assertThat(structured(result).get("code").asText()).as(result.toString())
                            .isEqualTo("MANDATE_BUDGET_EXCEEDED");
                } else {
                    assertThat(structured(result).get("status").asText()).isEqualTo("ISSUED");
                    issued++;
                }
            }
            assertThat(issued).isEqualTo(10);
        }
        clients.forEach(McpSyncClient::close);
        assertThat(bookings.stream().filter(id -> status(id).equals("ISSUED"))).hasSize(10);
        assertThat(bookings.stream().filter(id -> status(id).equals("PRICED"))).as("refused ones untouched")
                .hasSize(40);
        JsonNode balance = balance(agent.getKey());
        assertThat(balance.get("posted_minor").asLong()).as("ten fares spent").isEqualTo(FARE * 10);
        assertThat(balance.get("pending_minor").asLong()).as("no reservation left").isZero();
    }

    @Test
    void aFareAboveTheBudgetPerBookingIsRefusedOverMcpAndHttpAlike() {
        Map.Entry<String, String> agent = agent(Map.of("per_booking_minor", FARE - 1));
        String booking = priced("PER-1");
        try (McpSyncClient client = client(agent.getValue())) {
            McpSchema.CallToolResult refused = issue(client, booking, UUID.randomUUID().toString());
            assertThat(refused.isError()).isTrue();
            assertThat(structured(refused).get("code").asText()).isEqualTo("MANDATE_PER_BOOKING_EXCEEDED");
        }
        ApiResponse overHttp = agency.withKey(agent.getValue()).post("/v1/bookings/" + booking + "/issue", Map.of());
        assertThat(overHttp.status()).isEqualTo(422);
        assertThat(overHttp.code()).isEqualTo("MANDATE_PER_BOOKING_EXCEEDED");
        assertThat(status(booking)).isEqualTo("PRICED");
    }

    @Test
    void anIssueAboveTheThresholdWaitsForAPersonAndThenIssuesOnce() {
        Map.Entry<String, String> agent = agent(Map.of("approval_above_minor", FARE - 1));
        String booking = priced("APR-1");
        JsonNode held;
        try (McpSyncClient client = client(agent.getValue())) {
            JsonNode preview = structured(call(client, "preview_issue", Map.of("booking_id", booking)));
            assertThat(preview.get("approval_required").asBoolean()).isTrue();
            McpSchema.CallToolResult pending = issue(client, booking, UUID.randomUUID().toString());
            assertThat(pending.isError()).as(pending.toString()).isFalse();
            held = structured(pending);
            assertThat(held.get("status").asText()).isEqualTo("PENDING");
            assertThat(held.get("operation").asText()).isEqualTo("issueBooking");
        }
        assertThat(status(booking)).as("nothing issued while it waits").isEqualTo("PRICED");
        assertThat(spent(agent.getKey())).as("nothing reserved while it waits").isZero();

        ApiResponse byProgram = agency.post("/v1/approvals/" + held.get("id").asText() + "/approve",
                Map.of("payload_hash", held.get("payload_hash").asText()));
        assertThat(byProgram.code()).as("a key is no person").isEqualTo("APPROVAL_BY_PERSON");
        ApiClient approver = Tenants.signedIn(agency, Role.OWNER);
        ApiResponse approved = approver.post("/v1/approvals/" + held.get("id").asText() + "/approve",
                Map.of("payload_hash", held.get("payload_hash").asText()));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(status(booking)).isEqualTo("ISSUED");
        ApiResponse again = approver.post("/v1/approvals/" + held.get("id").asText() + "/approve",
                Map.of("payload_hash", held.get("payload_hash").asText()));
        assertThat(again.status()).as("approving again answers the same: " + again.body()).isEqualTo(200);
        assertThat(again.json().at("/result/body/status").asText()).isEqualTo("ISSUED");
        assertThat(agency.get("/v1/bookings/" + booking + "/documents").json().get("items")).hasSize(1);
        assertThat(spent(agent.getKey())).as("spent once").isEqualTo(FARE);
    }

    @Test
    void anIssueTheAgencysOwnPolicyHoldsIsSpentOnceAPersonApprovesTheBooking() {
        Map.Entry<String, String> agent = agent(Map.of());
        BookingSteps steps = new BookingSteps(agency);
        steps.hold("POL-1", 2, "AGENCY"); // two fares: above the booking approval limit of the test server
        steps.price("POL-1");
        try (McpSyncClient client = client(agent.getValue())) {
            McpSchema.CallToolResult waiting = issue(client, "POL-1", UUID.randomUUID().toString());
            assertThat(structured(waiting).get("status").asText()).as(waiting.toString())
                    .isEqualTo("PENDING_APPROVAL");
        }
        JsonNode reserved = balance(agent.getKey());
        assertThat(reserved.get("pending_minor").asLong()).as("held while it waits").isEqualTo(FARE * 2);
        assertThat(reserved.get("posted_minor").asLong()).isZero();

        ApiResponse approved = Tenants.signedIn(agency, Role.OWNER).post("/v1/bookings/POL-1/approve", Map.of());
        assertThat(approved.json().get("status").asText()).as(approved.body()).isEqualTo("ISSUED");
        JsonNode spent = balance(agent.getKey());
        assertThat(spent.get("posted_minor").asLong()).as("spent once the person approved").isEqualTo(FARE * 2);
        assertThat(spent.get("pending_minor").asLong()).isZero();
    }

    @Test
    void anAgentSeesAndCallsOnlyTheToolsItsMandateLists() {
        Map.Entry<String, String> agent = agent(Map.of("tools", List.of("search_flights", "get_booking")));
        try (McpSyncClient client = client(agent.getValue())) {
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrder("search_flights", "get_booking");
            McpSchema.CallToolResult refused = call(client, "price_booking", Map.of("booking_id", "NONE-1"));
            assertThat(refused.isError()).isTrue();
            assertThat(structured(refused).get("code").asText()).isEqualTo("MANDATE_TOOL_NOT_ALLOWED");
        }
        assertThat(auditLines()).as("the refusal is audited").anySatisfy(line -> {
            assertThat(line.path("action").asText()).isEqualTo("priceBooking");
            assertThat(line.path("status").asInt()).isEqualTo(403);
            assertThat(line.at("/detail/via").asText()).isEqualTo("mcp:price_booking");
        });
    }

    /** Every line of the tenant's audit log, page by page. */
    private List<JsonNode> auditLines() {
        List<JsonNode> lines = new ArrayList<>();
        String cursor = "";
        do {
            JsonNode page = agency.get("/v1/audit-log?limit=200" + (cursor.isEmpty() ? "" : "&cursor=" + cursor))
                    .json();
            page.get("items").forEach(lines::add);
            cursor = page.path("next_cursor").asText("");
        } while (!cursor.isEmpty());
        return lines;
    }

    @Test
    void aToolTheMandateDoesNotListIsRefusedEvenWhereAPersonWouldApproveIt() {
        Map.Entry<String, String> agent = agent(Map.of("tools", List.of("preview_issue", "get_booking"),
                "approval_above_minor", 1));
        String booking = priced("TOOL-1");
        try (McpSyncClient client = client(agent.getValue())) {
            McpSchema.CallToolResult refused = issue(client, booking, UUID.randomUUID().toString());
            assertThat(refused.isError()).as("refused, not held").isTrue();
            assertThat(structured(refused).get("code").asText()).isEqualTo("MANDATE_TOOL_NOT_ALLOWED");
        }
        assertThat(agency.get("/v1/approvals?status=PENDING").json().get("items")).as("nothing held").isEmpty();
    }

    @Test
    void theDailyBudgetStopsTheSecondIssueOfTheDay() {
        Map.Entry<String, String> agent = agent(Map.of("per_day_minor", FARE));
        try (McpSyncClient client = client(agent.getValue())) {
            assertThat(structured(issue(client, priced("DAY-1"), UUID.randomUUID().toString())).get("status")
                    .asText()).isEqualTo("ISSUED");
            McpSchema.CallToolResult refused = issue(client, priced("DAY-2"), UUID.randomUUID().toString());
            assertThat(structured(refused).get("code").asText()).isEqualTo("MANDATE_BUDGET_EXCEEDED");
            assertThat(structured(refused).get("detail").asText()).contains("daily");
        }
        assertThat(status("DAY-2")).isEqualTo("PRICED");
        assertThat(spent(agent.getKey())).isEqualTo(FARE);
    }

    @Test
    void anAgentIssuesOnlyOnTheAirlinesAndRoutesItsMandateAllows() {
        // The simulated airline flies Emirates (EK) from Dhaka to Dubai.
        Map.Entry<String, String> elsewhere = agent(Map.of("carriers", List.of("EK"), "routes", List.of("DAC-CGP")));
        String booking = priced("ROUTE-1");
        try (McpSyncClient client = client(elsewhere.getValue())) {
            McpSchema.CallToolResult refused = issue(client, booking, UUID.randomUUID().toString());
            assertThat(structured(refused).get("code").asText()).isEqualTo("MANDATE_JOURNEY_NOT_ALLOWED");
        }
        assertThat(status(booking)).isEqualTo("PRICED");
        assertThat(spent(elsewhere.getKey())).isZero();

        Map.Entry<String, String> dubai = agent(Map.of("carriers", List.of("EK"), "routes", List.of("DAC-DXB")));
        try (McpSyncClient client = client(dubai.getValue())) {
            assertThat(structured(issue(client, booking, UUID.randomUUID().toString())).get("status").asText())
                    .isEqualTo("ISSUED");
        }
    }

    @Test
    void anAirlineTheMandateDoesNotNameIsRefusedOverHttpToo() {
        Map.Entry<String, String> agent = agent(Map.of("carriers", List.of("BG")));
        String booking = priced("CARRIER-1");
        ApiResponse refused = agency.withKey(agent.getValue()).post("/v1/bookings/" + booking + "/issue", Map.of());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("MANDATE_JOURNEY_NOT_ALLOWED");
        assertThat(status(booking)).isEqualTo("PRICED");
    }

    @Test
    void anAgentQuotesAnExchangeButAPersonConfirmsIt() {
        Map.Entry<String, String> agent = agent(Map.of());
        String booking = priced("EXCH-1");
        try (McpSyncClient client = client(agent.getValue())) {
            assertThat(structured(issue(client, booking, UUID.randomUUID().toString())).get("status").asText())
                    .isEqualTo("ISSUED");
        }
        ApiClient asAgent = agency.withKey(agent.getValue());
        ApiResponse quoted = asAgent.post("/v1/bookings/" + booking + "/exchange-quotes",
                Map.of("new_offer_id", new BookingSteps(agency).offer()));
        assertThat(quoted.status()).as(quoted.body()).isEqualTo(200);
        ApiResponse refused = asAgent.post("/v1/bookings/" + booking + "/exchange-quotes/"
                + quoted.json().get("quote_id").asText() + "/confirm", Map.of("follow_on_booking_id", "EXCH-2"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("MANDATE_EXCHANGE_NOT_COVERED");
        assertThat(status(booking)).isEqualTo("ISSUED");
    }

    @Test
    void aMandateWithAnEmptyToolListIsRefused() {
        ApiResponse refused = agency.unchecked().post("/v1/api-keys", Map.of("name", "agent", "scopes", AGENT_SCOPES,
                "mandate", Map.of("currency", "BDT", "per_booking_minor", 1, "per_day_minor", 1, "total_minor", 1,
                        "tools", List.of())));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("/mandate/tools");
    }

    @Test
    void noOneMovesAnAgentsBudgetByHand() {
        Map.Entry<String, String> agent = agent(Map.of());
        try (McpSyncClient client = client(agent.getValue())) {
            issue(client, priced("HAND-1"), UUID.randomUUID().toString());
        }
        String spent = "99." + agent.getKey() + ".spent";
        ApiResponse posted = agency.unchecked().post("/v1/journal-entries", Map.of("id", "hand-1",
                "effective_date", "2026-03-10", "lines", List.of(
                        Map.of("account", spent, "side", "CREDIT", "amount_minor", FARE, "currency", "BDT"),
                        Map.of("account", "1100", "side", "DEBIT", "amount_minor", FARE, "currency", "BDT"))));
        assertThat(posted.status()).isEqualTo(400);
        assertThat(posted.json().at("/errors/0/field").asText()).isEqualTo("/lines/0/account");
        ApiResponse opened = agency.unchecked().post("/v1/accounts", Map.of("code", "99.key_x.spent", "name",
                "a budget of my own", "type", "ASSET"));
        assertThat(opened.status()).isEqualTo(400);
        assertThat(spent(agent.getKey())).as("the budget as the agent spent it").isEqualTo(FARE);
    }

    @Test
    void aKeyWithAMandateMakesNoKeys() {
        ApiResponse created = agency.post("/v1/api-keys", Map.of("name", "agent with admin", "scopes",
                List.of("admin", "bookings:read"), "mandate", Map.of("currency", "BDT", "per_booking_minor", 1,
                        "per_day_minor", 1, "total_minor", 1)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        ApiResponse refused = agency.withKey(created.json().get("key").asText()).post("/v1/api-keys",
                Map.of("name", "loophole", "scopes", List.of("bookings:read")));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("MANDATE_NO_KEYS");
    }

    @Test
    void aMandateIsInTheTenantsCurrencyAndNamesOnlyToolsThereAre() {
        ApiResponse dollars = agency.post("/v1/api-keys", Map.of("name", "agent", "scopes", AGENT_SCOPES,
                "mandate", Map.of("currency", "USD", "per_booking_minor", 1, "per_day_minor", 1, "total_minor", 1)));
        assertThat(dollars.status()).isEqualTo(422);
        assertThat(dollars.code()).isEqualTo("MANDATE_CURRENCY");
        ApiResponse unknownTool = agency.post("/v1/api-keys", Map.of("name", "agent", "scopes", AGENT_SCOPES,
                "mandate", Map.of("currency", "BDT", "per_booking_minor", 1, "per_day_minor", 1, "total_minor", 1,
                        "tools", List.of("launch_rocket"))));
        assertThat(unknownTool.status()).isEqualTo(400);
        Map.Entry<String, String> agent = agent(Map.of("total_minor", 7));
        assertThat(agency.get("/v1/api-keys/" + agent.getKey()).json().at("/mandate/total_minor").asLong())
                .isEqualTo(7);
    }
}
