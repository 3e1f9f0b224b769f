package io.travobooks.storage.jdbc;

import io.travobooks.spi.TenantId;
import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.inbox.Conversation;
import io.travobooks.spi.inbox.InboxMessage;
import io.travobooks.spi.inbox.InboxStore;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The unified inbox on MySQL/MariaDB and H2 through Jdbi (tables from {@code V7__inbox.sql}). */
public final class JdbiInboxStore extends JdbiStore implements InboxStore {
    private static final String CONVERSATION_COLUMNS = "partner_id, conversation_id, channel, address, status, "
            + "assignee, last_inbound_at, updated_at";


    JdbiInboxStore(TransactionRunner transactions) {
        super(transactions);
    }

    @Override
    public Optional<Conversation> conversation(UnitOfWork uow, TenantId tenant, String conversationId) {
        return conversation(uow, tenant, conversationId, "");
    }

    @Override
    public Optional<Conversation> conversationForUpdate(UnitOfWork uow, TenantId tenant, String conversationId) {
        return conversation(uow, tenant, conversationId, " FOR UPDATE");
    }

    private Optional<Conversation> conversation(UnitOfWork uow, TenantId tenant, String conversationId,
                                                String lock) {
        Handle handle = handle(uow);
        return handle.createQuery("SELECT " + CONVERSATION_COLUMNS + " FROM inbox_conversation "
                        + "WHERE partner_id = :t AND conversation_id = :id" + lock)
                .bind("t", tenant.value()).bind("id", conversationId)
                .map((rs, ctx) -> conversation(handle, rs)).findOne();
    }

    @Override
    public Optional<Conversation> conversationWith(UnitOfWork uow, TenantId tenant, String channel, String address) {
        return conversationWith(uow, tenant, channel, address, "");
    }

    @Override
    public Optional<Conversation> conversationWithForUpdate(UnitOfWork uow, TenantId tenant, String channel,
                                                            String address) {
        return conversationWith(uow, tenant, channel, address, " FOR UPDATE");
    }

    private Optional<Conversation> conversationWith(UnitOfWork uow, TenantId tenant, String channel, String address,
                                                    String lock) {
        Handle handle = handle(uow);
        return handle.createQuery("SELECT " + CONVERSATION_COLUMNS + " FROM inbox_conversation "
                        + "WHERE partner_id = :t AND channel = :channel AND address = :address" + lock)
                .bind("t", tenant.value()).bind("channel", channel).bind("address", address)
                .map((rs, ctx) -> conversation(handle, rs)).findOne();
    }

    @Override
    public void saveConversation(UnitOfWork uow, Conversation conversation) {
        Handle handle = handle(uow);
        String tenant = conversation.tenant().value();
        int updated = handle.createUpdate("UPDATE inbox_conversation SET channel = :channel, address = :address, "
                        + "status = :status, assignee = :assignee, last_inbound_at = :inbound, updated_at = :at "
                        + "WHERE partner_id = :t AND conversation_id = :id")
                .bindMap(conversationValues(conversation)).execute();
        if (updated == 0) {
            handle.createUpdate("INSERT INTO inbox_conversation (" + CONVERSATION_COLUMNS + ") VALUES (:t, :id, "
                            + ":channel, :address, :status, :assignee, :inbound, :at)")
                    .bindMap(conversationValues(conversation)).execute();
        }
        handle.createUpdate("DELETE FROM inbox_booking_link WHERE partner_id = :t AND conversation_id = :id")
                .bind("t", tenant).bind("id", conversation.id()).execute();
        for (String bookingId : conversation.bookingIds()) {
            handle.createUpdate("INSERT INTO inbox_booking_link (partner_id, conversation_id, booking_id) "
                            + "VALUES (:t, :id, :booking)")
                    .bind("t", tenant).bind("id", conversation.id()).bind("booking", bookingId).execute();
        }
    }

    private static Map<String, Object> conversationValues(Conversation conversation) {
        Map<String, Object> values = new HashMap<>();
        values.put("t", conversation.tenant().value());
        values.put("id", conversation.id());
        values.put("channel", conversation.channel());
        values.put("address", conversation.address());
        values.put("status", conversation.status().name());
        values.put("assignee", conversation.assignee().orElse(null));
        values.put("inbound", conversation.lastInboundAt().map(SqlTimes::text).orElse(null));
        values.put("at", SqlTimes.text(conversation.updatedAt()));
        return values;
    }

