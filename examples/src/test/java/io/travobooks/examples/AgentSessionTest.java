package io.travobooks.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.travobooks.client.TravoClient;
import io.travobooks.client.generated.model.Approval;
import io.travobooks.client.generated.model.ApprovalDecision;
import io.travobooks.client.generated.model.ApproveRequest;
import io.travobooks.client.generated.model.Balance;
import io.travobooks.client.generated.model.BookingStatus;
import io.travobooks.client.generated.model.CreatedApiKey;
import io.travobooks.client.generated.model.Mandate;
import io.travobooks.client.generated.model.NewApiKey;
import io.travobooks.client.generated.model.NewUser;
import io.travobooks.client.generated.model.Scope;
import io.travobooks.client.generated.model.SignIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.travobooks.client.TravoClient.call;
import static io.travobooks.client.TravoClient.keyed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scripted agent over MCP against a real server: a person gives its key a mandate, the agent issues within it,
 * and a person approves the issue above its threshold while the agent waits. And the README's way to make an
 * agent's key and to configure an MCP host, as it is written there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentSessionTest {
    /** The simulated airline's Dhaka-Dubai fare for one passenger: 54,000 taka. */
    private static final long FARE = 5_400_000;
    /** One passenger's fare is below it, two passengers' is above. */
    private static final long APPROVAL_ABOVE = 6_000_000;
    private static final String PASSWORD = "amber-falcon-drifts-over-77-lanterns";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    private LocalServer server;
    private TravoClient admin;

    @BeforeAll
    void start() {
        server = LocalServer.start(data, "agent-desk");
        admin = server.admin();
    }

    @AfterAll
    void stop() {
        admin.close();
        server.close();
    }

    /** A key for an AI agent, with the mandate a person gives it. */
    private CreatedApiKey agentKey() {
        Mandate mandate = new Mandate().currency("BDT").perBookingMinor(4 * FARE).perDayMinor(10 * FARE)
                .totalMinor(10 * FARE).approvalAboveMinor(APPROVAL_ABOVE)
                .tools(new LinkedHashSet<>(AgentSession.TOOLS));
        return keyed(key -> admin.admin().createApiKey(key, new NewApiKey().name("booking agent")
                .scopes(Set.of(Scope.BOOKINGS_READ, Scope.BOOKINGS_WRITE, Scope.BOOKINGS_ISSUE)).mandate(mandate)));
    }

    /**
     * A person who may approve: the agency's accountant, signed in (owners of the first tenant sign in with a second
     * factor). Not whoever made the agent's key.
     */
    private TravoClient approver() {
        String email = "accountant-" + Instant.now().toEpochMilli() + "@example.com";
        keyed(key -> admin.people().createUser(key, new NewUser().email(email).name("Farhana Akter")
                .role("accountant").password(PASSWORD)));
        String token = call(() -> admin.people().createSession(new SignIn().email(email).password(PASSWORD)))
                .getToken();
        return TravoClient.connect(server.url(), token);
    }

    @Test
    void theAgentIssuesWithinItsMandateAndWaitsForAPersonAboveIt() throws Exception {
        CreatedApiKey agent = agentKey();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (AgentSession session = AgentSession.connect(server.url(), agent.getKey(), out);
             TravoClient person = approver();
             // A thread of its own: the MCP client's answers complete on the common pool, which the blocked
             // session would starve where it has one worker (two processors).
             ExecutorService agentThread = Executors.newSingleThreadExecutor()) {
            Future<AgentSession.Report> running = agentThread.submit(() -> session.run(Duration.ofSeconds(60)));

            // The person finds the held issue among the agency's pending approvals, and approves it as it is.
            Approval pending = awaitPendingApproval(person, running);
            assertThat(pending.getOperation()).isEqualTo("issueBooking");
            ApprovalDecision decision = call(() -> person.approvals().approveApproval(pending.getId(),
                    new ApproveRequest().payloadHash(pending.getPayloadHash())));
            assertThat(decision.getApproval().getStatus()).isEqualTo(Approval.StatusEnum.APPROVED);

            AgentSession.Report report = running.get(90, TimeUnit.SECONDS);
            assertThat(report.tools()).as("the mandate's tools, no others")
                    .containsExactlyInAnyOrderElementsOf(AgentSession.TOOLS);
            assertThat(report.directAnswer()).as("within the mandate: issued at once").isEqualTo("ISSUED");
            assertThat(report.pending().path("status").asText()).isEqualTo("PENDING");
            assertThat(report.pending().path("id").asText()).isEqualTo(pending.getId());
            assertThat(report.pending().path("payload_hash").asText()).isEqualTo(pending.getPayloadHash());
            assertThat(report.heldFinally()).isEqualTo("ISSUED");

            // Seen over HTTP: both issued, each ticket once, and one approval only (the first needed none).
            assertThat(call(() -> admin.bookings().getBooking(report.held())).getStatus())
                    .isEqualTo(BookingStatus.ISSUED);
            assertThat(call(() -> admin.bookings().listBookingDocuments(report.held())).getItems()).hasSize(2);
            assertThat(call(() -> admin.bookings().listBookingDocuments(report.direct())).getItems()).hasSize(1);
            assertThat(call(() -> person.approvals().listApprovals(null, null, null)).getItems())
                    .extracting(Approval::getId).containsExactly(pending.getId());
            // Approving again runs nothing again, and the agent's budget was spent once per booking.
            call(() -> person.approvals().approveApproval(pending.getId(),
                    new ApproveRequest().payloadHash(pending.getPayloadHash())));
            assertThat(call(() -> admin.bookings().listBookingDocuments(report.held())).getItems()).hasSize(2);
            Balance spent = call(() -> admin.reports().getBalance("BDT", "99." + agent.getId() + ".spent", null));
            assertThat(spent.getPostedMinor()).isEqualTo(FARE + 2 * FARE);
            assertThat(spent.getPendingMinor()).isZero();
        } finally {
            System.out.print(bytes.toString(StandardCharsets.UTF_8)); // what the agent did, into the build's log
        }
    }

    @Test
    void theReadmesAgentKeyAndMcpHostConfigurationWork() throws Exception {
        String section = "Connect an AI agent over MCP";
        // The curl command's body, as the README gives it, makes an agent's key with a mandate.
        String curl = Readme.blocks(section, "bash").getFirst();
        assertThat(curl).contains("http://127.0.0.1:8080/v1/api-keys");
        Matcher body = Pattern.compile("-d '([^']*)'").matcher(curl);
        assertThat(body.find()).as("a body in %s", curl).isTrue();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/v1/api-keys"))
                .header("Authorization", "Bearer " + server.adminKey()).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body.group(1))).build();
        HttpResponse<String> created;
        try (HttpClient http = HttpClient.newHttpClient()) {
            created = http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode agent = JSON.readTree(created.body());
        assertThat(agent.at("/mandate/approval_above_minor").asLong()).isEqualTo(APPROVAL_ABOVE);

        // The host's configuration, with this server's address and that key in place of the README's.
        JsonNode host = JSON.readTree(Readme.blocks(section, "json").getFirst()).path("mcpServers").path("travobooks");
        assertThat(host.path("type").asText()).as("streamable HTTP").isEqualTo("http");
        assertThat(host.path("url").asText()).isEqualTo("http://127.0.0.1:8080/mcp");
        assertThat(host.path("headers").path("Authorization").asText()).isEqualTo("Bearer tb_...");
        URI url = URI.create(host.path("url").asText().replace("http://127.0.0.1:8080", server.url().toString()));
        HttpRequest.Builder headers = HttpRequest.newBuilder();
        host.path("headers").properties().forEach(header -> headers.header(header.getKey(),
                header.getValue().asText().replace("tb_...", agent.path("key").asText())));
        try (McpSyncClient mcp = McpClient.sync(HttpClientStreamableHttpTransport
                        .builder(url.getScheme() + "://" + url.getAuthority()).endpoint(url.getPath())
                        .requestBuilder(headers).build())
                .requestTimeout(Duration.ofSeconds(30)).build()) {
            mcp.initialize();
            // The booking tools its scopes allow; not the ledger's nor the inbox's.
            assertThat(mcp.listTools().tools()).extracting(McpSchema.Tool::name)
                    .contains("search_flights", "hold_booking", "price_booking", "preview_issue", "issue_booking",
                            "quote_refund", "confirm_refund", "get_booking")
                    .doesNotContain("get_balance", "get_statement", "reply_in_inbox");
        }
    }

    /** The first pending approval the person sees; fails if the session ends first. */
    private static Approval awaitPendingApproval(TravoClient person, Future<?> session)
            throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (session.isDone()) {
                session.get(); // throws what ended it
                throw new AssertionError("the session ended without waiting for an approval");
            }
            List<Approval> pending = call(() -> person.approvals().listApprovals(null, null, "PENDING")).getItems();
            if (!pending.isEmpty()) {
                return pending.getFirst();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no approval to decide within 60 s");
    }
}
