package io.travobooks.server.users;

import io.travobooks.server.auth.Role;
import io.travobooks.server.auth.Scope;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.runtime.ServerDatabase;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.TransactionRunner;
import io.travobooks.storage.jdbc.SqlTimes;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Users in the server's database. Every query leads with the tenant, but the one that signs a person in: an email
 * address names one user on the whole server.
 */
public final class UserStore {
    /** A user's columns, and the scopes of their role when it is one of their tenant's own. */
    private static final String COLUMNS =
            "user_id, partner_id, email, name, role, credentials_version, created_at, disabled_at, totp_secret, "
                    + "(SELECT r.scopes FROM tenant_roles r WHERE r.partner_id = users.partner_id "
                    + "AND r.name = users.role) AS role_scopes";
    private static final String INSERTED =
            "user_id, partner_id, email, name, role, credentials_version, created_at, disabled_at";

    private final ServerDatabase database;

    public UserStore(ServerDatabase database) {
        this.database = database;
    }

    /**
     * A user with the hash of their password and their sealed TOTP secret with the last step a code was taken for:
     * what signing in needs, and nothing else reads.
     */
    public record WithPassword(User user, String passwordHash, Optional<String> sealedTotp, long lastTotpStep) {
        @Override
        public String toString() {
            return "WithPassword[user=" + user.id() + "]";
        }
    }

    /** Stores a new user; false, with nothing stored, when another user has the email address. */
    public boolean insert(User user, String passwordHash) {
        try {
            database.inTransaction(handle -> lockRole(handle, user.tenant(), user.role(), "/role").createUpdate(
                            "INSERT INTO users (" + INSERTED + ", password_hash) "
                            + "VALUES (:id, :tenant, :email, :name, :role, :version, :created, :disabled, :hash)")
                    .bind("id", user.id())
                    .bind("tenant", user.tenant().value())
                    .bind("email", user.email())
                    .bind("name", user.name())
                    .bind("role", user.role().value())
                    .bind("version", user.credentialsVersion())
                    .bind("created", SqlTimes.text(user.createdAt()))
                    .bind("disabled", user.disabledAt().map(SqlTimes::text).orElse(null))
                    .bind("hash", passwordHash)
                    .execute());
            return true;
        } catch (TransactionRunner.RetryableConflictException conflict) {
            if (findByEmail(user.email()).isPresent()) {
                return false; // the unique email index refused it
            }
            throw conflict;
        }
    }

    public Optional<WithPassword> findByEmail(String email) {
        return database.inTransaction(handle -> handle.createQuery("SELECT " + COLUMNS + ", password_hash, "
                        + "totp_last_step FROM users WHERE email = :email")
                .bind("email", email)
                .map((rs, ctx) -> new WithPassword(read(rs, ctx), rs.getString("password_hash"),
                        Optional.ofNullable(rs.getString("totp_secret")), rs.getLong("totp_last_step")))
                .findOne());
    }

