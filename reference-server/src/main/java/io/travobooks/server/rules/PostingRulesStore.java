package io.travobooks.server.rules;

import io.travobooks.server.runtime.ChangedSinceRead;
import io.travobooks.server.runtime.ServerDatabase;
import io.travobooks.spi.TenantId;
import io.travobooks.storage.jdbc.SqlTimes;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/** Every version of each tenant's posting rules, in the server's database; the newest is in force. */
public final class PostingRulesStore {
    private final ServerDatabase database;

    public PostingRulesStore(ServerDatabase database) {
        this.database = database;
    }

    /** One version: its number, the rules as JSON, and when it was stored. */
    public record Version(long version, String json, Instant createdAt) {
    }

    public Optional<Version> latest(TenantId tenant) {
        return database.inTransaction(handle -> latest(handle, tenant, false));
    }

    public Optional<Version> version(TenantId tenant, long version) {
        return database.inTransaction(handle -> handle.createQuery("SELECT version, rules, created_at "
                        + "FROM posting_rules WHERE partner_id = :tenant AND version = :version")
                .bind("tenant", tenant.value())
                .bind("version", version)
                .map(PostingRulesStore::read)
                .findOne());
    }

    /**
     * Stores {@code json} as the tenant's next version if the version in force (none: the defaults) passes
     * {@code expected}; throws {@link ChangedSinceRead} otherwise, storing nothing. Two writers at once cannot both win:
     * the second's version is taken, and its retry sees the first's.
     */
    public Version put(TenantId tenant, String json, Predicate<Optional<Version>> expected, Instant now) {
        return database.inTransactionRetrying(handle -> {
            Optional<Version> current = latest(handle, tenant, true);
            if (!expected.test(current)) {
                throw new ChangedSinceRead();
            }
            Version next = new Version(current.map(Version::version).orElse(0L) + 1, json, now);
            handle.createUpdate("INSERT INTO posting_rules (partner_id, version, rules, created_at) "
                            + "VALUES (:tenant, :version, :rules, :created)")
                    .bind("tenant", tenant.value())
                    .bind("version", next.version())
                    .bind("rules", json)
                    .bind("created", SqlTimes.text(now))
                    .execute();
            return next;
        });
    }

    private static Optional<Version> latest(Handle handle, TenantId tenant, boolean forUpdate) {
        return handle.createQuery("SELECT version, rules, created_at FROM posting_rules WHERE partner_id = :tenant "
                        + "ORDER BY version DESC LIMIT 1" + (forUpdate ? " FOR UPDATE" : ""))
                .bind("tenant", tenant.value())
                .map(PostingRulesStore::read)
                .findOne();
    }

    private static Version read(ResultSet rs, StatementContext context) throws SQLException {
        return new Version(rs.getLong("version"), rs.getString("rules"),
                SqlTimes.instant(rs, "created_at").orElseThrow());
    }
}
