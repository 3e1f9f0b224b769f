package io.travobooks.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.travobooks.server.auth.Role;
import io.travobooks.server.support.ApiClient;
import io.travobooks.server.support.ApiResponse;
import io.travobooks.server.support.ContractValidator;
import io.travobooks.server.support.StateDigest;
import io.travobooks.server.support.Tenants;
import io.travobooks.server.support.TestServer;
import io.travobooks.storage.jdbc.SqlTimes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.travobooks.server.support.Bodies.cr;
import static io.travobooks.server.support.Bodies.dr;
import static io.travobooks.server.support.Bodies.entry;
import static org.assertj.core.api.Assertions.assertThat;

/** Maker-checker over HTTP: large journal entries wait for a second person, who runs them once. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MakerCheckerSuite {
    private static final long LIMIT = 10_000_000; // 100,000.00 taka
    /** The suite's own rule: manual entries above the limit wait for a second person. */
    private static final String ENTRIES_ABOVE_LIMIT = "{\"operation\":\"postJournalEntry\",\"above_minor\":" + LIMIT
            + ",\"currency\":\"BDT\"}";
    private final ContractValidator contract = new ContractValidator();
    private TestServer server;
    private ApiClient owner;
    private ApiClient maker;
    private ApiClient checker;
    private ApiClient secondChecker;

    protected abstract TestServer startServer();

    @BeforeAll
    void start() {
        server = startServer();
        owner = Tenants.open(new ApiClient(server.baseUrl(), Optional.of(server.operatorKey()), contract, true));
        setPolicy(ENTRIES_ABOVE_LIMIT);
        maker = Tenants.signedIn(owner, Role.ACCOUNTANT);
        checker = Tenants.signedIn(owner, Role.ACCOUNTANT);
        secondChecker = Tenants.signedIn(owner, Role.OWNER);
    }

    /** Sets the tenant's approval policy to these rules (JSON objects). */
    private void setPolicy(String... rules) {
        assertThat(owner.send("PUT", "/v1/approval-policy", Optional.of("{\"rules\":[" + String.join(",", rules)
                + "]}"), Map.of()).status()).isEqualTo(200);
    }

    /** Runs {@code test} under a policy of these rules, then puts back the suite's own. */
    private void underPolicy(Runnable test, String... rules) {
        setPolicy(rules);
        try {
            test.run();
        } finally {
            setPolicy(ENTRIES_ABOVE_LIMIT);
        }
    }

    @AfterAll
    void stop() {
        server.close();
        assertThat(contract.violations()).isEmpty();
    }

    private JsonNode hold(String id, long amount) {
        ApiResponse held = maker.post("/v1/journal-entries", entry(id, "2026-03-10", dr("1100", amount),
                cr("4300", amount)));
        assertThat(held.status()).as(held.body()).isEqualTo(202);
        assertThat(held.json().get("status").asText()).isEqualTo("PENDING");
        assertThat(maker.get("/v1/journal-entries/" + id).status()).as("not posted while held").isEqualTo(404);
        return held.json();
    }

    private ApiResponse approve(ApiClient who, JsonNode held, String hash) {
        return who.post("/v1/approvals/" + held.get("id").asText() + "/approve", Map.of("payload_hash", hash));
    }

    @Test
    void anEntryAtTheLimitPostsAtOnceAndOneAboveItWaits() {
        assertThat(maker.post("/v1/journal-entries", entry("mc-at-limit", "2026-03-10", dr("1100", LIMIT),
                cr("4300", LIMIT))).status()).isEqualTo(201);
        hold("mc-above", LIMIT + 1);
    }

    @Test
    void theMakerCannotApproveTheirOwnAndAChangedPayloadCannotBeApprovedUnderTheOldHash() {
        JsonNode held = hold("mc-self", LIMIT * 2);
        ApiClient ownerMaker = Tenants.signedIn(owner, Role.OWNER);
        JsonNode ownersOwn = ownerMaker.post("/v1/journal-entries", entry("mc-owners", "2026-03-10",
                dr("1100", LIMIT * 2), cr("4300", LIMIT * 2))).json();
        String ownKey = ownerMaker.post("/v1/api-keys", Map.of("name", "mine", "scopes", List.of("ledger:read",
                "approvals:decide"))).json().get("key").asText();
        JsonNode other = hold("mc-other", LIMIT * 3);
        var before = StateDigest.of(server.server().backends().storage().dataSource());
        ApiResponse self = approve(maker, held, held.get("payload_hash").asText());
        assertThat(self.status()).isEqualTo(422);
        assertThat(self.code()).isEqualTo("APPROVAL_SELF");
        ApiResponse viaOwnKey = approve(ownerMaker.withKey(ownKey), ownersOwn, ownersOwn.get("payload_hash")
                .asText());
        assertThat(viaOwnKey.code()).as("not with a key of their own either").isEqualTo("APPROVAL_SELF");
        ApiResponse swapped = approve(checker, held, other.get("payload_hash").asText());
        assertThat(swapped.status()).isEqualTo(422);
        assertThat(swapped.code()).isEqualTo("APPROVAL_PAYLOAD_CHANGED");
        assertThat(StateDigest.of(server.server().backends().storage().dataSource())).isEqualTo(before);
        assertThat(maker.get("/v1/journal-entries/mc-self").status()).isEqualTo(404);
    }

    @Test
    void anApprovalRunsTheHeldEntryAsItsMakerMadeItOnceHoweverOftenItIsApproved() {
        JsonNode held = hold("mc-run", LIMIT * 5);
        String hash = held.get("payload_hash").asText();
        ApiResponse approved = approve(checker, held, hash);
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().at("/approval/status").asText()).isEqualTo("APPROVED");
        assertThat(approved.json().at("/result/status").asInt()).isEqualTo(201);
        JsonNode posted = maker.get("/v1/journal-entries/mc-run").json();
        assertThat(posted.at("/lines/0/amount_minor").asLong()).isEqualTo(LIMIT * 5);
        assertThat(approve(checker, held, hash).json().at("/result")).as("the same answer")
                .isEqualTo(approved.json().at("/result"));
        assertThat(approve(secondChecker, held, hash).code()).isEqualTo("APPROVAL_DECIDED");
        String tenant = owner.get("/v1/tenant").json().get("id").asText();
        long copies = server.server().backends().database().inTransaction(handle -> handle.createQuery(
                "SELECT COUNT(*) FROM ledger_entry WHERE partner_id = :t AND entry_id = 'mc-run'")
                .bind("t", tenant).mapTo(Long.class).one());
        assertThat(copies).isEqualTo(1);
    }

    @Test
    void checkersApprovingAtOnceRunTheEntryOnce() throws Exception {
        JsonNode held = hold("mc-race", LIMIT * 7);
        String hash = held.get("payload_hash").asText();
        List<ApiClient> checkers = List.of(checker, secondChecker, Tenants.signedIn(owner, Role.ADMIN_ROLE),
                Tenants.signedIn(owner, Role.OWNER));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ApiResponse>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(checkers.size())) {
            for (ApiClient each : checkers) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return approve(each, held, hash);
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<ApiResponse> answer : answers) {
                statuses.add(answer.get().status());
            }
            assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 422);
        }
        String tenant = owner.get("/v1/tenant").json().get("id").asText();
        long copies = server.server().backends().database().inTransaction(handle -> handle.createQuery(
                "SELECT COUNT(*) FROM ledger_entry WHERE partner_id = :t AND entry_id = 'mc-race'")
                .bind("t", tenant).mapTo(Long.class).one());
        assertThat(copies).isEqualTo(1);
    }

    @Test
    void aRequestRunsWithWhatItsMakerMayDoWhenApprovedAndShowsTheApproverNoSecret() {
        ApiClient admin = Tenants.signedIn(owner, Role.ADMIN_ROLE);
        ApiClient adminsKey = admin.withKey(admin.post("/v1/api-keys", Map.of("name", "own", "scopes",
                List.of("admin"))).json().get("key").asText()); // the same person, another credential
        underPolicy(() -> {
            JsonNode key = admin.post("/v1/api-keys", Map.of("name", "integration", "scopes",
                    List.of("messaging:write"))).json();
            assertThat(key.get("status").asText()).isEqualTo("PENDING");
            JsonNode ran = approve(checker, key, key.get("payload_hash").asText()).json();
            assertThat(ran.at("/result/status").asInt()).isEqualTo(201);
            assertThat(ran.at("/result/body").has("key")).as("the new key's secret is not the approver's").isFalse();
            assertThat(ran.at("/result/body/scopes/0").asText()).isEqualTo("messaging:write");
            assertThat(ran.get("secret_for_maker").asBoolean()).isTrue();
            String collect = "/v1/approvals/" + key.get("id").asText() + "/secret";
            assertThat(checker.post(collect, Map.of()).status()).as("not the approver's to collect (nor can they "
                    + "make keys)").isEqualTo(403);
            assertThat(adminsKey.post(collect, Map.of()).status()).as("nor a key the maker made").isEqualTo(404);
            ApiResponse collected = admin.post(collect, Map.of());
            assertThat(collected.status()).as(collected.body()).isEqualTo(200);
            assertThat(collected.json().get("id").asText()).isEqualTo(ran.at("/result/body/id").asText());
            assertThat(admin.withKey(collected.json().get("key").asText()).get("/v1/whoami").json().get("scopes"))
                    .as("the maker's key works").hasSize(1);
            assertThat(admin.post(collect, Map.of()).status()).as("collected once").isEqualTo(404);

            ApiClient leaving = Tenants.signedIn(owner, Role.ACCOUNTANT);
            JsonNode entry = leaving.post("/v1/journal-entries", entry("mc-left", "2026-03-10",
                    dr("1100", LIMIT * 6), cr("4300", LIMIT * 6))).json();
            String leaverId = leaving.get("/v1/whoami").json().get("id").asText();
            assertThat(owner.post("/v1/users/" + leaverId + "/disable", Map.of()).status()).isEqualTo(200);
            JsonNode refused = approve(checker, entry, entry.get("payload_hash").asText()).json();
            assertThat(refused.at("/result/status").asInt()).as("the maker lost the scope meanwhile").isEqualTo(403);
            assertThat(maker.get("/v1/journal-entries/mc-left").status()).isEqualTo(404);
        }, ENTRIES_ABOVE_LIMIT, "{\"operation\":\"createApiKey\"}");
    }

    @Test
    void aPersonalTokenThatCanChangeSomethingWaitsForTheCheckerWhenThePolicySays() {
        underPolicy(() -> {
            ApiClient person = Tenants.signedIn(owner, Role.ACCOUNTANT);
            assertThat(person.post("/v1/me/tokens", Map.of("name", "reader", "scopes", List.of("ledger:read")))
                    .status()).as("reading only: made at once").isEqualTo(201);
            JsonNode held = person.post("/v1/me/tokens", Map.of("name", "poster", "scopes",
                    List.of("ledger:write"))).json();
            assertThat(held.get("status").asText()).isEqualTo("PENDING");
            assertThat(person.get("/v1/me/tokens").json().get("items").findValuesAsText("name"))
                    .containsExactly("reader");
            JsonNode ran = approve(checker, held, held.get("payload_hash").asText()).json();
            assertThat(ran.at("/result/status").asInt()).isEqualTo(201);
            assertThat(ran.at("/result/body").has("key")).isFalse();
            assertThat(person.post("/v1/me/tokens", Map.of("name", "too much", "scopes", List.of("admin"))).status())
                    .as("refused at once, not held to fail when approved").isEqualTo(403);
            assertThat(owner.post("/v1/me/tokens", Map.of("name", "by key", "scopes", List.of("ledger:write")))
                    .code()).as("a key is refused at once too").isEqualTo("NOT_A_SESSION");
            JsonNode collected = person.post("/v1/approvals/" + held.get("id").asText() + "/secret", Map.of()).json();
            assertThat(person.withKey(collected.get("key").asText()).get("/v1/whoami").json().get("scopes"))
                    .extracting(JsonNode::asText).containsExactly("ledger:write");
            assertThat(person.get("/v1/me/tokens").json().get("items").findValuesAsText("name"))
                    .containsExactlyInAnyOrder("reader", "poster");
        }, "{\"operation\":\"createMyToken\"}");
    }

    @Test
    void aPolicyForKeysHoldsPersonalTokensToo() {
        underPolicy(() -> {
            JsonNode held = Tenants.signedIn(owner, Role.ACCOUNTANT).post("/v1/me/tokens", Map.of("name", "poster",
                    "scopes", List.of("ledger:write"))).json();
            assertThat(held.get("status").asText()).as("a personal token is a key").isEqualTo("PENDING");
            assertThat(held.get("operation").asText()).isEqualTo("createMyToken");
        }, "{\"operation\":\"createApiKey\"}");
    }

    @Test
    void aRequestNoOneDecidedInTimeIsExpiredAndCannotBeApproved() {
        JsonNode held = hold("mc-late", LIMIT * 8);
        String id = held.get("id").asText();
        Instant now = Instant.now();
        server.server().backends().database().inTransaction(handle -> handle.createUpdate(
                        "UPDATE approval_request SET requested_at = :r, expires_at = :e WHERE approval_id = :id")
                .bind("r", SqlTimes.text(now.minus(Duration.ofHours(2))))
                .bind("e", SqlTimes.text(now.minus(Duration.ofHours(1))))
                .bind("id", id).execute()); // as if a day had passed
        assertThat(checker.get("/v1/approvals/" + id).json().get("status").asText()).isEqualTo("EXPIRED");
        assertThat(checker.get("/v1/approvals?status=EXPIRED&limit=200").json().get("items"))
                .extracting(node -> node.get("id").asText()).contains(id);
        assertThat(checker.get("/v1/approvals?status=PENDING&limit=200").json().get("items"))
                .extracting(node -> node.get("id").asText()).doesNotContain(id);
        assertThat(approve(checker, held, held.get("payload_hash").asText()).code()).isEqualTo("APPROVAL_EXPIRED");
        assertThat(maker.get("/v1/journal-entries/mc-late").status()).isEqualTo(404);
    }

    @Test
    void aRejectedRequestNeverRunsAndIsListedAsRejected() {
        JsonNode held = hold("mc-rejected", LIMIT * 4);
        String id = held.get("id").asText();
        assertThat(checker.post("/v1/approvals/" + id + "/reject", Map.of("reason", "no such invoice")).json()
                .get("status").asText()).isEqualTo("REJECTED");
        assertThat(approve(secondChecker, held, held.get("payload_hash").asText()).code())
                .isEqualTo("APPROVAL_DECIDED");
        assertThat(maker.get("/v1/journal-entries/mc-rejected").status()).isEqualTo(404);
        assertThat(checker.get("/v1/approvals?status=REJECTED").json().get("items"))
                .extracting(node -> node.get("id").asText()).contains(id);
        assertThat(checker.get("/v1/approvals/" + id).json().get("reason").asText()).isEqualTo("no such invoice");
    }
}