    /** The user linked to this account of an identity provider, if any. */
    public Optional<User> findByOidc(String issuer, String subject) {
        return database.inTransaction(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM users "
                        + "WHERE oidc_issuer = :issuer AND oidc_subject = :subject")
                .bind("issuer", issuer)
                .bind("subject", subject)
                .map(UserStore::read)
                .findOne());
    }

    /**
     * Links the user to an account of an identity provider, when they are linked to none: false when they are (or
     * the account is linked to another user).
     */
    public boolean linkOidc(TenantId tenant, String id, String issuer, String subject) {
        try {
            return database.inTransaction(handle -> handle.createUpdate("UPDATE users SET oidc_issuer = :issuer, "
                            + "oidc_subject = :subject WHERE partner_id = :tenant AND user_id = :id "
                            + "AND disabled_at IS NULL AND (oidc_subject IS NULL "
                            + "OR (oidc_issuer = :issuer AND oidc_subject = :subject))")
                    .bind("tenant", tenant.value()).bind("id", id)
                    .bind("issuer", issuer).bind("subject", subject)
                    .execute() == 1);
        } catch (TransactionRunner.RetryableConflictException conflict) {
            if (findByOidc(issuer, subject).isPresent()) {
                return false; // the unique index: the account signs another user in
            }
            throw conflict;
        }
    }

    /** Whether {@link #linkOidc} would link the user to this account: they are linked to no other. */
    public boolean linkable(TenantId tenant, String id, String issuer, String subject) {
        return database.inTransaction(handle -> handle.createQuery("SELECT COUNT(*) FROM users "
                        + "WHERE partner_id = :tenant AND user_id = :id AND (oidc_subject IS NULL "
                        + "OR (oidc_issuer = :issuer AND oidc_subject = :subject))")
                .bind("tenant", tenant.value()).bind("id", id)
                .bind("issuer", issuer).bind("subject", subject)
                .mapTo(Integer.class).one() == 1);
    }

    /** The account of an identity provider the user is linked to, as its issuer and subject. */
    public Optional<String> oidcAccount(TenantId tenant, String id) {
        return database.inTransaction(handle -> handle.createQuery("SELECT oidc_issuer, oidc_subject FROM users "
                        + "WHERE partner_id = :tenant AND user_id = :id AND oidc_subject IS NOT NULL")
                .bind("tenant", tenant.value()).bind("id", id)
                .map((rs, ctx) -> rs.getString("oidc_issuer") + " " + rs.getString("oidc_subject"))
                .findOne());
    }

    /**
     * Ends the user's link to an account of an identity provider, and the sessions and sign-ins it opened: their
     * next such sign-in links afresh.
     */
    public Optional<User> unlinkOidc(TenantId tenant, String id) {
        return update(tenant, id, "oidc_issuer = NULL, oidc_subject = NULL, "
                + "credentials_version = credentials_version + 1", Map.of());
    }

    public Optional<User> find(TenantId tenant, String id) {
        return database.inTransaction(handle -> find(handle, tenant, id));
    }

    private static Optional<User> find(Handle handle, TenantId tenant, String id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM users WHERE partner_id = :tenant AND user_id = :id")
                .bind("tenant", tenant.value())
                .bind("id", id)
                .map(UserStore::read)
                .findOne();
    }

    /** Where a page of users ends: the last user's creation time and id. */
    public record Position(Instant createdAt, String id) {
    }

    /** Users of the tenant, newest first, after {@code after} when given. */
    public List<User> list(TenantId tenant, Optional<Position> after, int limit) {
        String from = after.isPresent() ? " AND (created_at < :created OR (created_at = :created AND user_id < :id))"
                : "";
        return database.inTransaction(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM users "
                        + "WHERE partner_id = :tenant" + from + " ORDER BY created_at DESC, user_id DESC LIMIT :limit")
                .bind("tenant", tenant.value())
                .bind("created", after.map(p -> SqlTimes.text(p.createdAt())).orElse(null))
                .bind("id", after.map(Position::id).orElse(null))
                .bind("limit", limit)
                .map(UserStore::read)
                .list());
    }

    public Optional<User> setRole(TenantId tenant, String id, Role role) {
        return database.inTransaction(handle -> {
            lockRole(handle, tenant, role, "/role");
            return update(handle, tenant, id, "role = :role", Map.of("role", role.value()));
        });
    }

    /**
     * Holds a role of the tenant's own until the transaction ends, so that it is neither deleted nor changed while
     * it is handed out (deleting or changing it takes the same lock); refuses one that is gone, or whose scopes are
     * no longer those the caller was checked against.
     */
    private static Handle lockRole(Handle handle, TenantId tenant, Role role, String field) {
        if (role.isBuiltIn()) {
            return handle;
        }
        Optional<String> scopes = handle.createQuery("SELECT scopes FROM tenant_roles WHERE partner_id = :t "
                        + "AND name = :name FOR UPDATE")
                .bind("t", tenant.value()).bind("name", role.value()).mapTo(String.class).findOne();
        if (scopes.isEmpty()) {
            throw TenantRoles.unknown(role.value(), field);
        }
        if (!Scope.parseAll(scopes.get()).equals(role.scopes())) {
            throw ApiProblem.conflict("ROLE_CHANGED", "the role " + role.value() + " changed meanwhile; try again");
        }
        return handle;
    }

    /** Disables the user (once: a second time keeps the first time) and ends their sessions' standing. */
    public Optional<User> disable(TenantId tenant, String id, Instant now) {
        return update(tenant, id, "disabled_at = COALESCE(disabled_at, :value), "
                + "credentials_version = credentials_version + 1", Map.of("value", SqlTimes.text(now)));
    }

    public Optional<User> enable(TenantId tenant, String id) {
        return update(tenant, id, "disabled_at = NULL", Map.of());
    }

    /** A new password: the sessions opened with the old one are over. */
    public Optional<User> setPassword(TenantId tenant, String id, String passwordHash) {
        return update(tenant, id, "password_hash = :hash, credentials_version = credentials_version + 1",
                Map.of("hash", passwordHash));
    }

    /**
     * The same password hashed at today's cost: nothing else changes, no session ends. Only over the hash it
     * replaces: a password changed meanwhile stays changed.
     */
    public void rehash(TenantId tenant, String id, String replaced, String passwordHash) {
        database.inTransaction(handle -> handle.createUpdate("UPDATE users SET password_hash = :hash "
                        + "WHERE partner_id = :tenant AND user_id = :id AND password_hash = :replaced")
                .bind("hash", passwordHash)
                .bind("tenant", tenant.value())
                .bind("id", id)
                .bind("replaced", replaced)
                .execute());
    }

    /** A TOTP secret (sealed) that waits for its first code; a new one replaces it. */
    public boolean setPendingTotp(TenantId tenant, String id, String sealed) {
        return update(tenant, id, "totp_pending = :sealed", Map.of("sealed", sealed)).isPresent();
    }

    public Optional<String> pendingTotp(TenantId tenant, String id) {
        return database.inTransaction(handle -> handle.createQuery("SELECT totp_pending FROM users "
                        + "WHERE partner_id = :tenant AND user_id = :id")
                .bind("tenant", tenant.value())
                .bind("id", id)
                .mapTo(String.class)
                .findOne());
    }

    /**
     * The pending secret becomes the user's second factor, {@code step} its first used code; the recovery codes are
     * replaced by these; the user's sessions end. Empty when the pending secret changed meanwhile.
     */
    public Optional<User> confirmTotp(TenantId tenant, String id, String sealed, long step,
                                      List<String> recoveryHashes) {
        return database.inTransaction(handle -> {
            int changed = handle.createUpdate("UPDATE users SET totp_secret = totp_pending, totp_pending = NULL, "
                            + "totp_last_step = :step, credentials_version = credentials_version + 1 "
                            + "WHERE partner_id = :tenant AND user_id = :id AND totp_pending = :sealed")
                    .bind("step", step)
                    .bind("tenant", tenant.value())
                    .bind("id", id)
                    .bind("sealed", sealed)
                    .execute();
            if (changed == 0) {
                return Optional.empty();
            }
            replaceRecoveryCodes(handle, tenant, id, recoveryHashes);
            return find(handle, tenant, id);
        });
    }

    /** No second factor any more (and no recovery codes); the user's sessions end. */
    public Optional<User> removeTotp(TenantId tenant, String id) {
        return database.inTransaction(handle -> {
            int changed = handle.createUpdate("UPDATE users SET totp_secret = NULL, totp_pending = NULL, "
                            + "totp_last_step = 0, credentials_version = credentials_version + 1 "
                            + "WHERE partner_id = :tenant AND user_id = :id")
                    .bind("tenant", tenant.value())
                    .bind("id", id)
                    .execute();
            if (changed == 0) {
                return Optional.empty();
            }
            replaceRecoveryCodes(handle, tenant, id, List.of());
            return find(handle, tenant, id);
        });
    }

    private static void replaceRecoveryCodes(Handle handle, TenantId tenant, String id, List<String> hashes) {
        handle.createUpdate("DELETE FROM user_recovery_codes WHERE partner_id = :tenant AND user_id = :id")
                .bind("tenant", tenant.value())
                .bind("id", id)
                .execute();
        for (String hash : hashes) {
            handle.createUpdate("INSERT INTO user_recovery_codes (partner_id, user_id, code_hash) "
                            + "VALUES (:tenant, :id, :hash)")
                    .bind("tenant", tenant.value())
                    .bind("id", id)
                    .bind("hash", hash)
                    .execute();
        }
    }

    /**
     * Takes the TOTP time step a code was accepted for: true once per step and user, and only for a step later
     * than the last taken (two sign-ins with one code: one wins).
     */
    public boolean takeTotpStep(TenantId tenant, String id, long step) {
        return database.inTransaction(handle -> handle.createUpdate("UPDATE users SET totp_last_step = :step "
                        + "WHERE partner_id = :tenant AND user_id = :id AND totp_last_step < :step")
                .bind("step", step)
                .bind("tenant", tenant.value())
                .bind("id", id)
                .execute() == 1);
    }

    public List<String> recoveryCodeHashes(TenantId tenant, String id) {
        return database.inTransaction(handle -> handle.createQuery("SELECT code_hash FROM user_recovery_codes "
                        + "WHERE partner_id = :tenant AND user_id = :id")
                .bind("tenant", tenant.value())
                .bind("id", id)
                .mapTo(String.class)
                .list());
    }

    /** Uses up a recovery code: true once (two sign-ins with one code: one wins). */
    public boolean takeRecoveryCode(TenantId tenant, String id, String hash) {
        return database.inTransaction(handle -> handle.createUpdate("DELETE FROM user_recovery_codes "
                        + "WHERE partner_id = :tenant AND user_id = :id AND code_hash = :hash")
                .bind("tenant", tenant.value())
                .bind("id", id)
                .bind("hash", hash)
                .execute() == 1);
    }

    /** The names of the tenant's roles that must sign in with a second factor. */
    public Set<String> mfaRoles(TenantId tenant) {
        return database.inTransaction(handle -> handle.createQuery("SELECT roles FROM tenant_mfa_policy "
                        + "WHERE partner_id = :tenant")
                .bind("tenant", tenant.value())
                .mapTo(String.class)
                .findOne()
                .map(text -> text.isBlank() ? Set.<String>of() : Set.of(text.split(" ")))
                .orElse(Set.of()));
    }

    /** Whether the user's role must have a second factor they have not set up. */
    public boolean secondFactorMissing(User user) {
        return !user.mfaEnrolled() && mfaRoles(user.tenant()).contains(user.role().value());
    }

    public void setMfaRoles(TenantId tenant, List<Role> roles) {
        database.inTransactionRetrying(handle -> {
            for (int i = 0; i < roles.size(); i++) {
                lockRole(handle, tenant, roles.get(i), "/roles/" + i);
            }
            handle.createUpdate("DELETE FROM tenant_mfa_policy WHERE partner_id = :tenant")
                    .bind("tenant", tenant.value())
                    .execute();
            return handle.createUpdate("INSERT INTO tenant_mfa_policy (partner_id, roles) VALUES (:tenant, :roles)")
                    .bind("tenant", tenant.value())
                    .bind("roles", roles.stream().map(Role::value).sorted().collect(Collectors.joining(" ")))
                    .execute();
        });
    }

    private Optional<User> update(TenantId tenant, String id, String assignments, Map<String, Object> values) {
        return database.inTransaction(handle -> update(handle, tenant, id, assignments, values));
    }

    private static Optional<User> update(Handle handle, TenantId tenant, String id, String assignments,
                                         Map<String, Object> values) {
        int changed = handle.createUpdate("UPDATE users SET " + assignments
                        + " WHERE partner_id = :tenant AND user_id = :id")
                .bind("tenant", tenant.value())
                .bind("id", id)
                .bindMap(values)
                .execute();
        return changed == 0 ? Optional.empty() : find(handle, tenant, id);
    }

    private static User read(ResultSet rs, StatementContext context) throws SQLException {
        return new User(rs.getString("user_id"), TenantId.of(rs.getString("partner_id")), rs.getString("email"),
                rs.getString("name"), Role.named(rs.getString("role"), Scope.parseAll(rs.getString("role_scopes"))),
                rs.getInt("credentials_version"),
                SqlTimes.instant(rs, "created_at").orElseThrow(), SqlTimes.instant(rs, "disabled_at"),
                rs.getString("totp_secret") != null);
    }
}
