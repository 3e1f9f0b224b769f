package io.travobooks.server.auth;

import io.travobooks.server.runtime.ServerDatabase;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.TransactionRunner;
import io.travobooks.storage.jdbc.SqlTimes;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * API keys in the server's database, looked up by the hash of the secret. Every query but that one leads with the
 * tenant.
 */
public final class ApiKeyStore {
    private static final String COLUMNS =
            "key_id, partner_id, name, display_prefix, scopes, created_at, expires_at, revoked_at, created_by, "
                    + "last_used_at, mandate";
    private static final String INSERTED =
            "key_id, partner_id, name, display_prefix, scopes, created_at, expires_at, revoked_at, mandate";

    private final ServerDatabase database;

    public ApiKeyStore(ServerDatabase database) {
        this.database = database;
    }

    public void insert(ApiKey key, String secretHash) {
        insert(key, secretHash, false);
    }

    /**
     * Stores a tenant's first key; false, with nothing stored, when the tenant has one already (another opening of
     * the same tenant won the race).
     */
    public boolean insertFirst(ApiKey key, String secretHash) {
        try {
            insert(key, secretHash, true);
            return true;
        } catch (TransactionRunner.RetryableConflictException conflict) {
            if (hasFirstKey(key.tenant())) {
                return false; // the unique first-key index refused this one
            }
            throw conflict; // another lost race (a deadlock, a lock timeout): not an answer
        }
    }

    private void insert(ApiKey key, String secretHash, boolean first) {
        database.inTransaction(handle -> handle.createUpdate("INSERT INTO api_keys (" + INSERTED + ", secret_hash, "
                        + "first_of_tenant, created_by) VALUES (:id, :tenant, :name, :prefix, :scopes, :created, "
                        + ":expires, :revoked, :mandate, :hash, :first, :creator)")
                .bind("id", key.id())
                .bind("tenant", key.tenant().value())
                .bind("name", key.name())
                .bind("prefix", key.displayPrefix())
                .bind("scopes", Scope.text(key.scopes()))
                .bind("created", utc(key.createdAt()))
                .bind("expires", key.expiresAt().map(ApiKeyStore::utc).orElse(null))
                .bind("revoked", key.revokedAt().map(ApiKeyStore::utc).orElse(null))
                .bind("mandate", key.mandate().map(Mandate::toJson).orElse(null))
                .bind("hash", secretHash)
                .bind("first", first ? Integer.valueOf(1) : null)
                .bind("creator", key.createdBy().orElse(null))
                .execute());
    }

    public Optional<ApiKey> findBySecretHash(String secretHash) {
        return database.inTransaction(handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM api_keys WHERE secret_hash = :hash")
                .bind("hash", secretHash)
                .map(ApiKeyStore::read)
                .findOne());
    }

    public Optional<ApiKey> find(TenantId tenant, String id) {
        return database.inTransaction(handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM api_keys WHERE partner_id = :tenant AND key_id = :id")
                .bind("tenant", tenant.value())
                .bind("id", id)
                .map(ApiKeyStore::read)
                .findOne());
    }

    /** The hash a key is looked up by, to drop it from caches. */
    public Optional<String> secretHash(TenantId tenant, String id) {
        return database.inTransaction(handle -> handle.createQuery("SELECT secret_hash FROM api_keys "
                        + "WHERE partner_id = :tenant AND key_id = :id")
                .bind("tenant", tenant.value())
                .bind("id", id)
                .mapTo(String.class)
                .findOne());
    }

    /** Records a use of the key at {@code now}, unless a later one is recorded. */
    public void used(String id, Instant now) {
        database.inTransaction(handle -> handle.createUpdate("UPDATE api_keys SET last_used_at = :now "
                        + "WHERE key_id = :id AND (last_used_at IS NULL OR last_used_at < :now)")
                .bind("now", utc(now))
                .bind("id", id)
                .execute());
    }

    /** The keys {@code actor} made that are not revoked. */
    public List<ApiKey> liveCreatedBy(TenantId tenant, String actor) {
        return database.inTransaction(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM api_keys "
                        + "WHERE partner_id = :tenant AND created_by = :actor AND revoked_at IS NULL")
                .bind("tenant", tenant.value())
                .bind("actor", actor)
                .map(ApiKeyStore::read)
                .list());
    }

    /** Where a page of keys ends: the last key's creation time and id. */
    public record Position(Instant createdAt, String id) {
    }

    /** Keys of the tenant, newest first, after {@code after} when given. */
    public List<ApiKey> list(TenantId tenant, Optional<Position> after, int limit) {
        String from = after.isPresent() ? " AND (created_at < :created OR (created_at = :created AND key_id < :id))"
                : "";
        return database.inTransaction(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM api_keys "
                        + "WHERE partner_id = :tenant" + from + " ORDER BY created_at DESC, key_id DESC LIMIT :limit")
                .bind("tenant", tenant.value())
                .bind("created", after.map(p -> utc(p.createdAt())).orElse(null))
                .bind("id", after.map(Position::id).orElse(null))
                .bind("limit", limit)
                .map(ApiKeyStore::read)
                .list());
    }

    /** Revokes the key (once: a second revocation keeps the first time) and answers it as it is now. */
    public Optional<ApiKey> revoke(TenantId tenant, String id, Instant now) {
        return database.inTransaction(handle -> {
            handle.createUpdate("UPDATE api_keys SET revoked_at = :now "
                            + "WHERE partner_id = :tenant AND key_id = :id AND revoked_at IS NULL")
                    .bind("now", utc(now))
                    .bind("tenant", tenant.value())
                    .bind("id", id)
                    .execute();
            return handle.createQuery("SELECT " + COLUMNS
                            + " FROM api_keys WHERE partner_id = :tenant AND key_id = :id")
                    .bind("tenant", tenant.value())
                    .bind("id", id)
                    .map(ApiKeyStore::read)
                    .findOne();
        });
    }

    private boolean hasFirstKey(TenantId tenant) {
        return database.inTransaction(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM api_keys WHERE partner_id = :tenant AND first_of_tenant = 1")
                .bind("tenant", tenant.value())
                .mapTo(Long.class).one() > 0);
    }

    public boolean hasKeys(TenantId tenant) {
        return database.inTransaction(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM api_keys WHERE partner_id = :tenant")
                .bind("tenant", tenant.value())
                .mapTo(Long.class).one() > 0);
    }

    public boolean isEmpty() {
        return database.inTransaction(handle -> handle.createQuery("SELECT COUNT(*) FROM api_keys")
                .mapTo(Long.class).one() == 0);
    }

    private static ApiKey read(ResultSet rs, StatementContext context) throws SQLException {
        return new ApiKey(rs.getString("key_id"), TenantId.of(rs.getString("partner_id")), rs.getString("name"),
                rs.getString("display_prefix"),
                Scope.parseAll(rs.getString("scopes")),
                instant(rs, "created_at").orElseThrow(), instant(rs, "expires_at"), instant(rs, "revoked_at"),
                Optional.ofNullable(rs.getString("created_by")), instant(rs, "last_used_at"),
                Optional.ofNullable(rs.getString("mandate")).map(Mandate::fromJson));
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return SqlTimes.instant(rs, column);
    }

    /** As text with microseconds: the one way every database here keeps them exactly (see SqlTimes). */
    private static String utc(Instant instant) {
        return SqlTimes.text(instant);
    }
}
