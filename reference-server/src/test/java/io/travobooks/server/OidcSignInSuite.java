package io.travobooks.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.travobooks.server.auth.Role;
import io.travobooks.server.config.ServerConfig;
import io.travobooks.server.support.ApiClient;
import io.travobooks.server.support.ApiResponse;
import io.travobooks.server.support.ContractValidator;
import io.travobooks.server.support.LocalOidcProvider;
import io.travobooks.server.support.OperationSamples;
import io.travobooks.server.support.Tenants;
import io.travobooks.server.support.TestServer;
import io.travobooks.server.support.TotpApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in through an OpenID Connect provider (the authorization code flow with PKCE), against a provider on
 * this machine: the happy path, codes and states that must not work, ID tokens that must not verify, people who
 * must not get in, and the second factor that finishes a sign-in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OidcSignInSuite {
    private final ContractValidator contract = new ContractValidator();
    private LocalOidcProvider provider;
    private TestServer server;
    private ApiClient owner;

    protected abstract TestServer startServer();

    @BeforeAll
    void start() {
        server = startServer();
        provider = server.oidc().orElseThrow();
        owner = Tenants.open(new ApiClient(server.baseUrl(), Optional.of(server.operatorKey()), contract, true));
    }

    @AfterAll
    void stop() {
        server.close();
        assertThat(contract.violations()).isEmpty();
    }

    /** A user of the tenant, and the provider's account that has their address. */
    private record Person(String id, String email, LocalOidcProvider.Account account) {
    }

    private Person person(Role role) {
        String email = "oidc-" + UUID.randomUUID() + "@example.com";
        ApiResponse created = owner.post("/v1/users", Map.of("email", email, "name", "Tahmina Sultana", "role",
                role.value(), "password", OperationSamples.PASSWORD));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Person(created.json().get("id").asText(), email,
                new LocalOidcProvider.Account("sub-" + UUID.randomUUID(), email.toUpperCase(), true));
    }

    /** What the page at the redirect address posts: the provider's code and state, and the start's binding. */
    private record SignIn(String code, String state, String binding) {
        Map<String, String> body() {
            return Map.of("code", code, "state", state, "binding", binding);
        }
    }

    /** Starts a sign-in at the server, and goes through the provider as a browser would, as {@code account}. */
    private SignIn throughProvider(LocalOidcProvider.Account account) {
        return throughProvider(owner, provider, account);
    }

    private static SignIn throughProvider(ApiClient client, LocalOidcProvider provider,
                                          LocalOidcProvider.Account account) {
        ApiResponse started = client.withoutKey().send("POST", "/v1/sessions/oidc/authorizations", Optional.empty(),
                Map.of());
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String url = started.json().get("authorization_url").asText();
        assertThat(url).startsWith(provider.issuer() + "/authorize?").contains("code_challenge_method=S256");
        String binding = started.json().get("binding").asText();
        assertThat(url).as("the binding never goes to the provider").doesNotContain(binding);
        LocalOidcProvider.Redirect redirect = provider.authorize(url, account);
        assertThat(redirect.state()).as("the provider hands back the server's state")
                .isEqualTo(started.json().get("state").asText());
        return new SignIn(redirect.code(), redirect.state(), binding);
    }

    private ApiResponse finish(Map<String, String> body) {
        return owner.withoutKey().post("/v1/sessions/oidc", body);
    }

    private ApiResponse finish(SignIn signIn) {
        return finish(signIn.body());
    }

    @Test
    void thePersonTheProviderVouchesForSignsInOnceWithTheCode() {
        Person person = person(Role.ACCOUNTANT);
        SignIn redirect = throughProvider(person.account());
        ApiResponse signedIn = finish(redirect);
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(201);
        assertThat(signedIn.json().at("/user/id").asText()).isEqualTo(person.id());
        JsonNode me = owner.withKey(signedIn.json().get("token").asText()).get("/v1/whoami").json();
        assertThat(me.get("kind").asText()).isEqualTo("user");
        assertThat(me.get("id").asText()).isEqualTo(person.id());
        assertThat(me.get("role").asText()).isEqualTo("accountant");

        ApiResponse again = finish(redirect);
        assertThat(again.status()).as("a code works once").isEqualTo(401);
        assertThat(again.code()).isEqualTo("OIDC_REFUSED");
    }

    @Test
    void aCodeDoesNotWorkWithAnotherSignInsState() {
        Person person = person(Role.VIEWER);
        SignIn first = throughProvider(person.account());
        SignIn second = throughProvider(person.account());
        // The first state holds the first PKCE verifier, which does not match the second code's challenge.
        ApiResponse crossed = finish(Map.of("code", second.code(), "state", first.state(), "binding",
                first.binding()));
        assertThat(crossed.status()).isEqualTo(401);
        assertThat(crossed.code()).isEqualTo("OIDC_REFUSED");
    }

    @Test
    void aStateTheServerDidNotSealOrWithoutItsBindingIsRefused() {
        Person person = person(Role.VIEWER);
        SignIn signIn = throughProvider(person.account());
        String state = signIn.state();
        char last = state.charAt(state.length() - 2);
        String changed = state.substring(0, state.length() - 2) + (last == 'A' ? 'B' : 'A')
                + state.charAt(state.length() - 1);
        String otherBinding = throughProvider(person.account()).binding();
        for (Map<String, String> body : List.of(
                Map.of("code", signIn.code(), "state", changed, "binding", signIn.binding()),
                Map.of("code", signIn.code(), "state", "not-a-state", "binding", signIn.binding()),
                Map.of("code", signIn.code(), "state", "%%%", "binding", signIn.binding()),
                Map.of("code", signIn.code(), "state", state, "binding", otherBinding))) {
            ApiResponse refused = finish(body);
            assertThat(refused.status()).as(body.toString()).isEqualTo(401);
            assertThat(refused.code()).isEqualTo("OIDC_STATE_INVALID");
        }
        ApiResponse noBinding = finish(Map.of("code", signIn.code(), "state", state));
        assertThat(noBinding.status()).isEqualTo(400);
        assertThat(noBinding.json().at("/errors/0/field").asText()).isEqualTo("/binding");
        assertThat(finish(signIn).status()).as("the code is still good with its own state and binding")
                .isEqualTo(201);
    }

    @Test
    void anAccountSignsInOnlyTheUserItIsLinkedTo() {
        Person person = person(Role.VIEWER);
        assertThat(finish(throughProvider(person.account())).status()).as("the first sign-in links").isEqualTo(201);
        ApiResponse otherAccount = finish(throughProvider(new LocalOidcProvider.Account("sub-" + UUID.randomUUID(),
                person.email(), true)));
        assertThat(otherAccount.status()).as("another account with the same verified address").isEqualTo(401);
        assertThat(otherAccount.code()).isEqualTo("OIDC_NO_USER");
        ApiResponse renamed = finish(throughProvider(new LocalOidcProvider.Account(person.account().subject(),
                "renamed-" + UUID.randomUUID() + "@example.com", true)));
        assertThat(renamed.status()).as("the linked account, whatever its address now").isEqualTo(201);
        assertThat(renamed.json().at("/user/id").asText()).isEqualTo(person.id());

        Person second = person(Role.VIEWER);
        ApiResponse taken = finish(throughProvider(new LocalOidcProvider.Account(person.account().subject(),
                second.email(), true)));
        assertThat(taken.json().at("/user/id").asText()).as("an account signs in one user").isEqualTo(person.id());
    }

    @Test
    void anAddressThatIsNotVerifiedOrNoEnabledUsersGetsNoSession() {
        Person unverified = person(Role.VIEWER);
        ApiResponse refused = finish(throughProvider(new LocalOidcProvider.Account(unverified.account().subject(),
                unverified.email(), false)));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("OIDC_NO_USER");

        ApiResponse stranger = finish(throughProvider(new LocalOidcProvider.Account("sub-stranger",
                "nobody-" + UUID.randomUUID() + "@example.com", true)));
        assertThat(stranger.code()).isEqualTo("OIDC_NO_USER");

        Person disabled = person(Role.VIEWER);
        assertThat(owner.post("/v1/users/" + disabled.id() + "/disable", Map.of()).status()).isEqualTo(200);
        ApiResponse off = finish(throughProvider(disabled.account()));
        assertThat(off.status()).isEqualTo(401);
        assertThat(off.code()).isEqualTo("OIDC_NO_USER");
    }

    @Test
    void anIdTokenThatDoesNotVerifyOpensNoSession() {
        Person person = person(Role.VIEWER);
        try {
            provider.alterClaims(claims -> claims.claim("nonce", "another sign-in's nonce"));
            assertThat(finish(throughProvider(person.account())).code()).as("nonce").isEqualTo("OIDC_REFUSED");
            provider.alterClaims(claims -> claims.audience("another-client"));
            assertThat(finish(throughProvider(person.account())).code()).as("audience").isEqualTo("OIDC_REFUSED");
            provider.alterClaims(claims -> claims.issuer("https://issuer.example.com"));
            assertThat(finish(throughProvider(person.account())).code()).as("issuer").isEqualTo("OIDC_REFUSED");
            provider.alterClaims(claims -> claims.expirationTime(new java.util.Date(0)));
            assertThat(finish(throughProvider(person.account())).code()).as("expired").isEqualTo("OIDC_REFUSED");
            provider.alterClaims(claims -> claims);
            provider.signWithUnpublishedKey();
            assertThat(finish(throughProvider(person.account())).code()).as("forged").isEqualTo("OIDC_REFUSED");
            provider.signWithPublishedKey();
            provider.signWithClientSecret(true);
            assertThat(finish(throughProvider(person.account())).code()).as("HS256").isEqualTo("OIDC_REFUSED");
            provider.signWithClientSecret(false);
            provider.omitIdToken(true);
            ApiResponse none = finish(throughProvider(person.account()));
            assertThat(none.status()).as("no ID token").isEqualTo(401);
            assertThat(none.code()).isEqualTo("OIDC_REFUSED");
        } finally {
            provider.alterClaims(claims -> claims);
            provider.signWithPublishedKey();
            provider.signWithClientSecret(false);
            provider.omitIdToken(false);
        }
        assertThat(finish(throughProvider(person.account())).status()).as("an honest token").isEqualTo(201);
    }

    @Test
    void aUserWithASecondFactorFinishesWithACodeAndTheTicket() {
        Person person = person(Role.ACCOUNTANT);
        ApiClient session = owner.withKey(finish(throughProvider(person.account())).json().get("token").asText());
        String secret = session.send("POST", "/v1/me/mfa/totp", Optional.empty(), Map.of()).json().get("secret")
                .asText();
        assertThat(session.post("/v1/me/mfa/totp/confirm", Map.of("code", TotpApp.code(secret, 0))).status())
                .isEqualTo(200);

        ApiResponse needed = finish(throughProvider(person.account()));
        assertThat(needed.status()).as(needed.body()).isEqualTo(202);
        assertThat(needed.body()).doesNotContain("token\"");
        String ticket = needed.json().get("sign_in_ticket").asText();
        assertThat(finish(Map.of("sign_in_ticket", ticket)).code()).isEqualTo("MFA_REQUIRED");
        assertThat(finish(Map.of("sign_in_ticket", ticket, "totp_code", "000000")).code())
                .isEqualTo("MFA_CODE_INVALID");
        assertThat(linesOf(person)).as("the tenant sees the guess at its user")
                .anySatisfy(line -> assertThat(line.get("status").asInt()).isEqualTo(401));
        assertThat(finish(Map.of("sign_in_ticket", ticket.substring(1), "totp_code", TotpApp.code(secret, 1)))
                .code()).isEqualTo("OIDC_TICKET_INVALID");
        ApiResponse signedIn = finish(Map.of("sign_in_ticket", ticket, "totp_code", TotpApp.code(secret, 1)));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(201);
        assertThat(signedIn.json().at("/user/id").asText()).isEqualTo(person.id());
        assertThat(finish(Map.of("sign_in_ticket", ticket, "totp_code", TotpApp.code(secret, 1))).code())
                .as("the code, again").isEqualTo("MFA_CODE_INVALID");
    }

    @Test
    void anAccountIsLinkedOnlyOnceTheSecondFactorIsInAndAnAdminCanUnlinkIt() {
        Person person = person(Role.VIEWER);
        ApiClient session = owner.withKey(Tenants.signIn(owner, person.email(), OperationSamples.PASSWORD).json()
                .get("token").asText());
        String secret = session.send("POST", "/v1/me/mfa/totp", Optional.empty(), Map.of()).json().get("secret")
                .asText();
        session.post("/v1/me/mfa/totp/confirm", Map.of("code", TotpApp.code(secret, -1)));
        LocalOidcProvider.Account first = new LocalOidcProvider.Account("sub-first-" + UUID.randomUUID(),
                person.email(), true);
        assertThat(finish(throughProvider(first)).status()).as("a ticket, never used").isEqualTo(202);
        String ticket = finish(throughProvider(person.account())).json().get("sign_in_ticket").asText();
        ApiResponse signedIn = finish(Map.of("sign_in_ticket", ticket, "totp_code", TotpApp.code(secret, 0)));
        assertThat(signedIn.status()).isEqualTo(201);
        ApiClient linkedSession = owner.withKey(signedIn.json().get("token").asText());
        ApiResponse unlinkedAccount = finish(throughProvider(first));
        assertThat(unlinkedAccount.code()).as("the account that never passed the code is not linked")
                .isEqualTo("OIDC_NO_USER");

        ApiResponse unlinked = owner.send("DELETE", "/v1/users/" + person.id() + "/oidc-link", Optional.empty(),
                Map.of());
        assertThat(unlinked.status()).as(unlinked.body()).isEqualTo(200);
        assertThat(linkedSession.get("/v1/whoami").status()).as("the unlink ends the sessions").isEqualTo(401);
        String again = finish(throughProvider(first)).json().get("sign_in_ticket").asText();
        assertThat(finish(Map.of("sign_in_ticket", again, "totp_code", TotpApp.code(secret, 1))).status())
                .as("the other account links now").isEqualTo(201);
        assertThat(finish(throughProvider(person.account())).code()).as("and the first no longer signs in")
                .isEqualTo("OIDC_NO_USER");
    }

    @Test
    void aTicketDiesWithAChangeOfTheUsersStanding() {
        Person person = person(Role.ACCOUNTANT);
        ApiClient session = owner.withKey(finish(throughProvider(person.account())).json().get("token").asText());
        String secret = session.send("POST", "/v1/me/mfa/totp", Optional.empty(), Map.of()).json().get("secret")
                .asText();
        session.post("/v1/me/mfa/totp/confirm", Map.of("code", TotpApp.code(secret, 0)));
        String ticket = finish(throughProvider(person.account())).json().get("sign_in_ticket").asText();
        assertThat(owner.post("/v1/users/" + person.id() + "/disable", Map.of()).status()).isEqualTo(200);
        assertThat(owner.post("/v1/users/" + person.id() + "/enable", Map.of()).status()).isEqualTo(200);
        ApiResponse refused = finish(Map.of("sign_in_ticket", ticket, "totp_code", TotpApp.code(secret, 1)));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("OIDC_TICKET_INVALID");
    }

    /** The audit lines of the tenant's OIDC sign-ins attributed to {@code person}. */
    private List<JsonNode> linesOf(Person person) {
        owner.get("/v1/audit-log/verify"); // reading the log waits for the lines queued before
        List<JsonNode> lines = new ArrayList<>();
        for (JsonNode line : owner.get("/v1/audit-log?limit=200").json().get("items")) {
            if (line.get("action").asText().equals("createOidcSession")
                    && line.get("actor").asText().equals("user:" + person.id())) {
                lines.add(line);
            }
        }
        return lines;
    }

    @Test
    void aSignInIsOnTheTenantsAuditChainAsItsUser() {
        Person person = person(Role.VIEWER);
        assertThat(finish(throughProvider(person.account())).status()).isEqualTo(201);
        assertThat(linesOf(person)).singleElement().satisfies(line -> {
            assertThat(line.get("status").asInt()).isEqualTo(201);
            assertThat(line.at("/detail/via").asText()).isEqualTo("oidc");
        });
    }

    @Test
    void onlyTheTenantsTheServerNamesSignInThere() throws Exception {
        try (LocalOidcProvider own = new LocalOidcProvider();
             TestServer server = TestServer.h2(Optional.of(own.settings(Set.of(TestServer.TENANT))))) {
            ApiClient operator = new ApiClient(server.baseUrl(), Optional.of(server.operatorKey()), contract, true);
            ApiClient elsewhere = Tenants.open(operator);
            String outside = "out-" + UUID.randomUUID() + "@example.com";
            String inside = "in-" + UUID.randomUUID() + "@example.com";
            for (var user : List.of(Map.entry(elsewhere, outside), Map.entry(operator, inside))) {
                assertThat(user.getKey().post("/v1/users", Map.of("email", user.getValue(), "name", "Ayesha Khan",
                        "role", "viewer", "password", OperationSamples.PASSWORD)).status()).isEqualTo(201);
            }
            ApiResponse refused = operator.withoutKey().post("/v1/sessions/oidc", throughProvider(operator, own,
                    new LocalOidcProvider.Account("sub-out", outside, true)).body());
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.code()).isEqualTo("OIDC_NO_USER");
            assertThat(operator.withoutKey().post("/v1/sessions/oidc", throughProvider(operator, own,
                    new LocalOidcProvider.Account("sub-in", inside, true)).body()).status()).isEqualTo(201);
        }
    }

    @Test
    void aProviderThatIsDownIsAskedOnceEvery30Seconds() {
        try (LocalOidcProvider down = new LocalOidcProvider();
             TestServer server = TestServer.h2(Optional.of(down.settings()))) {
            down.answerDiscoveryWith(500);
            ApiClient anonymous = new ApiClient(server.baseUrl(), Optional.empty(), contract, true);
            for (int i = 0; i < 3; i++) {
                ApiResponse answer = anonymous.send("POST", "/v1/sessions/oidc/authorizations", Optional.empty(),
                        Map.of());
                assertThat(answer.status()).isEqualTo(503);
                assertThat(answer.code()).isEqualTo("OIDC_UNAVAILABLE");
            }
            assertThat(down.discoveries()).isEqualTo(1);
        }
    }

    @Test
    void aProviderThatCannotBeReachedIs503AndAServerWithoutOneIs404() {
        ServerConfig.Oidc away = new ServerConfig.Oidc(URI.create("http://127.0.0.1:9"), "client",
                Optional.empty(), LocalOidcProvider.REDIRECT_URI, Set.of("*"));
        try (TestServer unreachable = TestServer.h2(Optional.of(away)); TestServer without = TestServer.h2()) {
            ApiResponse down = new ApiClient(unreachable.baseUrl(), Optional.empty(), contract, true)
                    .send("POST", "/v1/sessions/oidc/authorizations", Optional.empty(), Map.of());
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.code()).isEqualTo("OIDC_UNAVAILABLE");
            assertThat(down.header("Retry-After")).isPresent();
            ApiResponse none = new ApiClient(without.baseUrl(), Optional.empty(), contract, true)
                    .post("/v1/sessions/oidc", Map.of("code", "c", "state", "s", "binding", "b"));
            assertThat(none.status()).isEqualTo(404);
            assertThat(none.code()).isEqualTo("OIDC_NOT_CONFIGURED");
        }
    }
}
