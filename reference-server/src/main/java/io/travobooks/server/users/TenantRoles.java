package io.travobooks.server.users;

import io.travobooks.server.auth.Role;
import io.travobooks.server.auth.Scope;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.FieldError;
import io.travobooks.server.runtime.ServerDatabase;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.cache.HotCache;
import io.travobooks.storage.jdbc.SqlTimes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The roles of each tenant: the built-in ones, and those the tenant made for itself, kept in the server's database
 * and read through the hot cache, so that a change reaches every node at once.
 */
public final class TenantRoles {
    private static final Logger LOG = LoggerFactory.getLogger(TenantRoles.class);
    private static final Duration CACHE_TTL = Duration.ofSeconds(30);
    /** Roles of a tenant's own: enough for any agency, few enough to read whole on every change. */
    static final int MAX_PER_TENANT = 50;

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
        return find(tenant, name).orElseThrow(() -> unknown(name, field));
    }

    /** Every role of the tenant, by name. */
    public List<Role> list(TenantId tenant) {
        return Stream.concat(Role.builtIn().stream(), custom(tenant).values().stream())
                .sorted(Comparator.comparing(Role::value)).toList();
    }

    /**
     * Creates or replaces a role of the tenant's own, when {@code allowed} accepts the role it replaces (read under
     * a lock, so that no change slips in between); answers that role.
     */
    public Optional<Role> put(TenantId tenant, Role role, Consumer<Optional<Role>> allowed) {
        Instant now = clock.instant();
        // Retried whole on a conflict (two makers of one new role): the check runs again on what the winner stored.
        Optional<Role> before = database.inTransactionRetrying(handle -> {
            Optional<Role> stored = handle.createQuery("SELECT scopes FROM tenant_roles WHERE partner_id = :t "
                            + "AND name = :name FOR UPDATE")
                    .bind("t", tenant.value()).bind("name", role.value())
                    .mapTo(String.class).findOne().map(scopes -> Role.custom(role.value(), Scope.parseAll(scopes)));
            allowed.accept(stored);
            if (stored.isPresent()) {
                handle.createUpdate("UPDATE tenant_roles SET scopes = :scopes, updated_at = :now "
                                + "WHERE partner_id = :t AND name = :name")
                        .bind("t", tenant.value()).bind("name", role.value())
                        .bind("scopes", Scope.text(role.scopes())).bind("now", SqlTimes.text(now))
                        .execute();
                return stored;
            }
            // Locking the tenant's roles makes two new ones wait for each other's count.
            int count = handle.createQuery("SELECT name FROM tenant_roles WHERE partner_id = :t FOR UPDATE")
                    .bind("t", tenant.value()).mapTo(String.class).list().size();
            if (count >= MAX_PER_TENANT) {
                throw new ApiProblem(422, "ROLE_LIMIT", "Too many roles", "a tenant has at most " + MAX_PER_TENANT
                        + " roles of its own; delete one first");
            }
            handle.createUpdate("INSERT INTO tenant_roles (partner_id, name, scopes, created_at, updated_at) "
                            + "VALUES (:t, :name, :scopes, :now, :now)")
                    .bind("t", tenant.value()).bind("name", role.value())
                    .bind("scopes", Scope.text(role.scopes())).bind("now", SqlTimes.text(now))
                    .execute();
            return stored;
        });
        forget(tenant);
        return before;
    }

    /**
     * Deletes a role of the tenant's own, when {@code allowed} accepts it; refused (409) while a user holds it or
     * the second-factor policy names it. False when there is none.
     */
    public boolean delete(TenantId tenant, String name, Consumer<Role> allowed) {
        boolean deleted = database.inTransaction(handle -> {
            // The lock that handing the role out takes: no one gets it between the count and the delete.
            Optional<Role> stored = handle.createQuery("SELECT scopes FROM tenant_roles WHERE partner_id = :t "
                            + "AND name = :name FOR UPDATE")
                    .bind("t", tenant.value()).bind("name", name)
                    .mapTo(String.class).findOne().map(scopes -> Role.custom(name, Scope.parseAll(scopes)));
            if (stored.isEmpty()) {
                return false;
            }
            allowed.accept(stored.get());
            int holders = handle.createQuery("SELECT COUNT(*) FROM users WHERE partner_id = :t AND role = :name")
                    .bind("t", tenant.value()).bind("name", name).mapTo(Integer.class).one();
            if (holders > 0) {
                throw ApiProblem.conflict("ROLE_IN_USE", holders + " user(s) hold this role; give them another "
                        + "first");
            }
            boolean inPolicy = handle.createQuery("SELECT roles FROM tenant_mfa_policy WHERE partner_id = :t")
                    .bind("t", tenant.value()).mapTo(String.class).findOne()
                    .map(roles -> List.of(roles.split(" ")).contains(name)).orElse(false);
            if (inPolicy) {
                throw ApiProblem.conflict("ROLE_IN_USE", "the second-factor policy names this role; take it out "
                        + "first");
            }
            return handle.createUpdate("DELETE FROM tenant_roles WHERE partner_id = :t AND name = :name")
                    .bind("t", tenant.value()).bind("name", name).execute() > 0;
        });
        forget(tenant);
        return deleted;
    }

    /** The 422 for a role name the tenant does not have. */
    static ApiProblem unknown(String name, String field) {
        return new ApiProblem(422, "ROLE_UNKNOWN", "Unknown role", "this tenant has no role " + name,
                List.of(new FieldError(field, "is no role of this tenant")), Map.of());
    }

    /** Every node reads the tenant's roles afresh; the change is stored, so a cache that is away ages out. */
    private void forget(TenantId tenant) {
        try {
            cache.invalidate(key(tenant));
        } catch (RuntimeException e) {
            LOG.warn("could not drop the cached roles of tenant {}: other nodes see the change within {}",
                    tenant.value(), CACHE_TTL, e);
        }
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
