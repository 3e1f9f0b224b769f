package io.travobooks.server.runtime;

import io.travobooks.server.admin.TenantSetup;
import io.travobooks.server.auth.ApiKeySecret;
import io.travobooks.server.auth.ApiKeys;
import io.travobooks.server.auth.Scope;
import io.travobooks.server.config.ConfigException;
import io.travobooks.server.config.ServerConfig;
import io.travobooks.server.config.Setting;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.TenantId;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A server without any API key creates its first tenant (with the travel-agency chart of accounts) and an admin key
 * for it, so that it can be called at once. The key is the configured one, or a new one shown once.
 */
public final class FirstStart {
    /** The first key may also open more tenants: it belongs to whoever runs the server. */
    private static final Set<Scope> OPERATOR_SCOPES = Set.copyOf(EnumSet.allOf(Scope.class));

    private FirstStart() {
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
