package io.travobooks.server.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.travobooks.server.http.Json;
import io.travobooks.server.support.ApiClient;
import io.travobooks.server.support.ApiResponse;
import io.travobooks.server.support.BookingSteps;
import io.travobooks.server.support.ContractValidator;
import io.travobooks.server.support.Tenants;
import io.travobooks.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.assertj.core.api.InstanceOfAssertFactories;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MCP over HTTP on a real server (embedded default), driven by the MCP SDK's own client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpEndpointTest {
    private TestServer server;
    private ApiClient agency;

    @BeforeAll
    void start() {
        server = TestServer.h2();
        agency = Tenants.open(new ApiClient(server.baseUrl(), Optional.of(server.operatorKey()),
                new ContractValidator(), true));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private McpSyncClient client(String key) {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(server.baseUrl())
                        .endpoint("/mcp")
                        .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + key))
                        .build())
                .requestTimeout(Duration.ofSeconds(30))
                .clientInfo(McpSchema.Implementation.builder("travobooks-tests", "1").build())
                .build();
        client.initialize();
        return client;
    }

    private static JsonNode structured(McpSchema.CallToolResult result) {
        return Json.MAPPER.valueToTree(result.structuredContent());
    }

    private static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
    }

    private static Map<String, Object> hold(String id, String offer, String key) {
        return Map.of("id", id, "offer_id", offer, "passengers", List.of(Map.of("given_name", "NUSRAT",
                "surname", "JAHAN")), "terms", Map.of("currency", "BDT", "service_fee_minor", 50_000),
                "idempotency_key", key);
    }

    private String offer(McpSyncClient client) {
        McpSchema.CallToolResult found = call(client, "search_flights", Map.of("origin", "DAC",
                "destination", "DXB", "date", LocalDate.now().plusDays(30).toString()));
        assertThat(found.isError()).as(found.toString()).isFalse();
        return structured(found).at("/items/0/offer_id").asText();
    }

    @Test
    void anAgentBooksAndIssuesThroughTheTools() {
        try (McpSyncClient client = client(agency.key())) {
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).contains("search_flights",
                    "hold_booking", "price_booking", "issue_booking", "void_booking", "get_booking");
            McpSchema.Tool issue = client.listTools().tools().stream().filter(t -> t.name().equals("issue_booking"))
                    .findFirst().orElseThrow();
            assertThat(issue.annotations().destructiveHint()).isTrue();
            assertThat(issue.inputSchema().get("required")).asInstanceOf(InstanceOfAssertFactories.LIST)
                    .contains("booking_id", "preview_hash", "idempotency_key");

            McpSchema.CallToolResult held = call(client, "hold_booking", hold("MCP-1", offer(client),
                    UUID.randomUUID().toString()));
            assertThat(held.isError()).as(held.toString()).isFalse();
            assertThat(structured(held).get("status").asText()).isEqualTo("HELD");
            assertThat(call(client, "price_booking", Map.of("booking_id", "MCP-1")).isError()).isFalse();
            JsonNode preview = structured(call(client, "preview_issue", Map.of("booking_id", "MCP-1")));
            assertThat(preview.at("/entries/0/lines")).isNotEmpty();
            McpSchema.CallToolResult issued = call(client, "issue_booking", Map.of("booking_id", "MCP-1",
                    "preview_hash", preview.get("preview_hash").asText(),
                    "idempotency_key", UUID.randomUUID().toString()));
            assertThat(structured(issued).get("status").asText()).as(issued.toString()).isEqualTo("ISSUED");

            McpSchema.ReadResourceResult resource = client.readResource(McpSchema.ReadResourceRequest.builder(
                    "travobooks://bookings/MCP-1").build());
            String text = ((McpSchema.TextResourceContents) resource.contents().getFirst()).text();
            assertThat(Json.MAPPER.valueToTree(Json.readBody(text.getBytes())).get("status").asText())
                    .isEqualTo("ISSUED");
            assertThat(agency.get("/v1/bookings/MCP-1").json().get("status").asText())
                    .as("the same booking over HTTP").isEqualTo("ISSUED");
        }
    }

    @Test
    void theSameKeyThroughMcpAndHttpIsOneChange() {
        try (McpSyncClient client = client(agency.key())) {
            String key = UUID.randomUUID().toString();
            Map<String, Object> arguments = hold("MCP-2", offer(client), key);
            McpSchema.CallToolResult held = call(client, "hold_booking", arguments);
            assertThat(held.isError()).as(held.toString()).isFalse();

            Map<String, Object> body = new HashMap<>(arguments);
            body.remove("idempotency_key");
            ApiResponse again = agency.post("/v1/bookings", body, key);
            assertThat(again.status()).isEqualTo(201);
            assertThat(again.header("Idempotent-Replayed")).contains("true");
            assertThat(again.json().get("version").asLong()).isEqualTo(structured(held).get("version").asLong());
        }
    }

    @Test
    void aToolBeyondTheCredentialsScopesIsHiddenAndRefusedWhenCalledAnyway() {
        ApiResponse created = agency.post("/v1/api-keys", Map.of("name", "reader", "scopes",
                List.of("bookings:read")));
        String reader = created.json().get("key").asText();
        String ticket = new BookingSteps(agency).issued("MCP-3");
        try (McpSyncClient client = client(reader)) {
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).contains("get_booking")
                    .doesNotContain("issue_booking", "void_booking", "hold_booking", "get_balance");
            McpSchema.CallToolResult refused = call(client, "void_booking", Map.of("booking_id", "MCP-3",
                    "idempotency_key", UUID.randomUUID().toString()));
            assertThat(refused.isError()).isTrue();
            assertThat(structured(refused).get("code").asText()).isEqualTo("FORBIDDEN");
        }
        assertThat(agency.get("/v1/bookings/MCP-3").json().get("status").asText()).as("nothing voided " + ticket)
                .isEqualTo("ISSUED");
    }

    @Test
    void argumentsTheToolDoesNotTakeChangeNothing() {
        try (McpSyncClient client = client(agency.key())) {
            Map<String, Object> arguments = new HashMap<>(hold("MCP-4", offer(client), UUID.randomUUID().toString()));
            arguments.put("tenant", "someone-else");
            McpSchema.CallToolResult refused = call(client, "hold_booking", arguments);
            assertThat(refused.isError()).isTrue();
            assertThat(refused.content().toString()).contains("tenant");
        }
        assertThat(agency.get("/v1/bookings/MCP-4").status()).isEqualTo(404);
    }

    @Test
    void anotherTenantsBookingIsNotFound() {
        new BookingSteps(agency).issued("MCP-5");
        ApiClient other = Tenants.open(agency.withKey(server.operatorKey()));
        try (McpSyncClient client = client(other.key())) {
            McpSchema.CallToolResult missing = call(client, "get_booking", Map.of("booking_id", "MCP-5"));
            assertThat(missing.isError()).isTrue();
            assertThat(structured(missing).get("code").asText()).isEqualTo("BOOKING_NOT_FOUND");
            assertThatThrownBy(() -> client.readResource(McpSchema.ReadResourceRequest.builder(
                    "travobooks://bookings/MCP-5").build())).isInstanceOf(McpError.class)
                    .satisfies(e -> assertThat(((McpError) e).getJsonRpcError().code()).isEqualTo(-32002));
        }
    }

    private HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/mcp"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        Map<String, String> all = new HashMap<>(Map.of("Content-Type", "application/json",
                "Accept", "application/json, text/event-stream", "Authorization", "Bearer " + agency.key()));
        all.putAll(headers);
        all.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theTransportRefusesWhatItDoesNotTake() throws Exception {
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        assertThat(post(ping, Map.of()).statusCode()).isEqualTo(200);
        assertThat(post(ping, Map.of("Origin", "https://evil.example")).statusCode()).isEqualTo(403);
        assertThat(post(ping, Map.of("Accept", "application/json")).statusCode()).isEqualTo(406);
        assertThat(post(ping, Map.of("Content-Type", "text/plain")).statusCode()).isEqualTo(415);
        assertThat(post(ping, Map.of("MCP-Protocol-Version", "1999-01-01")).statusCode()).isEqualTo(400);
        assertThat(post("[" + ping + "]", Map.of()).body()).contains("-32600");
        assertThat(post("{not json", Map.of()).body()).contains("-32700");
        HttpResponse<String> emptyCall = post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\","
                + "\"params\":{}}", Map.of());
        assertThat(emptyCall.statusCode()).as("a JSON-RPC error, not a failure of the server").isEqualTo(200);
        assertThat(Json.MAPPER.readTree(emptyCall.body()).at("/error/code").asInt()).isNegative();
        assertThat(Json.MAPPER.readTree(emptyCall.body()).get("id").asInt()).isEqualTo(7);
        HttpResponse<String> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                server.baseUrl() + "/mcp")).header("Authorization", "Bearer " + agency.key()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stream.statusCode()).as("no server-sent stream").isEqualTo(405);
    }

    @Test
    void everyToolCallIsInTheAuditLogWithWhatMadeIt() {
        try (McpSyncClient client = client(agency.key())) {
            offer(client);
        }
        JsonNode lines = agency.get("/v1/audit-log?limit=200").json().get("items");
        boolean viaMcp = false;
        for (JsonNode line : lines) {
            viaMcp |= line.path("action").asText().equals("searchOffers")
                    && line.at("/detail/via").asText().equals("mcp:search_flights")
                    && line.path("actor").asText().startsWith("key:");
        }
        assertThat(viaMcp).as(lines.toString()).isTrue();
    }

    @Test
    void withoutACredentialTheChallengeNamesTheResourceMetadata() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        String challenge = refused.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertThat(challenge).startsWith("Bearer ").contains("resource_metadata=\"" + server.baseUrl()
                + "/.well-known/oauth-protected-resource/mcp\"");

        HttpResponse<String> metadata = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                + "/.well-known/oauth-protected-resource/mcp")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode resource = Json.MAPPER.readTree(metadata.body());
        assertThat(resource.get("resource").asText()).isEqualTo(server.baseUrl() + "/mcp");
        assertThat(resource.get("bearer_methods_supported").get(0).asText()).isEqualTo("header");
    }
}
