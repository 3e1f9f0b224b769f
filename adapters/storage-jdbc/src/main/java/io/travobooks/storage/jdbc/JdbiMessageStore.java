package io.travobooks.storage.jdbc;

import io.travobooks.spi.TenantId;
import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.channel.MessageRecord;
import io.travobooks.spi.channel.MessageStore;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Notification delivery status on MySQL/MariaDB and H2 through Jdbi (table from {@code V6__message.sql}). */
public final class JdbiMessageStore extends JdbiStore implements MessageStore {
    private static final String COLUMNS = "partner_id, message_id, event_id, channel, recipient, status, provider, "
            + "provider_message_id, reason, updated_at";


    JdbiMessageStore(TransactionRunner transactions) {
        super(transactions);
    }

    @Override
    public boolean queue(UnitOfWork uow, MessageRecord message) {
        Handle handle = handle(uow);
        if (find(uow, message.tenant(), message.messageId()).isPresent()) {
            return false;
        }
        // A concurrent handler of the same event fails on the primary key: a retryable conflict, after which the
        // retry finds the message and answers false.
        handle.createUpdate("INSERT INTO message_delivery (partner_id, message_id, event_id, channel, recipient, "
                        + "status, provider, provider_message_id, reason, updated_at) VALUES (:t, :id, :event, "
                        + ":channel, :recipient, :status, :provider, :providerId, :reason, :at)")
                .bind("t", message.tenant().value()).bind("id", message.messageId()).bind("event", message.eventId())
                .bind("channel", message.channel()).bind("recipient", message.recipient())
                .bind("status", message.status().name()).bind("provider", message.provider().orElse(null))
                .bind("providerId", message.providerMessageId().orElse(null))
                .bind("reason", message.reason().orElse(null)).bind("at", SqlTimes.text(message.updatedAt()))
                .execute();
        return true;
    }

    @Override
    public Optional<MessageRecord> find(UnitOfWork uow, TenantId tenant, String messageId) {
        return handle(uow).createQuery("SELECT " + COLUMNS + " FROM message_delivery WHERE partner_id = :t "
                        + "AND message_id = :id")
                .bind("t", tenant.value()).bind("id", messageId)
                .map((rs, ctx) -> record(rs)).findOne();
    }

    @Override
    public Optional<MessageRecord> findByProvider(UnitOfWork uow, String provider, String providerMessageId) {
        return handle(uow).createQuery("SELECT " + COLUMNS + " FROM message_delivery WHERE provider = :provider "
                        + "AND provider_message_id = :providerId")
                .bind("provider", provider).bind("providerId", providerMessageId)
                .map((rs, ctx) -> record(rs)).findFirst();
    }

    @Override
    public List<MessageRecord> forEvent(UnitOfWork uow, TenantId tenant, String eventId) {
        return handle(uow).createQuery("SELECT " + COLUMNS + " FROM message_delivery WHERE partner_id = :t "
                        + "AND event_id = :event ORDER BY seq")
                .bind("t", tenant.value()).bind("event", eventId)
                .map((rs, ctx) -> record(rs)).list();
    }

    @Override
    public boolean markSent(UnitOfWork uow, TenantId tenant, String messageId, String provider,
                            String providerMessageId, Instant at) {
        return handle(uow).createUpdate("UPDATE message_delivery SET status = 'SENT', provider = :provider, "
                        + "provider_message_id = :providerId, updated_at = :at "
                        + "WHERE partner_id = :t AND message_id = :id AND status = 'QUEUED'")
                .bind("provider", provider).bind("providerId", providerMessageId).bind("at", SqlTimes.text(at))
                .bind("t", tenant.value()).bind("id", messageId)
                .execute() == 1;
    }

    @Override
    public boolean markUnknown(UnitOfWork uow, TenantId tenant, String messageId, String provider, String reason,
                               Instant at) {
        return handle(uow).createUpdate("UPDATE message_delivery SET provider = :provider, reason = :reason, "
                        + "updated_at = :at WHERE partner_id = :t AND message_id = :id AND status = 'QUEUED'")
                .bind("provider", provider).bind("reason", bounded(reason)).bind("at", SqlTimes.text(at))
                .bind("t", tenant.value()).bind("id", messageId)
                .execute() == 1;
    }

    @Override
    public boolean markFailed(UnitOfWork uow, TenantId tenant, String messageId, String reason, Instant at) {
        return handle(uow).createUpdate("UPDATE message_delivery SET status = 'FAILED', reason = :reason, "
                        + "updated_at = :at WHERE partner_id = :t AND message_id = :id AND status = 'QUEUED'")
                .bind("reason", bounded(reason)).bind("at", SqlTimes.text(at))
                .bind("t", tenant.value()).bind("id", messageId)
                .execute() == 1;
    }

    @Override
    public boolean updateFromProvider(UnitOfWork uow, String provider, String providerMessageId,
                                      MessageRecord.Status status, Optional<String> reason, Instant at) {
        if (!status.isFinal()) {
            throw new IllegalArgumentException("a provider reports a message delivered or failed, not " + status);
        }
        return handle(uow).createUpdate("UPDATE message_delivery SET status = :status, reason = :reason, "
                        + "updated_at = :at WHERE provider = :provider AND provider_message_id = :providerId "
                        + "AND status = 'SENT'")
                .bind("status", status.name()).bind("reason", reason.map(JdbiMessageStore::bounded).orElse(null))
                .bind("at", SqlTimes.text(at)).bind("provider", provider).bind("providerId", providerMessageId)
                .execute() > 0;
    }

    private static String bounded(String reason) {
        return reason.length() <= 1000 ? reason : reason.substring(0, 997) + "...";
    }

    private static MessageRecord record(ResultSet rs) throws SQLException {
        return new MessageRecord(TenantId.of(rs.getString("partner_id")), rs.getString("message_id"),
                rs.getString("event_id"), rs.getString("channel"), rs.getString("recipient"),
                MessageRecord.Status.valueOf(rs.getString("status")), Optional.ofNullable(rs.getString("provider")),
                Optional.ofNullable(rs.getString("provider_message_id")),
                Optional.ofNullable(rs.getString("reason")), SqlTimes.instant(rs, "updated_at").orElseThrow());
    }
}
