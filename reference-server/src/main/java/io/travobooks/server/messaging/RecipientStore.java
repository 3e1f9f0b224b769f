package io.travobooks.server.messaging;

import io.travobooks.messaging.notify.Category;
import io.travobooks.messaging.notify.Channel;
import io.travobooks.messaging.notify.RecipientPreferences;
import io.travobooks.server.runtime.ChangedSinceRead;
import io.travobooks.server.runtime.ServerDatabase;
import io.travobooks.spi.TenantId;
import io.travobooks.storage.jdbc.SqlTimes;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Recipients and the bookings they follow, in the server's database. Every query leads with the tenant. Opt-outs
 * are kept as {@code CHANNEL:CATEGORY} pairs, sorted, separated by commas.
 */
public final class RecipientStore {
    private static final String COLUMNS = "partner_id, recipient_id, language, email, sms, whatsapp, opted_out, "
            + "transactional_channel, version, updated_at";
    private static final Map<Channel, String> ADDRESS_COLUMNS = Map.of(Channel.EMAIL, "email", Channel.SMS, "sms",
            Channel.WHATSAPP, "whatsapp");

    private final ServerDatabase database;

    public RecipientStore(ServerDatabase database) {
        this.database = database;
    }

    public Optional<Recipient> find(TenantId tenant, String id) {
        return database.inTransaction(handle -> find(handle, tenant, id, false));
    }