    @Override
    public List<Conversation> conversations(UnitOfWork uow, TenantId tenant, Conversation.Status status,
                                            Optional<Position> after, int max) {
        Handle handle = handle(uow);
        return handle.createQuery("SELECT " + CONVERSATION_COLUMNS + " FROM inbox_conversation "
                        + "WHERE partner_id = :t AND status = :status "
                        + (after.isPresent() ? "AND (updated_at < :afterAt OR (updated_at = :afterAt "
                        + "AND conversation_id > :afterId)) " : "")
                        + "ORDER BY updated_at DESC, conversation_id LIMIT :max")
                .bind("t", tenant.value()).bind("status", status.name()).bind("max", max)
                .bind("afterAt", after.map(p -> SqlTimes.text(p.updatedAt())).orElse(null))
                .bind("afterId", after.map(Position::conversationId).orElse(null))
                .map((rs, ctx) -> conversation(handle, rs)).list();
    }

    @Override
    public List<Conversation> conversationsAbout(UnitOfWork uow, TenantId tenant, String bookingId) {
        Handle handle = handle(uow);
        return handle.createQuery("SELECT c.partner_id, c.conversation_id, c.channel, c.address, c.status, "
                        + "c.assignee, c.last_inbound_at, c.updated_at FROM inbox_conversation c "
                        + "JOIN inbox_booking_link l ON l.partner_id = c.partner_id "
                        + "AND l.conversation_id = c.conversation_id "
                        + "WHERE l.partner_id = :t AND l.booking_id = :booking ORDER BY c.conversation_id")
                .bind("t", tenant.value()).bind("booking", bookingId)
                .map((rs, ctx) -> conversation(handle, rs)).list();
    }

    @Override
    public boolean addMessage(UnitOfWork uow, InboxMessage message) {
        Handle handle = handle(uow);
        boolean exists = handle.createQuery("SELECT COUNT(*) FROM inbox_message WHERE partner_id = :t "
                        + "AND message_id = :id")
                .bind("t", message.tenant().value()).bind("id", message.messageId())
                .mapTo(Long.class).one() > 0;
        if (exists) {
            return false;
        }
        // A provider posting the same message twice at once fails on the primary key: a retryable conflict,
        // after which the retry finds the message and answers false.
        handle.createUpdate("INSERT INTO inbox_message (partner_id, message_id, conversation_id, direction, subject, "
                        + "body, sent_at) VALUES (:t, :id, :conversation, :direction, :subject, :body, :at)")
                .bind("t", message.tenant().value()).bind("id", message.messageId())
                .bind("conversation", message.conversationId()).bind("direction", message.direction().name())
                .bind("subject", message.subject()).bind("body", message.text())
                .bind("at", SqlTimes.text(message.at()))
                .execute();
        return true;
    }

    @Override
    public List<InboxMessage> messages(UnitOfWork uow, TenantId tenant, String conversationId) {
        return handle(uow).createQuery("SELECT partner_id, message_id, conversation_id, direction, subject, body, sent_at "
                        + "FROM inbox_message WHERE partner_id = :t AND conversation_id = :id ORDER BY seq")
                .bind("t", tenant.value()).bind("id", conversationId)
                .map((rs, ctx) -> new InboxMessage(TenantId.of(rs.getString("partner_id")),
                        rs.getString("conversation_id"), rs.getString("message_id"),
                        InboxMessage.Direction.valueOf(rs.getString("direction")), rs.getString("subject"),
                        rs.getString("body"), SqlTimes.instant(rs, "sent_at").orElseThrow()))
                .list();
    }

    private static Conversation conversation(Handle handle, ResultSet rs) throws SQLException {
        String tenant = rs.getString("partner_id");
        String id = rs.getString("conversation_id");
        Set<String> bookings = new HashSet<>(handle.createQuery("SELECT booking_id FROM inbox_booking_link "
                        + "WHERE partner_id = :t AND conversation_id = :id")
                .bind("t", tenant).bind("id", id).mapTo(String.class).list());
        return new Conversation(TenantId.of(tenant), id, rs.getString("channel"), rs.getString("address"),
                Conversation.Status.valueOf(rs.getString("status")), Optional.ofNullable(rs.getString("assignee")),
                bookings, SqlTimes.instant(rs, "last_inbound_at"), SqlTimes.instant(rs, "updated_at").orElseThrow());
    }
}
