package io.travobooks.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.travobooks.server.auth.Role;
import io.travobooks.server.auth.Scope;
import io.travobooks.server.support.ApiClient;
import io.travobooks.server.support.ApiResponse;
import io.travobooks.server.support.ContractValidator;
import io.travobooks.server.support.OperationSamples;
import io.travobooks.server.support.StateDigest;
import io.travobooks.server.support.Tenants;
import io.travobooks.server.support.TestServer;
import io.travobooks.storage.jdbc.SqlTimes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** People over HTTP: adding users, signing in and out, and every way a session ends. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class UsersAndSessionsSuite {
    private static final String PASSWORD = OperationSamples.PASSWORD;
    private final ContractValidator contract = new ContractValidator();
    private TestServer server;
    private ApiClient owner;

    protected abstract TestServer startServer();

    @BeforeAll
    void start() {
        server = startServer();
        owner = Tenants.open(new ApiClient(server.baseUrl(), Optional.of(server.operatorKey()), contract, true));
    }

    @AfterAll
    void stop() {
        server.close();
        assertThat(contract.violations()).isEmpty();
    }

    private static String email() {
        return "p-" + UUID.randomUUID() + "@Example.com";
    }

    private String addUser(String email, Role role) {
        ApiResponse created = owner.post("/v1/users", Map.of("email", email, "name", "Nadia Rahman", "role",
                role.value(), "password", PASSWORD));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private ApiClient session(String email, String password) {
        ApiResponse signedIn = Tenants.signIn(owner, email, password);
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(201);
        return owner.withKey(signedIn.json().get("token").asText());
    }

    @Test
    void aSignedInUserActsWithTheirRolesScopesInTheirTenant() {
        String email = email();
        String id = addUser(email, Role.ACCOUNTANT);
        ApiResponse signedIn = Tenants.signIn(owner, email.toUpperCase(), PASSWORD); // addresses ignore case
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(201);
        assertThat(signedIn.json().get("token").asText()).startsWith("tbs_").doesNotContain(PASSWORD);
        assertThat(signedIn.json().at("/user/role").asText()).isEqualTo("accountant");
        ApiClient accountant = owner.withKey(signedIn.json().get("token").asText());
        ApiResponse me = accountant.get("/v1/whoami");
        assertThat(me.json().get("kind").asText()).isEqualTo("user");
        assertThat(me.json().get("id").asText()).isEqualTo(id);
        assertThat(me.json().get("tenant").asText()).isEqualTo(owner.get("/v1/tenant").json().get("id").asText());
        assertThat(me.json().get("scopes")).extracting(node -> node.asText())
                .containsExactlyInAnyOrderElementsOf(Role.ACCOUNTANT.scopes().stream().map(Scope::value).toList());
        assertThat(accountant.get("/v1/reports/trial-balance").status()).isEqualTo(200);
        assertThat(accountant.get("/v1/users").status()).as("an accountant manages no one").isEqualTo(403);
    }

    @Test
    void theStoredPasswordIsAnArgon2idHashAndNeverTheText() {
        String email = email();
        addUser(email, Role.VIEWER);
        String stored = server.server().backends().database().inTransaction(handle -> handle
                .createQuery("SELECT password_hash FROM users WHERE email = :email")
                .bind("email", email.toLowerCase()).mapTo(String.class).one());
        assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(PASSWORD);
    }

    @Test
    void aWrongPasswordAndAnUnknownAddressGetTheSameAnswer() {
        String email = email();
        addUser(email, Role.VIEWER);
        ApiResponse wrong = Tenants.signIn(owner, email, PASSWORD + "x");
        ApiResponse unknown = Tenants.signIn(owner, email(), PASSWORD);
        for (ApiResponse refused : List.of(wrong, unknown)) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.code()).isEqualTo("INVALID_CREDENTIALS");
        }
        assertThat(wrong.json().get("detail")).isEqualTo(unknown.json().get("detail"));
    }

    @Test
    void theEleventhAttemptInAMinuteOnOneAccountIsThrottledEvenWithTheRightPassword() {
        String email = email();
        addUser(email, Role.VIEWER);
        for (int i = 0; i < 10; i++) {
            assertThat(Tenants.signIn(owner, email, "wrong-" + i).status()).as("attempt %d", i + 1).isEqualTo(401);
        }
        ApiResponse throttled = Tenants.signIn(owner, email, PASSWORD);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.code()).isEqualTo("SIGN_IN_THROTTLED");
        // One attempt more every two minutes: the next is further away than the minute's end.
        assertThat(Long.parseLong(throttled.header("Retry-After").orElseThrow())).isBetween(61L, 120L);
        String other = email();
        addUser(other, Role.VIEWER);
        assertThat(Tenants.signIn(owner, other, PASSWORD).status()).as("another account is not throttled")
                .isEqualTo(201);
    }

    @Test
    void refusedNewUsersLeaveNothingWritten() {
        String taken = email();
        addUser(taken, Role.VIEWER);
        String limitedAdmin = Tenants.keyWithout(owner, Scope.LEDGER_WRITE);
        var before = StateDigest.of(server.server().backends().storage().dataSource());
        ApiResponse guessable = owner.post("/v1/users", Map.of("email", email(), "name", "Nadia Rahman", "role",
                "viewer", "password", "password123"));
        assertThat(guessable.status()).isEqualTo(422);
        assertThat(guessable.code()).isEqualTo("IDENTITY_PASSWORD_GUESSABLE");
        assertThat(guessable.json().at("/errors/0/field").asText()).isEqualTo("/password");
        ApiResponse ownName = owner.post("/v1/users", Map.of("email", "nadia.rahman.travels@example.com", "name",
                "Nadia Rahman", "role", "viewer", "password", "nadia.rahman.travels@example.com"));
        assertThat(ownName.status()).as("a password made of the user's own address").isEqualTo(422);
        ApiResponse duplicate = owner.post("/v1/users", Map.of("email", taken.toUpperCase(), "name", "Other",
                "role", "viewer", "password", PASSWORD));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.code()).isEqualTo("USER_EMAIL_TAKEN");
        ApiResponse beyond = owner.withKey(limitedAdmin).post("/v1/users", Map.of("email", email(), "name", "X",
                "role", "owner", "password", PASSWORD));
        assertThat(beyond.status()).as("a role that can do more than the caller").isEqualTo(403);
        assertThat(StateDigest.of(server.server().backends().storage().dataSource())).isEqualTo(before);
    }

    @Test
    void signingOutEndsTheSessionAndOnlyThatOne() {
        String email = email();
        addUser(email, Role.VIEWER);
        ApiClient first = session(email, PASSWORD);
        ApiClient second = session(email, PASSWORD);
        assertThat(first.delete("/v1/sessions/current").status()).isEqualTo(204);
        assertThat(first.get("/v1/whoami").status()).isEqualTo(401);
        assertThat(second.get("/v1/whoami").status()).isEqualTo(200);
        assertThat(owner.delete("/v1/sessions/current").code()).as("a key has no session").isEqualTo("NOT_A_SESSION");
    }

    @Test
    void aPersonSeesTheirSessionsAndEndsAnotherOne() {
        String email = email();
        addUser(email, Role.VIEWER);
        ApiClient laptop = session(email, PASSWORD);
        ApiClient phone = session(email, PASSWORD);
        session(email(), PASSWORD, Role.VIEWER); // a colleague's session is not theirs

        JsonNode listed = laptop.get("/v1/me/sessions").json().get("items");
        assertThat(listed).hasSize(2);
        assertThat(listed.findValuesAsText("current")).containsExactlyInAnyOrder("true", "false");
        JsonNode other = StreamSupport.stream(listed.spliterator(), false)
                .filter(session -> !session.get("current").asBoolean()).findFirst().orElseThrow();
        assertThat(other.get("id").asText()).startsWith("ses_").doesNotContain(phone.key().substring(4, 20));
        assertThat(Instant.parse(other.get("ends_by").asText()))
                .isAfter(Instant.parse(other.get("opened_at").asText()));

        assertThat(laptop.delete("/v1/me/sessions/" + other.get("id").asText()).status()).isEqualTo(204);
        assertThat(phone.get("/v1/whoami").status()).as("the phone is signed out").isEqualTo(401);
        assertThat(laptop.get("/v1/whoami").status()).isEqualTo(200);
        assertThat(laptop.get("/v1/me/sessions").json().get("items")).hasSize(1);
        assertThat(laptop.delete("/v1/me/sessions/" + other.get("id").asText()).status()).isEqualTo(404);
        assertThat(owner.get("/v1/me/sessions").code()).as("a key has no sessions").isEqualTo("NOT_A_SESSION");
    }

    @Test
    void aPersonalTokenActsWithSomeOfThePersonsScopesAndFollowsTheirStanding() {
        String email = email();
        String id = addUser(email, Role.VIEWER);
        ApiClient viewer = session(email, PASSWORD);
        assertThat(viewer.post("/v1/me/tokens", Map.of("name", "too much", "scopes", List.of("ledger:write")))
                .status()).as("more than the person may").isEqualTo(403);
        assertThat(viewer.get("/v1/me/tokens").json().get("items")).as("nothing made").isEmpty();

        ApiResponse made = viewer.post("/v1/me/tokens", Map.of("name", "reports script",
                "scopes", List.of("ledger:read")));
        assertThat(made.status()).isEqualTo(201);
        ApiClient script = owner.withKey(made.json().get("key").asText());
        assertThat(script.get("/v1/accounts").status()).isEqualTo(200);
        assertThat(script.get("/v1/bookings").status()).as("a scope it was not given").isEqualTo(403);
        assertThat(script.get("/v1/me/tokens").code()).as("a token makes no tokens").isEqualTo("NOT_A_SESSION");
        assertThat(viewer.get("/v1/me/tokens").json().get("items").findValuesAsText("name"))
                .containsExactly("reports script");
        assertThat(owner.get("/v1/api-keys/" + made.json().get("id").asText()).json().get("created_by").asText())
                .isEqualTo("user:" + id);

        ApiClient colleague = session(email(), PASSWORD, Role.VIEWER);
        assertThat(colleague.delete("/v1/me/tokens/" + made.json().get("id").asText()).status()).isEqualTo(404);
        assertThat(script.get("/v1/accounts").status()).isEqualTo(200);
        assertThat(viewer.delete("/v1/me/tokens/" + made.json().get("id").asText()).json().has("revoked_at"))
                .isTrue();
        assertThat(script.get("/v1/accounts").status()).isEqualTo(401);
        assertThat(viewer.get("/v1/me/tokens").json().get("items")).isEmpty();

        JsonNode expiring = viewer.post("/v1/me/tokens", Map.of("name", "expiring", "scopes",
                List.of("ledger:read"))).json();
        server.server().backends().database().inTransaction(handle -> handle.createUpdate(
                "UPDATE api_keys SET expires_at = :past WHERE key_id = :id")
                .bind("past", SqlTimes.text(Instant.now().minusSeconds(60)))
                .bind("id", expiring.get("id").asText()).execute());
        assertThat(viewer.get("/v1/me/tokens").json().get("items")).as("only tokens that still work").isEmpty();

        String another = viewer.post("/v1/me/tokens", Map.of("name", "another", "scopes", List.of("ledger:read")))
                .json().get("key").asText();
        owner.post("/v1/users/" + id + "/disable", Map.of());
        assertThat(owner.withKey(another).get("/v1/accounts").status()).as("the person's standing").isEqualTo(401);
    }

    @Test
    void aPolicyThatAsksForASecondFactorRevokesTheTokensOfThoseWithoutOne() {
        String email = email();
        addUser(email, Role.VIEWER);
        ApiClient viewer = session(email, PASSWORD);
        String token = viewer.post("/v1/me/tokens", Map.of("name", "script", "scopes", List.of("ledger:read")))
                .json().get("key").asText();
        underMfaPolicy("viewer", () -> assertThat(owner.withKey(token).get("/v1/accounts").status()).isEqualTo(401));
        // Moved into a role that needs a second factor they lack: the same.
        String email2 = email();
        String moving = addUser(email2, Role.VIEWER);
        String script = session(email2, PASSWORD).post("/v1/me/tokens", Map.of("name", "script", "scopes",
                List.of("ledger:read"))).json().get("key").asText();
        underMfaPolicy("accountant", () -> {
            assertThat(owner.withKey(script).get("/v1/accounts").status()).as("a viewer needs none").isEqualTo(200);
            assertThat(owner.send("PUT", "/v1/users/" + moving + "/role", Optional.of("{\"role\":\"accountant\"}"),
                    Map.of()).status()).isEqualTo(200);
            assertThat(owner.withKey(script).get("/v1/accounts").status()).isEqualTo(401);
        });
    }

    /** Runs {@code test} while the tenant asks this role for a second factor, then asks none again. */
    private void underMfaPolicy(String role, Runnable test) {
        assertThat(owner.send("PUT", "/v1/mfa-policy", Optional.of("{\"roles\":[\"" + role + "\"]}"), Map.of())
                .status()).isEqualTo(200);
        try {
            test.run();
        } finally {
            owner.send("PUT", "/v1/mfa-policy", Optional.of("{\"roles\":[]}"), Map.of());
        }
    }

    @Test
    void anotherPersonsRequestUnderTheSameKeyIsAnotherRequest() {
        ApiClient first = session(email(), PASSWORD, Role.VIEWER);
        ApiClient second = session(email(), PASSWORD, Role.VIEWER);
        Optional<String> body = Optional.of("{\"name\":\"same\",\"scopes\":[\"ledger:read\"]}");
        Map<String, String> key = Map.of("Idempotency-Key", "shared-" + UUID.randomUUID());
        assertThat(first.send("POST", "/v1/me/tokens", body, key).status()).isEqualTo(201);
        ApiResponse theirs = second.send("POST", "/v1/me/tokens", body, key);
        assertThat(theirs.code()).as("never the first person's answer").isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(second.get("/v1/me/tokens").json().get("items")).isEmpty();
    }

    private ApiClient session(String email, String password, Role role) {
        addUser(email, role);
        return session(email, password);
    }

    @Test
    void aTamperedTokenIsNoSession() {
        String email = email();
        addUser(email, Role.VIEWER);
        String token = Tenants.signIn(owner, email, PASSWORD).json().get("token").asText();
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'a' ? 'b' : 'a');
        assertThat(owner.withKey(tampered).get("/v1/whoami").status()).isEqualTo(401);
        assertThat(owner.withKey(token).get("/v1/whoami").status()).isEqualTo(200);
    }

    @Test
    void disablingAUserEndsTheirSessionsAndEnablingDoesNotRevive() {
        String email = email();
        String id = addUser(email, Role.VIEWER);
        ApiClient viewer = session(email, PASSWORD);
        assertThat(owner.post("/v1/users/" + id + "/disable", Map.of()).json().has("disabled_at")).isTrue();
        assertThat(viewer.get("/v1/whoami").status()).isEqualTo(401);
        assertThat(Tenants.signIn(owner, email, PASSWORD).code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(owner.post("/v1/users/" + id + "/enable", Map.of()).json().has("disabled_at")).isFalse();
        assertThat(viewer.get("/v1/whoami").status()).isEqualTo(401);
        assertThat(session(email, PASSWORD).get("/v1/whoami").status()).isEqualTo(200);
    }

    @Test
    void aNewPasswordEndsEverySessionAndTheOldPasswordStopsWorking() {
        String email = email();
        addUser(email, Role.VIEWER);
        ApiClient here = session(email, PASSWORD);
        ApiClient there = session(email, PASSWORD);
        String replacement = "quiet-harbour-lamps-glow-at-93-dusk";
        ApiResponse wrongCurrent = here.post("/v1/me/password", Map.of("current_password", "not-it",
                "new_password", replacement));
        assertThat(wrongCurrent.status()).isEqualTo(422);
        assertThat(here.get("/v1/whoami").status()).as("a refused change ends nothing").isEqualTo(200);
        assertThat(here.post("/v1/me/password", Map.of("current_password", PASSWORD, "new_password", replacement))
                .status()).isEqualTo(204);
        assertThat(here.get("/v1/whoami").status()).isEqualTo(401);
        assertThat(there.get("/v1/whoami").status()).isEqualTo(401);
        assertThat(Tenants.signIn(owner, email, PASSWORD).status()).isEqualTo(401);
        assertThat(session(email, replacement).get("/v1/whoami").status()).isEqualTo(200);
    }

    @Test
    void aNewRoleAppliesToAnOpenSessionAtItsNextRequest() {
        String email = email();
        String id = addUser(email, Role.VIEWER);
        ApiClient person = session(email, PASSWORD);
        assertThat(person.get("/v1/users").status()).isEqualTo(403);
        assertThat(owner.send("PUT", "/v1/users/" + id + "/role", Optional.of("{\"role\":\"admin\"}"), Map.of())
                .status()).isEqualTo(200);
        assertThat(person.get("/v1/users").status()).isEqualTo(200);
    }

    @Test
    void anotherTenantsUsersAreNotFound() {
        String id = addUser(email(), Role.VIEWER);
        ApiClient stranger = Tenants.open(new ApiClient(server.baseUrl(), Optional.of(server.operatorKey()),
                contract, true));
        assertThat(stranger.get("/v1/users/" + id).status()).isEqualTo(404);
        assertThat(stranger.post("/v1/users/" + id + "/disable", Map.of()).status()).isEqualTo(404);
        assertThat(owner.get("/v1/users/" + id).json().has("disabled_at")).isFalse();
    }

    @Test
    void noOneChangesTheirOwnStandingOrThatOfSomeoneWhoCanDoMore() {
        String ownerEmail = email();
        String ownerId = addUser(ownerEmail, Role.OWNER);
        String adminEmail = email();
        String adminId = addUser(adminEmail, Role.ADMIN_ROLE);
        String viewerId = addUser(email(), Role.VIEWER);
        ApiClient admin = session(adminEmail, PASSWORD);
        var before = StateDigest.of(server.server().backends().storage().dataSource());
        ApiResponse demote = admin.send("PUT", "/v1/users/" + ownerId + "/role", Optional.of("{\"role\":\"viewer\"}"),
                Map.of());
        assertThat(demote.status()).as("an admin changes no owner").isEqualTo(403);
        assertThat(admin.post("/v1/users/" + ownerId + "/disable", Map.of()).status()).isEqualTo(403);
        ApiResponse self = admin.post("/v1/users/" + adminId + "/disable", Map.of());
        assertThat(self.status()).isEqualTo(403);
        assertThat(self.code()).isEqualTo("USER_SELF_CHANGE");
        ApiClient owner = session(ownerEmail, PASSWORD);
        assertThat(owner.send("PUT", "/v1/users/" + ownerId + "/role", Optional.of("{\"role\":\"viewer\"}"),
                Map.of()).code()).as("not even an owner on themselves").isEqualTo("USER_SELF_CHANGE");
        assertThat(StateDigest.of(server.server().backends().storage().dataSource())).isEqualTo(before);
        assertThat(admin.post("/v1/users/" + viewerId + "/disable", Map.of()).status()).isEqualTo(200);
        assertThat(owner.post("/v1/users/" + adminId + "/disable", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void theKeysAPersonMadeFollowTheirRoleAndEndWithTheirStanding() {
        String email = email();
        String id = addUser(email, Role.OWNER);
        ApiClient person = session(email, PASSWORD);
        String ledgerKey = person.post("/v1/api-keys", Map.of("name", "books", "scopes", List.of("ledger:write")))
                .json().get("key").asText();
        String readKey = person.post("/v1/api-keys", Map.of("name", "reader", "scopes", List.of("bookings:read")))
                .json().get("key").asText();
        assertThat(owner.send("PUT", "/v1/users/" + id + "/role", Optional.of("{\"role\":\"viewer\"}"), Map.of())
                .status()).isEqualTo(200);
        assertThat(owner.withKey(ledgerKey).get("/v1/whoami").status()).as("beyond a viewer").isEqualTo(401);
        assertThat(owner.withKey(readKey).get("/v1/whoami").status()).as("within a viewer").isEqualTo(200);
        assertThat(owner.post("/v1/users/" + id + "/disable", Map.of()).status()).isEqualTo(200);
        assertThat(owner.withKey(readKey).get("/v1/whoami").status()).isEqualTo(401);
        assertThat(owner.get("/v1/whoami").status()).as("the tenant's own key made by no person").isEqualTo(200);
    }
}
