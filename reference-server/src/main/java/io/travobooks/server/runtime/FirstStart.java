package io.travobooks.server.runtime;

import io.travobooks.server.admin.TenantSetup;
import io.travobooks.server.auth.ApiKeySecret;
import io.travobooks.server.auth.ApiKeys;
import io.travobooks.server.auth.Role;
import io.travobooks.server.auth.Scope;
import io.travobooks.server.config.ConfigException;
import io.travobooks.server.config.ServerConfig;
import io.travobooks.server.config.Setting;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.users.User;
import io.travobooks.server.users.Users;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.TenantId;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A server without any API key creates its first tenant (with the travel-agency chart of accounts) and an admin key
 * for it, so that it can be called at once. The key is the configured one, or a new one shown once. A first tenant
 * without any user gets its owner, who signs in to the console: the configured address and password, or a new
 * password shown once. Owners and admins of that tenant sign in with a second factor, which they set up at their
 * first sign-in.
 */
public final class FirstStart {
    /** The first key may also open more tenants: it belongs to whoever runs the server. */
    private static final Set<Scope> OPERATOR_SCOPES = Set.copyOf(EnumSet.allOf(Scope.class));

    private FirstStart() {
    }

    /** The first user made by this start: the address, and the password when it was made here (to show once). */
    public record FirstUser(String email, Optional<String> newPassword) {
        @Override
        public String toString() {
            return "FirstUser[email=" + email + ", newPassword=" + newPassword.map(p -> "***").orElse("(none)") + "]";
        }
    }

    /** The owner made for the first tenant when it has no user yet; empty when it has one. */
    public static Optional<FirstUser> firstUser(ServerConfig.Bootstrap bootstrap, Users users) {
        TenantId tenant = TenantId.of(bootstrap.tenant());
        if (!users.store().list(tenant, Optional.empty(), 1).isEmpty()) {
            return Optional.empty();
        }
        String password = bootstrap.adminPassword().orElseGet(FirstStart::newPassword);
        User owner;
        try {
            owner = users.add(tenant, bootstrap.adminEmail(), "Owner", Role.OWNER, password);
        } catch (ApiProblem refused) {
            if (refused.code().equals("USER_EMAIL_TAKEN") && !users.store().list(tenant, Optional.empty(), 1)
                    .isEmpty()) {
                return Optional.empty(); // another node starting at the same moment made it
            }
            throw new ConfigException("cannot make the first user " + bootstrap.adminEmail() + ": "
                    + refused.detail() + " (" + Setting.ADMIN_EMAIL.describe() + ", "
                    + Setting.ADMIN_PASSWORD.describe() + ")");
        }
        users.store().setMfaRoles(tenant, List.of(Role.OWNER, Role.ADMIN_ROLE));
        return Optional.of(new FirstUser(owner.email(), bootstrap.adminPassword().isPresent() ? Optional.empty()
                : Optional.of(password)));
    }

    /** Four groups of five letters and digits: about 119 bits, easy to copy from a terminal. */
    private static String newPassword() {
        String random = ApiKeySecret.randomBase62(20);
        return String.join("-", random.substring(0, 5), random.substring(5, 10), random.substring(10, 15),
                random.substring(15));
    }

    /** The key created, when this start was the first; empty otherwise. */
    public static Optional<ApiKeys.Issued> run(ServerConfig.Bootstrap bootstrap, TenantSetup setup, ApiKeys keys) {
        Optional<ApiKeySecret> configured = bootstrap.adminKey().map(key -> ApiKeySecret.parse(key)
                .orElseThrow(() -> new ConfigException(Setting.ADMIN_KEY.describe()
                        + " is not a travoBooks API key (tb_ followed by 36 letters and digits with a valid "
                        + "checksum)")));
        if (!keys.store().isEmpty()) {
            return Optional.empty();
        }
        TenantId tenant = TenantId.of(bootstrap.tenant());
        return switch (setup.open(tenant, bootstrap.currency(), TenantSetup.Chart.TRAVEL_AGENCY, OPERATOR_SCOPES,
                configured)) {
            case Outcome.Ok<ApiKeys.Issued> ok -> Optional.of(ok.value());
            // Several nodes starting at once on an empty database: one made the first key; the others go on.
            case Outcome.Refused<ApiKeys.Issued> refused when !keys.store().isEmpty() -> Optional.empty();
            case Outcome.Refused<ApiKeys.Issued> refused -> throw new IllegalStateException(
                    "cannot set up the first tenant " + tenant + ": " + refused.rejection());
        };
    }
}
