package io.travobooks.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.travobooks.server.auth.Role;
import io.travobooks.server.support.ApiClient;
import io.travobooks.server.support.ApiResponse;
import io.travobooks.server.support.ContractValidator;
import io.travobooks.server.support.OperationSamples;
import io.travobooks.server.support.Tenants;
import io.travobooks.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.travobooks.server.support.Bodies.cr;
import static io.travobooks.server.support.Bodies.dr;
import static io.travobooks.server.support.Bodies.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit log over HTTP, on each kind of server: what a line holds, its chain, and a chain broken on purpose. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuditLogSuite {
    private final ContractValidator contract = new ContractValidator();
    private TestServer server;
    private ApiClient operator;

    protected abstract TestServer startServer();

    @BeforeAll
    void start() {
        server = startServer();
        operator = new ApiClient(server.baseUrl(), Optional.of(server.operatorKey()), contract, true);
    }

    @AfterAll
    void stop() {
        server.close();
        assertThat(contract.violations()).isEmpty();
    }

    private static List<JsonNode> lines(ApiClient client) {
        List<JsonNode> lines = new ArrayList<>();
        String url = "/v1/audit-log?limit=50";
        while (true) {
            JsonNode page = client.get(url).json();
            page.get("items").forEach(lines::add);
            if (!page.has("next_cursor")) {
                return lines;
            }
            url = "/v1/audit-log?limit=50&cursor=" + page.get("next_cursor").asText();
        }
    }

    private String tenantOf(ApiClient client) {
        return client.get("/v1/tenant").json().get("id").asText();
    }

    @Test
    void everyChangeAndSignInIsALineWithWhoWhatAndWhereAndNoSecret() {
        ApiClient owner = Tenants.open(operator);
        String email = "audited-" + UUID.randomUUID() + "@example.com";
        String userId = owner.post("/v1/users", Map.of("email", email, "name", "Audited", "role", "viewer",
                "password", OperationSamples.PASSWORD)).json().get("id").asText();
        owner.send("PUT", "/v1/users/" + userId + "/role", Optional.of("{\"role\":\"accountant\"}"), Map.of());
        Tenants.signIn(owner, email, "not-the-password");
        String token = Tenants.signIn(owner, email, OperationSamples.PASSWORD).json().get("token").asText();
        ApiClient accountant = owner.withKey(token);
        ApiResponse posted = accountant.post("/v1/journal-entries", entry("audit-e1", "2026-03-10", dr("1100", 100),
                cr("4300", 100)), "audit-key-1");
        assertThat(posted.status()).isEqualTo(201);
        assertThat(accountant.post("/v1/api-keys", Map.of("name", "x", "scopes", List.of("ledger:read")))
                .status()).as("refused, and audited").isEqualTo(403);
        owner.get("/v1/reports/trial-balance"); // a read: not audited by default

        List<JsonNode> lines = lines(owner);
        assertThat(lines).extracting(line -> line.get("action").asText()).containsExactly("createUser",
                "setUserRole", "createSession", "createSession", "postJournalEntry", "createApiKey");
        assertThat(lines).extracting(line -> line.get("seq").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        JsonNode role = lines.get(1);
        assertThat(role.get("resource").asText()).isEqualTo("user_id=" + userId);
        assertThat(role.at("/detail/before").asText()).isEqualTo("viewer");
        assertThat(role.at("/detail/after").asText()).isEqualTo("accountant");
        assertThat(lines.get(2).get("status").asInt()).isEqualTo(401);
        assertThat(lines.get(2).get("actor").asText()).isEqualTo("anonymous");
        assertThat(lines.get(3).get("actor").asText()).isEqualTo("user:" + userId);
        JsonNode post = lines.get(4);
        assertThat(post.get("actor").asText()).isEqualTo("user:" + userId);
        assertThat(post.get("idempotency_key").asText()).isEqualTo("audit-key-1");
        assertThat(post.at("/detail/id").asText()).isEqualTo("audit-e1");
        assertThat(post.get("request_id").asText()).isEqualTo(posted.header("X-Request-Id").orElseThrow());
        assertThat(post.get("address").asText()).isEqualTo("127.0.0.1");
        assertThat(lines.get(5).get("status").asInt()).isEqualTo(403);
        String export = owner.get("/v1/audit-log?limit=200").body();
        assertThat(export).doesNotContain(OperationSamples.PASSWORD).doesNotContain(token)
                .doesNotContain(owner.key());
        assertThat(owner.get("/v1/audit-log/verify").json().get("intact").asBoolean()).isTrue();
    }

    @Test
    void charactersThatCouldForgeALineAreNeutralised() {
        String forged = "mallory\u2028\u202eforged@example.com";
        assertThat(operator.withoutKey().post("/v1/sessions", Map.of("email", forged, "password", "x"))
                .status()).isEqualTo(401);
        operator.get("/v1/audit-log/verify"); // reading the log waits for the lines queued before
        List<String> details = server.server().backends().database().inTransaction(handle -> handle
                .createQuery("SELECT detail FROM audit_log WHERE partner_id = '*'").mapTo(String.class).list());
        assertThat(details).anySatisfy(detail -> assertThat(detail).contains("mallory\\u2028\\u202eforged"));
        assertThat(details).allSatisfy(detail -> assertThat(detail).doesNotContain("\u2028").doesNotContain("\u202e"));
    }

    /** Whether the database itself refuses changes to the log (MySQL's triggers). */
    protected abstract boolean appendOnlyInTheDatabase();

    @Test
    void aLineChangedOrRemovedBehindTheServersBackBreaksTheChainThere() {
        ApiClient owner = Tenants.open(operator);
        for (int i = 0; i < 5; i++) {
            owner.post("/v1/journal-entries", entry("tamper-" + i, "2026-03-10", dr("1100", 100), cr("4300", 100)));
        }
        JsonNode intact = owner.get("/v1/audit-log/verify").json();
        assertThat(intact.get("intact").asBoolean()).isTrue();
        assertThat(intact.get("verified").asLong()).isEqualTo(5);
        String tenant = tenantOf(owner);
        if (appendOnlyInTheDatabase()) {
            assertThatThrownBy(() -> server.server().backends().database().inTransaction(handle -> handle
                    .createUpdate("UPDATE audit_log SET status = 500 WHERE partner_id = :t AND seq = 3")
                    .bind("t", tenant).execute())).hasMessageContaining("append-only");
            assertThatThrownBy(() -> server.server().backends().database().inTransaction(handle -> handle
                    .createUpdate("DELETE FROM audit_log WHERE partner_id = :t").bind("t", tenant).execute()))
                    .hasMessageContaining("append-only");
            // Someone who may drop the triggers can still change a line: the chain shows where.
            server.server().backends().database().inTransaction(handle -> handle.execute(
                    "DROP TRIGGER audit_log_no_update") + handle.execute("DROP TRIGGER audit_log_no_delete"));
        }
        server.server().backends().database().inTransaction(handle -> handle.createUpdate(
                "UPDATE audit_log SET status = 500 WHERE partner_id = :t AND seq = 3").bind("t", tenant).execute());
        JsonNode changed = owner.get("/v1/audit-log/verify").json();
        assertThat(changed.get("intact").asBoolean()).isFalse();
        assertThat(changed.get("broken_at").asLong()).isEqualTo(3);
        assertThat(changed.get("verified").asLong()).isEqualTo(2);
        server.server().backends().database().inTransaction(handle -> handle.createUpdate(
                "DELETE FROM audit_log WHERE partner_id = :t AND seq = 2").bind("t", tenant).execute());
        assertThat(owner.get("/v1/audit-log/verify").json().get("broken_at").asLong()).isEqualTo(2);
    }

    @Test
    void concurrentRequestsGetOneUnbrokenChain() throws Exception {
        ApiClient owner = Tenants.open(operator);
        ApiClient agent = Tenants.signedIn(owner, Role.TICKETING_AGENT); // one line: its user
        int threads = 16;
        int each = 10;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    go.await();
                    int created = 0;
                    for (int i = 0; i < each; i++) {
                        ApiClient who = thread % 2 == 0 ? owner : agent;
                        created += who.post("/v1/journal-entries", entry("c-" + thread + "-" + i, "2026-03-10",
                                dr("1100", 100), cr("4300", 100))).status() == 201 ? 1 : 0;
                    }
                    return created;
                }));
            }
            go.countDown();
            for (Future<Integer> future : done) {
                future.get();
            }
        }
        List<JsonNode> lines = lines(owner);
        // The agent has no ledger:write: its half are refused, and audited all the same.
        assertThat(lines).hasSize(2 + threads * each);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i).get("seq").asLong()).isEqualTo(i + 1);
        }
        JsonNode verified = owner.get("/v1/audit-log/verify").json();
        assertThat(verified.get("intact").asBoolean()).isTrue();
        assertThat(verified.get("verified").asLong()).isEqualTo(lines.size());
    }
}
