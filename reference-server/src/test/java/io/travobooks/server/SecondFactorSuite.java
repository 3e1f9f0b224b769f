package io.travobooks.server;

import io.travobooks.identity.RecoveryCodes;
import io.travobooks.server.auth.Role;
import io.travobooks.server.support.ApiClient;
import io.travobooks.server.support.ApiResponse;
import io.travobooks.server.support.ContractValidator;
import io.travobooks.server.support.OperationSamples;
import io.travobooks.server.support.Tenants;
import io.travobooks.server.support.TestServer;
import io.travobooks.server.support.TotpApp;
import org.bouncycastle.util.encoders.Base32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Second factors over HTTP: setting up an authenticator app, codes that work once, recovery codes, the policy. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SecondFactorSuite {
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

    /** A user of {@code role}, their address and a session. */
    private record Person(String id, String email, ApiClient session) {
    }

    private Person person(Role role) {
        String email = "mfa-" + UUID.randomUUID() + "@example.com";
        String id = owner.post("/v1/users", Map.of("email", email, "name", "Farhana Akter", "role", role.value(),
                "password", PASSWORD)).json().get("id").asText();
        return new Person(id, email, owner.withKey(signIn(email, Map.of()).json().get("token").asText()));
    }

    private ApiResponse signIn(String email, Map<String, String> codes) {
        Map<String, String> body = new HashMap<>(codes);
        body.put("email", email);
        body.put("password", PASSWORD);
        return owner.withoutKey().post("/v1/sessions", body);
    }

    /** Sets up the app for {@code person}: answers its secret and the recovery codes. */
    private String[] setUp(Person person, List<String> recoveryCodes) {
        ApiResponse started = person.session().send("POST", "/v1/me/mfa/totp", Optional.empty(), Map.of());
        assertThat(started.status()).isEqualTo(201);
        String secret = started.json().get("secret").asText();
        assertThat(started.json().get("otpauth_uri").asText()).startsWith("otpauth://totp/travoBooks:")
                .contains("secret=" + secret);
        String code = TotpApp.code(secret, 0);
        ApiResponse confirmed = person.session().post("/v1/me/mfa/totp/confirm", Map.of("code", code));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        confirmed.json().get("recovery_codes").forEach(node -> recoveryCodes.add(node.asText()));
        return new String[]{secret, code};
    }

    @Test
    void aWrongFirstCodeIsRefusedWithoutEndingTheSessionAndAnAppIsNotReplacedWithASessionAlone() {
        Person person = person(Role.VIEWER);
        person.session().send("POST", "/v1/me/mfa/totp", Optional.empty(), Map.of());
        ApiResponse wrong = person.session().post("/v1/me/mfa/totp/confirm", Map.of("code", "000000"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.code()).isEqualTo("MFA_CODE_INVALID");
        assertThat(person.session().get("/v1/whoami").status()).isEqualTo(200);
        String secret = setUp(person, new ArrayList<>())[0];
        ApiClient session = owner.withKey(signIn(person.email(), Map.of("totp_code", TotpApp.code(secret, 1)))
                .json().get("token").asText());
        ApiResponse replace = session.send("POST", "/v1/me/mfa/totp", Optional.empty(), Map.of());
        assertThat(replace.status()).isEqualTo(409);
        assertThat(replace.code()).isEqualTo("MFA_ALREADY_ON");
    }

    @Test
    void aCodeSignsInOnceAndTheSetupEndsTheOldSessions() {
        Person person = person(Role.VIEWER);
        String[] setUp = setUp(person, new ArrayList<>());
        assertThat(person.session().get("/v1/whoami").status()).as("sessions end on setup").isEqualTo(401);
        ApiResponse withoutCode = signIn(person.email(), Map.of());
        assertThat(withoutCode.status()).isEqualTo(401);
        assertThat(withoutCode.code()).isEqualTo("MFA_REQUIRED");
        assertThat(signIn(person.email(), Map.of("totp_code", setUp[1])).code()).as("the setup's code, again")
                .isEqualTo("MFA_CODE_INVALID");
        String next = TotpApp.code(setUp[0], 1);
        ApiResponse signedIn = signIn(person.email(), Map.of("totp_code", next));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(201);
        assertThat(signedIn.json().at("/user/mfa_enrolled").asBoolean()).isTrue();
        assertThat(signIn(person.email(), Map.of("totp_code", next)).code()).as("a code works once")
                .isEqualTo("MFA_CODE_INVALID");
    }

    @Test
    void aRecoveryCodeSignsInOnceAndTheSecretIsKeptSealed() {
        Person person = person(Role.VIEWER);
        List<String> recovery = new ArrayList<>();
        String secret = setUp(person, recovery)[0];
        assertThat(recovery).hasSize(10).doesNotHaveDuplicates();
        assertThat(signIn(person.email(), Map.of("recovery_code", recovery.get(3).toLowerCase())).status())
                .isEqualTo(201);
        assertThat(signIn(person.email(), Map.of("recovery_code", recovery.get(3))).code())
                .isEqualTo("MFA_CODE_INVALID");
        String stored = server.server().backends().database().inTransaction(handle -> handle
                .createQuery("SELECT totp_secret FROM users WHERE user_id = :id").bind("id", person.id())
                .mapTo(String.class).one());
        byte[] raw = Base32.decode(secret);
        String storedBytes = HexFormat.of().formatHex(Base64.getDecoder().decode(stored));
        assertThat(storedBytes).as("sealed: the secret's bytes are nowhere in it")
                .doesNotContain(HexFormat.of().formatHex(raw));
        List<String> hashes = server.server().backends().database().inTransaction(handle -> handle
                .createQuery("SELECT code_hash FROM user_recovery_codes WHERE user_id = :id").bind("id", person.id())
                .mapTo(String.class).list());
        List<String> unused = new ArrayList<>(recovery);
        unused.remove(3);
        assertThat(hashes).as("the unused codes, as hashes only")
                .containsExactlyInAnyOrderElementsOf(unused.stream().map(RecoveryCodes::hash).toList())
                .doesNotContainAnyElementsOf(recovery);
    }

    @Test
    void aRoleThatMustHaveASecondFactorGetsNoScopeUntilItIsSetUp() {
        Person before = person(Role.ACCOUNTANT);
        assertThat(before.session().get("/v1/reports/trial-balance").status()).isEqualTo(200);
        assertThat(owner.send("PUT", "/v1/mfa-policy", Optional.of("{\"roles\":[\"accountant\"]}"), Map.of())
                .json().get("roles")).extracting(node -> node.asText()).containsExactly("accountant");
        try {
            assertThat(before.session().get("/v1/reports/trial-balance").status())
                    .as("an open session, from its next request").isEqualTo(403);
            Person accountant = person(Role.ACCOUNTANT);
            assertThat(signIn(accountant.email(), Map.of()).json().get("mfa_setup_required").asBoolean()).isTrue();
            assertThat(accountant.session().get("/v1/whoami").json().get("scopes")).isEmpty();
            assertThat(accountant.session().get("/v1/reports/trial-balance").status()).isEqualTo(403);
            String secret = setUp(accountant, new ArrayList<>())[0];
            ApiResponse signedIn = signIn(accountant.email(), Map.of("totp_code", TotpApp.code(secret, 1)));
            assertThat(signedIn.json().get("mfa_setup_required").asBoolean()).isFalse();
            ApiClient full = owner.withKey(signedIn.json().get("token").asText());
            assertThat(full.get("/v1/reports/trial-balance").status()).isEqualTo(200);
            assertThat(person(Role.VIEWER).session().get("/v1/reports/trial-balance").status())
                    .as("roles the policy does not name").isEqualTo(200);
        } finally {
            owner.send("PUT", "/v1/mfa-policy", Optional.of("{\"roles\":[]}"), Map.of());
        }
    }

    @Test
    void theAppIsRemovedWithThePasswordOrByAnAdminAndThenThePasswordAloneSignsIn() {
        Person person = person(Role.VIEWER);
        String secret = setUp(person, new ArrayList<>())[0];
        ApiClient session = owner.withKey(signIn(person.email(), Map.of("totp_code", TotpApp.code(secret, 1)))
                .json().get("token").asText());
        ApiResponse wrong = session.post("/v1/me/mfa/totp/remove", Map.of("password", "not-the-password"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(session.get("/v1/whoami").status()).as("a refused removal ends nothing").isEqualTo(200);
        assertThat(session.post("/v1/me/mfa/totp/remove", Map.of("password", PASSWORD)).status()).isEqualTo(204);
        assertThat(signIn(person.email(), Map.of()).status()).isEqualTo(201);

        Person other = person(Role.VIEWER);
        setUp(other, new ArrayList<>());
        assertThat(signIn(other.email(), Map.of()).code()).isEqualTo("MFA_REQUIRED");
        ApiResponse reset = owner.post("/v1/users/" + other.id() + "/mfa/reset", Map.of());
        assertThat(reset.json().get("mfa_enrolled").asBoolean()).isFalse();
        assertThat(signIn(other.email(), Map.of()).status()).isEqualTo(201);
    }
}
