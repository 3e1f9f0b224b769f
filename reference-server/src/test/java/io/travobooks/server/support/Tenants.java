package io.travobooks.server.support;

import io.travobooks.server.admin.TenantSetup;
import io.travobooks.server.auth.Role;
import io.travobooks.server.auth.Scope;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Tenants for tests, opened through the API with the operator's key. */
public final class Tenants {
    private Tenants() {
    }

    /** A client for a new tenant, holding the tenant's first admin key. */
    public static ApiClient open(ApiClient operator) {
        String id = "t-" + UUID.randomUUID().toString().substring(0, 8);
        ApiResponse created = operator.post("/v1/tenants", Map.of("id", id, "functional_currency", "BDT"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return operator.withKey(created.json().at("/admin_key/key").asText());
    }

    /** A new user of the tenant with {@code role}, signed in: a client holding their session's token. */
    public static ApiClient signedIn(ApiClient tenantAdmin, Role role) {
        String email = role.value() + "-" + UUID.randomUUID() + "@example.com";
        ApiResponse created = tenantAdmin.post("/v1/users", Map.of("email", email, "name", "A " + role.value(),
                "role", role.value(), "password", OperationSamples.PASSWORD));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return tenantAdmin.withKey(signIn(tenantAdmin, email, OperationSamples.PASSWORD).json().get("token")
                .asText());
    }

    public static ApiResponse signIn(ApiClient any, String email, String password) {
        return any.withoutKey().post("/v1/sessions", Map.of("email", email, "password", password));
    }

    /** A key of the tenant with every tenant scope but {@code missing}. */
    public static String keyWithout(ApiClient tenantAdmin, Scope missing) {
        List<String> scopes = TenantSetup.TENANT_SCOPES.stream().filter(scope -> scope != missing)
                .map(Scope::value).sorted().toList();
        ApiResponse created = tenantAdmin.post("/v1/api-keys", Map.of("name", "without " + missing.value(),
                "scopes", scopes));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("key").asText();
    }
}
