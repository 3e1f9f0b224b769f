package io.travobooks.server.messaging;

import io.travobooks.channel.http.InboundWebhooks;
import io.travobooks.messaging.notify.Channel;
import io.travobooks.server.runtime.ServerDatabase;
import io.travobooks.spi.TenantId;
import io.travobooks.storage.jdbc.SqlTimes;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The sources customers' messages come in through, in the server's database. A source's id is random and is the
 * only thing its hook's URL names: the tenant comes from the source, whose secret the provider signs with.
 */
public final class InboundSourceStore {
    private static final String COLUMNS = "source_id, partner_id, channel, secret, created_at";

    private final ServerDatabase database;

    public InboundSourceStore(ServerDatabase database) {
        this.database = database;
    }

    /** A source and the secret its provider signs with (never answered). */
    public record Source(String id, TenantId tenant, Channel channel, String secret, Instant createdAt) {
        public Source {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(createdAt, "createdAt");
        }

        public InboundWebhooks.Source toWebhookSource() {
            return new InboundWebhooks.Source(tenant, channel, secret);
        }

        @Override
        public String toString() {
            return "Source[id=" + id + ", tenant=" + tenant + ", channel=" + channel + ", secret=***]";
        }
    }

    public void insert(Source source) {
        database.inTransaction(handle -> handle.createUpdate("INSERT INTO inbound_sources (" + COLUMNS + ") VALUES "
                        + "(:id, :tenant, :channel, :secret, :created)")
                .bind("id", source.id())
                .bind("tenant", source.tenant().value())
                .bind("channel", source.channel().name())
                .bind("secret", source.secret())
                .bind("created", SqlTimes.text(source.createdAt()))
                .execute());
    }

    /** The source a hook names, whatever its tenant: the hook's caller has no other credential. */
    public Optional<Source> find(String id) {
        return database.inTransaction(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM inbound_sources "
                        + "WHERE source_id = :id")
                .bind("id", id)
                .map(InboundSourceStore::read)
                .findOne());
    }

    public Optional<Source> find(TenantId tenant, String id) {
        return database.inTransaction(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM inbound_sources "
                        + "WHERE partner_id = :tenant AND source_id = :id")
                .bind("tenant", tenant.value())
                .bind("id", id)
                .map(InboundSourceStore::read)
                .findOne());
    }

    public List<Source> list(TenantId tenant, Optional<String> afterId, int limit) {
        return database.inTransaction(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM inbound_sources "
                        + "WHERE partner_id = :tenant" + (afterId.isPresent() ? " AND source_id > :after" : "")
                        + " ORDER BY source_id LIMIT :limit")
                .bind("tenant", tenant.value())
                .bind("after", afterId.orElse(null))
                .bind("limit", limit)
                .map(InboundSourceStore::read)
                .list());
    }

    /** Deletes the tenant's source; false when it has none by that id. */
    public boolean delete(TenantId tenant, String id) {
        return database.inTransaction(handle -> handle.createUpdate("DELETE FROM inbound_sources "
                        + "WHERE partner_id = :tenant AND source_id = :id")
                .bind("tenant", tenant.value())
                .bind("id", id)
                .execute()) == 1;
    }

    private static Source read(ResultSet rs, StatementContext context) throws SQLException {
        return new Source(rs.getString("source_id"), TenantId.of(rs.getString("partner_id")),
                Channel.valueOf(rs.getString("channel")), rs.getString("secret"),
                SqlTimes.instant(rs, "created_at").orElseThrow());
    }
}
