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
 * A server without any API key creates its first tenant (with the travel-agency chart of accounts), an admin key for
 * it, so that it can be called at once, and its owner, who signs in to the console. The key is the configured one, or
 * a new one shown once; the owner has the configured address and password, or a new password shown once. Owners and
 * admins of that tenant sign in with a second factor, which they set up at their first sign-in. Only the start that
 * opens the tenant does this: a later start, or another node starting at the same moment, changes nothing.
 */
public final class FirstStart {
    /** The first key may also open more tenants: it belongs to whoever runs the server. */
    private static final Set<Scope> OPERATOR_SCOPES = Set.copyOf(EnumSet.allOf(Scope.class));
    private static final String OWNER_NAME = "Owner";

    private FirstStart() {
    }

    /** What a first start made: the key, and the owner's address with the password when it was made here. */
    public record Opened(ApiKeys.Issued key, FirstUser user) {
    }

    /** The first user: the address, and the password when this start made it (to show once). */
    public record FirstUser(String email, Optional<String> newPassword) {
        @Override
        public String toString() {
            return "FirstUser[email=" + email + ", newPassword=" + newPassword.map(p -> "***").orElse("(none)") + "]";
        }
    }

    /** What this start opened, when it was the first; empty otherwise. */
    public static Optional<Opened> run(ServerConfig.Bootstrap bootstrap, TenantSetup setup, ApiKeys keys,
                                       Users users) {
        Optional<ApiKeySecret> configured = bootstrap.adminKey().map(key -> ApiKeySecret.parse(key)
                .orElseThrow(() -> new ConfigException(Setting.ADMIN_KEY.describe()
                        + " is not a travoBooks API key (tb_ followed by 36 letters and digits with a valid "
                        + "checksum)")));
        if (!keys.store().isEmpty()) {
            return Optional.empty();
        }
        TenantId tenant = TenantId.of(bootstrap.tenant());
        // Checked before anything is written: a refused password leaves the next start a first start too.
        bootstrap.adminPassword().ifPresent(password -> {
            try {
                users.requireAcceptablePassword(password, "/password",
                        List.of(Users.normalizedEmail(bootstrap.adminEmail()), OWNER_NAME, tenant.value()));
            } catch (ApiProblem refused) {
                throw new ConfigException(Setting.ADMIN_PASSWORD.describe() + " is refused: " + refused.detail());
            }
        });
        ApiKeys.Issued key = switch (setup.open(tenant, bootstrap.currency(), TenantSetup.Chart.TRAVEL_AGENCY,
                OPERATOR_SCOPES, configured)) {
            case Outcome.Ok<ApiKeys.Issued> ok -> ok.value();
            // Several nodes starting at once on an empty database: one made the first key; the others go on.
            case Outcome.Refused<ApiKeys.Issued> refused when !keys.store().isEmpty() -> null;
            case Outcome.Refused<ApiKeys.Issued> refused -> throw new IllegalStateException(
                    "cannot set up the first tenant " + tenant + ": " + refused.rejection());
        };
        if (key == null) {
            return Optional.empty();
        }
        // The policy before the owner: there is no moment at which the owner could sign in without a second factor.
        users.store().setMfaRoles(tenant, List.of(Role.OWNER, Role.ADMIN_ROLE));
        String password = bootstrap.adminPassword().orElseGet(FirstStart::newPassword);
        User owner;
        try {
            owner = users.add(tenant, bootstrap.adminEmail(), OWNER_NAME, Role.OWNER, password);
        } catch (ApiProblem refused) {
            throw new ConfigException("cannot make the first user " + bootstrap.adminEmail() + ": "
                    + refused.detail() + " (" + Setting.ADMIN_EMAIL.describe() + ")");
        }
        return Optional.of(new Opened(key, new FirstUser(owner.email(), bootstrap.adminPassword().isPresent()
                ? Optional.empty() : Optional.of(password))));
    }

    /** Four groups of five letters and digits: about 119 bits, easy to copy from a terminal. */
    private static String newPassword() {
        String random = ApiKeySecret.randomBase62(20);
        return String.join("-", random.substring(0, 5), random.substring(5, 10), random.substring(10, 15),
                random.substring(15));
    }
}
