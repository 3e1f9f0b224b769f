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

import static io.travobooks.server.support.Bodies.cr;
import static io.travobooks.server.support.Bodies.dr;
import static io.travobooks.server.support.Bodies.entry;
import static org.assertj.core.api.Assertions.assertThat;

/** Roles a tenant makes for itself: what their holders may do, changes that follow them, and who may make one. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CustomRolesSuite {
    private final ContractValidator contract = new ContractValidator();
    private TestServer server;
    private ApiClient operator;
    private ApiClient owner;

    protected abstract TestServer startServer();

    @BeforeAll
    void start() {
        server = startServer();
        operator = new ApiClient(server.baseUrl(), Optional.of(server.operatorKey()), contract, true);
        owner = Tenants.open(operator);
    }

    @AfterAll
    void stop() {
        server.close();
        assertThat(contract.violations()).isEmpty();
    }

    private static String roleName() {
        return "clerk-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ApiResponse putRole(ApiClient client, String role, List<String> scopes) {
        return client.send("PUT", "/v1/roles/" + role, Optional.of("{\"scopes\":" + scopes.stream()
                .map(scope -> "\"" + scope + "\"").toList() + "}"), Map.of());
    }

    /** A new user holding {@code role}, signed in. */
    private ApiClient holder(ApiClient admin, String role) {
        String email = "holder-" + UUID.randomUUID() + "@example.com";
        ApiResponse created = admin.post("/v1/users", Map.of("email", email, "name", "Nusrat Jahan", "role", role,
                "password", OperationSamples.PASSWORD));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return admin.withKey(Tenants.signIn(admin, email, OperationSamples.PASSWORD).json().get("token").asText());
    }

    private static List<String> scopes(JsonNode node) {
        List<String> scopes = new ArrayList<>();
        node.get("scopes").forEach(scope -> scopes.add(scope.asText()));
        return scopes;
    }

    @Test
    void aTenantsRoleGivesItsHoldersItsScopesAndAChangeFollowsThemAtOnce() {
        String role = roleName();
        ApiResponse made = putRole(owner, role, List.of("ledger:read", "bookings:read"));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        assertThat(made.json().get("built_in").asBoolean()).isFalse();
        List<String> names = new ArrayList<>();
        owner.get("/v1/roles?limit=100").json().get("items").forEach(item -> names.add(item.get("name").asText()));
        assertThat(names).contains(role, "owner", "viewer", "ai-agent").isSorted();

        ApiClient holder = holder(owner, role);
        JsonNode me = holder.get("/v1/whoami").json();
        assertThat(me.get("role").asText()).isEqualTo(role);
        assertThat(scopes(me)).containsExactlyInAnyOrder("ledger:read", "bookings:read");
        assertThat(holder.get("/v1/accounts").status()).isEqualTo(200);
        ApiResponse posting = holder.post("/v1/journal-entries", entry("cr-" + UUID.randomUUID(), "2026-05-01",
                dr("1100", 100), cr("4300", 100)));
        assertThat(posting.status()).isEqualTo(403);
        ApiResponse key = holder.post("/v1/api-keys", Map.of("name", "mine", "scopes", List.of("ledger:read")));
        assertThat(key.status()).as("a key needs the scope admin").isEqualTo(403);

        ApiResponse changed = putRole(owner, role, List.of("bookings:read"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(holder.get("/v1/accounts").status()).as("the open session follows the role").isEqualTo(403);
        assertThat(holder.get("/v1/bookings").status()).isEqualTo(200);
        assertThat(scopes(holder.get("/v1/whoami").json())).containsExactly("bookings:read");
    }

    @Test
    void aHoldersKeysLoseWhatTheirRoleNoLongerHas() {
        String role = roleName();
        putRole(owner, role, List.of("admin", "ledger:read"));
        ApiClient holder = holder(owner, role);
        ApiResponse key = holder.post("/v1/api-keys", Map.of("name", "reports", "scopes", List.of("ledger:read")));
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        ApiClient withKey = holder.withKey(key.json().get("key").asText());
        assertThat(withKey.get("/v1/accounts").status()).isEqualTo(200);
        assertThat(putRole(owner, role, List.of("admin")).status()).isEqualTo(200);
        assertThat(withKey.get("/v1/accounts").status()).as("the key is revoked").isEqualTo(401);
    }

    @Test
    void noOneMakesOrChangesARoleBeyondWhatTheyHold() {
        ApiClient admin = Tenants.signedIn(owner, Role.ADMIN_ROLE); // holds no ledger:write
        String role = roleName();
        ApiResponse beyond = putRole(admin, role, List.of("ledger:read", "ledger:write"));
        assertThat(beyond.status()).isEqualTo(403);
        assertThat(owner.get("/v1/roles?limit=100").body()).doesNotContain(role);

        assertThat(putRole(owner, role, List.of("ledger:write")).status()).isEqualTo(201);
        ApiResponse downgrade = putRole(admin, role, List.of("ledger:read"));
        assertThat(downgrade.status()).as("it held a scope the admin lacks").isEqualTo(403);
        assertThat(admin.send("DELETE", "/v1/roles/" + role, Optional.empty(), Map.of()).status()).isEqualTo(403);
        assertThat(admin.post("/v1/users", Map.of("email", "x-" + UUID.randomUUID() + "@example.com", "name",
                "Rafiq Islam", "role", role, "password", OperationSamples.PASSWORD)).status())
                .as("nor hands it out").isEqualTo(403);

        ApiResponse acrossTenants = putRole(operator, roleName(), List.of("tenants:admin"));
        assertThat(acrossTenants.status()).isEqualTo(422);
        assertThat(acrossTenants.code()).isEqualTo("ROLE_SCOPE_NOT_ALLOWED");
        ApiResponse builtIn = putRole(owner, "viewer", List.of("ledger:read", "ledger:write"));
        assertThat(builtIn.status()).isEqualTo(409);
        assertThat(builtIn.code()).isEqualTo("ROLE_BUILT_IN");
        assertThat(scopes(owner.get("/v1/roles/viewer").json())).as("unchanged")
                .containsExactlyInAnyOrder("ledger:read", "bookings:read", "messaging:read");

        String held = roleName();
        putRole(owner, held, List.of("users:admin", "ledger:read"));
        ApiClient holder = holder(owner, held);
        ApiResponse own = putRole(holder, held, List.of("ledger:read"));
        assertThat(own.status()).as("no one changes the role they hold").isEqualTo(403);
        assertThat(own.code()).isEqualTo("ROLE_SELF_CHANGE");
    }

    @Test
    void aRoleIsDeletedOnlyWhenNoOneHoldsItAndIsTheTenantsAlone() {
        String role = roleName();
        putRole(owner, role, List.of("bookings:read"));
        ApiResponse created = owner.post("/v1/users", Map.of("email", "d-" + UUID.randomUUID() + "@example.com",
                "name", "Sadia Rahman", "role", role, "password", OperationSamples.PASSWORD));
        String userId = created.json().get("id").asText();

        ApiClient other = Tenants.open(operator);
        ApiResponse elsewhere = other.post("/v1/users", Map.of("email", "o-" + UUID.randomUUID() + "@example.com",
                "name", "Sadia Rahman", "role", role, "password", OperationSamples.PASSWORD));
        assertThat(elsewhere.status()).as("another tenant has no such role").isEqualTo(422);
        assertThat(elsewhere.code()).isEqualTo("ROLE_UNKNOWN");
        assertThat(other.send("DELETE", "/v1/roles/" + role, Optional.empty(), Map.of()).status()).isEqualTo(404);

        ApiResponse inUse = owner.send("DELETE", "/v1/roles/" + role, Optional.empty(), Map.of());
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.code()).isEqualTo("ROLE_IN_USE");
        assertThat(owner.send("PUT", "/v1/users/" + userId + "/role", Optional.of("{\"role\":\"viewer\"}"), Map.of())
                .status()).isEqualTo(200);
        assertThat(owner.send("DELETE", "/v1/roles/" + role, Optional.empty(), Map.of()).status()).isEqualTo(204);
        assertThat(owner.get("/v1/roles/" + role).status()).isEqualTo(404);
        assertThat(owner.send("PUT", "/v1/users/" + userId + "/role", Optional.of("{\"role\":\"" + role + "\"}"),
                Map.of()).code())
                .isEqualTo("ROLE_UNKNOWN");
        assertThat(owner.send("DELETE", "/v1/roles/owner", Optional.empty(), Map.of()).code())
                .isEqualTo("ROLE_BUILT_IN");
    }

    @Test
    void aTenantHasAtMostFiftyRolesOfItsOwn() {
        ApiClient tenant = Tenants.open(operator);
        for (int i = 0; i < 50; i++) {
            assertThat(putRole(tenant, "many-" + i, List.of("ledger:read")).status()).isEqualTo(201);
        }
        ApiResponse more = putRole(tenant, "many-50", List.of("ledger:read"));
        assertThat(more.status()).isEqualTo(422);
        assertThat(more.code()).isEqualTo("ROLE_LIMIT");
        assertThat(putRole(tenant, "many-7", List.of("bookings:read")).status()).as("changing one still works")
                .isEqualTo(200);
    }

    @Test
    void theSecondFactorPolicyNamesTenantsRolesToo() {
        String role = roleName();
        putRole(owner, role, List.of("bookings:read"));
        ApiClient holder = holder(owner, role);
        assertThat(holder.get("/v1/bookings").status()).isEqualTo(200);
        ApiResponse policy = owner.send("PUT", "/v1/mfa-policy", Optional.of("{\"roles\":[\"" + role + "\"]}"),
                Map.of());
        assertThat(policy.status()).as(policy.body()).isEqualTo(200);
        assertThat(holder.get("/v1/bookings").status()).as("no scope until a second factor").isEqualTo(403);
        ApiResponse unknown = owner.send("PUT", "/v1/mfa-policy", Optional.of("{\"roles\":[\"no-such-role\"]}"),
                Map.of());
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.code()).isEqualTo("ROLE_UNKNOWN");
        String named = roleName();
        putRole(owner, named, List.of("bookings:read"));
        owner.send("PUT", "/v1/mfa-policy", Optional.of("{\"roles\":[\"" + named + "\"]}"), Map.of());
        ApiResponse inPolicy = owner.send("DELETE", "/v1/roles/" + named, Optional.empty(), Map.of());
        assertThat(inPolicy.status()).as("the policy names it").isEqualTo(409);
        assertThat(inPolicy.code()).isEqualTo("ROLE_IN_USE");
        owner.send("PUT", "/v1/mfa-policy", Optional.of("{\"roles\":[]}"), Map.of());
        assertThat(owner.send("DELETE", "/v1/roles/" + named, Optional.empty(), Map.of()).status()).isEqualTo(204);
    }
}