    /** The tenant's recipients by id, after {@code afterId} when given. */
    public List<Recipient> list(TenantId tenant, Optional<String> afterId, int limit) {
        return database.inTransaction(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM recipients "
                        + "WHERE partner_id = :tenant" + (afterId.isPresent() ? " AND recipient_id > :after" : "")
                        + " ORDER BY recipient_id LIMIT :limit")
                .bind("tenant", tenant.value())
                .bind("after", afterId.orElse(null))
                .bind("limit", limit)
                .map(RecipientStore::read)
                .list());
    }

    /**
     * Creates or replaces the recipient at the next version, if what is stored (nothing, for a new one) passes
     * {@code expected}; throws {@link ChangedSinceRead} otherwise, writing nothing.
     */
    public Recipient put(TenantId tenant, String id, String languageTag, Map<Channel, String> addresses,
                         RecipientPreferences preferences, Predicate<Optional<Recipient>> expected, Instant now) {
        return database.inTransactionRetrying(handle -> {
            Optional<Recipient> current = find(handle, tenant, id, true);
            if (!expected.test(current)) {
                throw new ChangedSinceRead();
            }
            Recipient next = new Recipient(tenant, id, languageTag, addresses, preferences,
                    current.map(Recipient::version).orElse(0L) + 1, now);
            String sql = current.isPresent()
                    ? "UPDATE recipients SET language = :language, email = :email, sms = :sms, whatsapp = :whatsapp, "
                    + "opted_out = :optedOut, transactional_channel = :transactional, version = :version, "
                    + "updated_at = :updated WHERE partner_id = :tenant AND recipient_id = :id"
                    : "INSERT INTO recipients (" + COLUMNS + ") VALUES (:tenant, :id, :language, :email, :sms, "
                    + ":whatsapp, :optedOut, :transactional, :version, :updated)";
            handle.createUpdate(sql)
                    .bind("tenant", tenant.value())
                    .bind("id", id)
                    .bind("language", languageTag)
                    .bind("email", addresses.get(Channel.EMAIL))
                    .bind("sms", addresses.get(Channel.SMS))
                    .bind("whatsapp", addresses.get(Channel.WHATSAPP))
                    .bind("optedOut", optedOut(preferences))
                    .bind("transactional", preferences.transactionalChannel().name())
                    .bind("version", next.version())
                    .bind("updated", SqlTimes.text(now))
                    .execute();
            return next;
        });
    }

    /** The ids of the recipients who follow the booking. */
    public List<String> followers(TenantId tenant, String bookingId) {
        return database.inTransaction(handle -> handle.createQuery("SELECT recipient_id FROM booking_recipients "
                        + "WHERE partner_id = :tenant AND booking_id = :booking ORDER BY recipient_id")
                .bind("tenant", tenant.value())
                .bind("booking", bookingId)
                .mapTo(String.class)
                .list());
    }

    /** The recipients who follow the booking, as stored. */
    public List<Recipient> following(TenantId tenant, String bookingId) {
        return database.inTransaction(handle -> handle.createQuery("SELECT " + prefixed("r") + " FROM recipients r "
                        + "JOIN booking_recipients b ON b.partner_id = r.partner_id "
                        + "AND b.recipient_id = r.recipient_id "
                        + "WHERE b.partner_id = :tenant AND b.booking_id = :booking ORDER BY r.recipient_id")
                .bind("tenant", tenant.value())
                .bind("booking", bookingId)
                .map(RecipientStore::read)
                .list());
    }

    /**
     * Makes {@code recipientIds} the booking's followers; answers the ids that are not the tenant's recipients
     * instead, changing nothing, when there are any.
     */
    public Set<String> follow(TenantId tenant, String bookingId, Set<String> recipientIds) {
        return database.inTransactionRetrying(handle -> {
            Set<String> unknown = new TreeSet<>();
            for (String id : recipientIds) {
                if (find(handle, tenant, id, true).isEmpty()) {
                    unknown.add(id);
                }
            }
            if (!unknown.isEmpty()) {
                return unknown;
            }
            handle.createUpdate("DELETE FROM booking_recipients WHERE partner_id = :tenant AND booking_id = :booking")
                    .bind("tenant", tenant.value()).bind("booking", bookingId).execute();
            for (String id : recipientIds) {
                handle.createUpdate("INSERT INTO booking_recipients (partner_id, booking_id, recipient_id) "
                                + "VALUES (:tenant, :booking, :id)")
                        .bind("tenant", tenant.value()).bind("booking", bookingId).bind("id", id).execute();
            }
            return Set.of();
        });
    }

    private static Optional<Recipient> find(Handle handle, TenantId tenant, String id, boolean forUpdate) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM recipients WHERE partner_id = :tenant "
                        + "AND recipient_id = :id" + (forUpdate ? " FOR UPDATE" : ""))
                .bind("tenant", tenant.value())
                .bind("id", id)
                .map(RecipientStore::read)
                .findOne();
    }

    private static String prefixed(String alias) {
        return List.of(COLUMNS.split(", ")).stream().map(column -> alias + "." + column)
                .collect(Collectors.joining(", "));
    }

    private static String optedOut(RecipientPreferences preferences) {
        List<String> pairs = new ArrayList<>();
        preferences.optedOut().forEach((channel, categories) -> categories.forEach(category ->
                pairs.add(channel.name() + ":" + category.name())));
        return pairs.stream().sorted().collect(Collectors.joining(","));
    }

    private static Recipient read(ResultSet rs, StatementContext context) throws SQLException {
        Map<Channel, String> addresses = new EnumMap<>(Channel.class);
        for (Map.Entry<Channel, String> column : ADDRESS_COLUMNS.entrySet()) {
            Optional.ofNullable(rs.getString(column.getValue())).ifPresent(a -> addresses.put(column.getKey(), a));
        }
        Map<Channel, Set<Category>> optedOut = new EnumMap<>(Channel.class);
        for (String pair : rs.getString("opted_out").split(",")) {
            if (!pair.isEmpty()) {
                String[] parts = pair.split(":");
                optedOut.computeIfAbsent(Channel.valueOf(parts[0]), c -> EnumSet.noneOf(Category.class))
                        .add(Category.valueOf(parts[1]));
            }
        }
        return new Recipient(TenantId.of(rs.getString("partner_id")), rs.getString("recipient_id"),
                rs.getString("language"), addresses,
                new RecipientPreferences(optedOut, Channel.valueOf(rs.getString("transactional_channel"))),
                rs.getLong("version"), SqlTimes.instant(rs, "updated_at").orElseThrow());
    }
}
