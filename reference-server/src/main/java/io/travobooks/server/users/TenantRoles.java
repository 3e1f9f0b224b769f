package io.travobooks.server.users;

import io.travobooks.server.auth.Role;
import io.travobooks.server.auth.Scope;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.FieldError;
import io.travobooks.server.runtime.ServerDatabase;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.cache.HotCache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The roles of each tenant: the built-in ones, and those the tenant made for itself, kept in the server's database
 * and read through the hot cache, so that a change reaches every node at once.
 */
public final class TenantRoles {
    private static final Duration CACHE_TTL = Duration.ofSeconds(30);

    private final ServerDatabase database;
    private final HotCache cache;
    private final Clock clock;

    public TenantRoles(ServerDatabase database, HotCache cache, Clock clock) {
        this.database = database;
        this.cache = cache;
        this.clock = clock;
    }

    /** The built-in role of this name, or the tenant's own. */
    public Optional<Role> find(TenantId tenant, String name) {
        return Role.parse(name).or(() -> Optional.ofNullable(custom(tenant).get(name)));
    }

    /** The built-in role or the tenant's own of this name; 422 naming {@code field} when there is none. */
    public Role require(TenantId tenant, String name, String field) {
        return find(tenant, name).orElseThrow(() -> new ApiProblem(422, "ROLE_UNKNOWN", "Unknown role",
                "this tenant has no role " + name, List.of(new FieldError(field, "is no role of this tenant")),
                Map.of()));
    }

    /** Every role of the tenant, by name. */
    public List<Role> list(TenantId tenant) {
        return Stream.concat(Role.builtIn().stream(), custom(tenant).values().stream())
                .sorted(Comparator.comparing(Role::value)).toList();
    }

    /** Creates or replaces a role of the tenant's own; answers the one it replaced. */
    public Optional<Role> put(TenantId tenant, Role role) {
        Optional<Role> before = Optional.ofNullable(custom(tenant).get(role.value()));
        Instant now = clock.instant();
        String scopes = Scope.text(role.scopes());
        database.inTransactionRetrying(handle -> {
            int updated = handle.createUpdate("UPDATE tenant_roles SET scopes = :scopes, updated_at = :now "
                            + "WHERE partner_id = :t AND name = :name")
                    .bind("t", tenant.value()).bind("name", role.value()).bind("scopes", scopes).bind("now", now)
                    .execute();
            return updated > 0 ? updated : handle.createUpdate("INSERT INTO tenant_roles (partner_id, name, scopes, "
                            + "created_at, updated_at) VALUES (:t, :name, :scopes, :now, :now)")
                    .bind("t", tenant.value()).bind("name", role.value()).bind("scopes", scopes).bind("now", now)
                    .execute();
        });
        cache.invalidate(key(tenant));
        return before;
    }

    /** Deletes a role of the tenant's own; refused (409) while a user holds it. False when there is none. */
    public boolean delete(TenantId tenant, String name) {
        boolean deleted = database.inTransaction(handle -> {
            int holders = handle.createQuery("SELECT COUNT(*) FROM users WHERE partner_id = :t AND role = :name")
                    .bind("t", tenant.value()).bind("name", name).mapTo(Integer.class).one();
            if (holders > 0) {
                throw ApiProblem.conflict("ROLE_IN_USE", holders + " user(s) hold this role; give them another "
                        + "first");
            }
            return handle.createUpdate("DELETE FROM tenant_roles WHERE partner_id = :t AND name = :name")
                    .bind("t", tenant.value()).bind("name", name).execute() > 0;
        });
        cache.invalidate(key(tenant));
        return deleted;
    }

    private Map<String, Role> custom(TenantId tenant) {
        String text = cache.getOrLoad(key(tenant), CACHE_TTL, () -> database.inTransaction(handle -> handle
                .createQuery("SELECT name, scopes FROM tenant_roles WHERE partner_id = :t ORDER BY name")
                .bind("t", tenant.value())
                .map((rs, ctx) -> rs.getString("name") + "=" + rs.getString("scopes"))
                .list()).stream().collect(Collectors.joining("\n")));
        Map<String, Role> roles = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                String name = line.substring(0, equals);
                roles.put(name, Role.custom(name, Scope.parseAll(line.substring(equals + 1))));
            }
        }
        return roles;
    }

    private static String key(TenantId tenant) {
        return "roles:" + tenant.value();
    }
}
