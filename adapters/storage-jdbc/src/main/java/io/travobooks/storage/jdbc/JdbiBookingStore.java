package io.travobooks.storage.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.travobooks.spi.Money;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.booking.BookingRef;
import io.travobooks.spi.booking.BookingStore;
import io.travobooks.spi.booking.StoredBooking;
import io.travobooks.spi.booking.SupplierRequest;
import io.travobooks.spi.travel.CouponStatus;
import io.travobooks.spi.travel.Document;
import io.travobooks.spi.travel.DocumentType;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Bookings on MySQL/MariaDB and H2 through Jdbi (tables from {@code V3__booking.sql}). A booking's data map is one
 * JSON column; coupon statuses are stored as a comma-separated list in coupon order.
 */
public final class JdbiBookingStore extends JdbiStore implements BookingStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> DATA = new TypeReference<>() {
    };
    private static final String BOOKING_COLUMNS =
            "partner_id, booking_id, version, state, pnr, deadline, data, travellers";


    JdbiBookingStore(TransactionRunner transactions) {
        super(transactions);
    }

    // ---------------------------------------------------------------- bookings

    @Override
    public boolean insert(UnitOfWork uow, StoredBooking booking) {
        if (find(uow, booking.tenant(), booking.id()).isPresent()) {
            return false;
        }
        // A concurrent insert of the same id fails on the primary key: a retryable conflict, after which the
        // retry finds the booking and answers false.
        Handle handle = handle(uow);
        handle.createUpdate("INSERT INTO booking (" + BOOKING_COLUMNS + ", fence, created_at) "
                        + "VALUES (:t, :id, :v, :state, :pnr, :deadline, :data, :travellers, 0, :created)")
                .bind("t", booking.tenant().value()).bind("id", booking.id()).bind("v", booking.version())
                .bind("state", booking.state()).bind("pnr", booking.pnr().orElse(null))
                .bind("deadline", booking.deadline().map(JdbiBookingStore::text).orElse(null))
                .bind("data", json(booking.data()))
                .bind("travellers", booking.travellers().isEmpty() ? null : String.join("|", booking.travellers()))
                .bind("created", text(Instant.now()))
                .execute();
        if (!booking.travellers().isEmpty()) {
            PreparedBatch batch = handle.prepareBatch("INSERT INTO booking_traveller (partner_id, booking_id, "
                    + "position, surname, given_name) VALUES (:t, :id, :position, :surname, :given)");
            for (int i = 0; i < booking.travellers().size(); i++) {
                String[] name = booking.travellers().get(i).split("/", 2);
                batch.bind("t", booking.tenant().value()).bind("id", booking.id()).bind("position", i)
                        .bind("surname", name[0]).bind("given", name[1]).add();
            }
            batch.execute();
        }
        return true;
    }

    @Override
    public Optional<StoredBooking> find(UnitOfWork uow, TenantId tenant, String id) {
        return select(uow, tenant, id, "");
    }

    @Override
    public Optional<StoredBooking> lock(UnitOfWork uow, TenantId tenant, String id) {
        return select(uow, tenant, id, " FOR UPDATE");
    }

    private static Optional<StoredBooking> select(UnitOfWork uow, TenantId tenant, String id, String suffix) {
        return handle(uow).createQuery("SELECT " + BOOKING_COLUMNS + " FROM booking "
                        + "WHERE partner_id = :t AND booking_id = :id" + suffix)
                .bind("t", tenant.value()).bind("id", id)
                .map((rs, ctx) -> booking(rs))
                .findOne();
    }

    private static StoredBooking booking(ResultSet rs) throws SQLException {
        LocalDateTime deadline = rs.getObject("deadline", LocalDateTime.class);
        return new StoredBooking(TenantId.of(rs.getString("partner_id")), rs.getString("booking_id"),
                rs.getLong("version"), rs.getString("state"), Optional.ofNullable(rs.getString("pnr")),
                Optional.ofNullable(deadline).map(time -> time.toInstant(ZoneOffset.UTC)),
                data(rs.getString("data")), travellers(rs.getString("travellers")));
    }

    /** The travellers as this store wrote them; anything else (a row another writer made) is left out. */
    private static List<String> travellers(String column) {
        return column == null || column.isEmpty() ? List.of()
                : Arrays.stream(column.split("\\|")).filter(StoredBooking::isTraveller).toList();
    }

    @Override
    public List<Found> search(UnitOfWork uow, TenantId tenant, BookingSearch search, Optional<Position> after,
                              int max) {
        StringBuilder sql = new StringBuilder("SELECT " + prefixed() + ", b.created_at FROM booking b");
        search.documentNumber().ifPresent(n -> sql.append(" JOIN booking_document d ON d.partner_id = b.partner_id"
                + " AND d.booking_id = b.booking_id AND d.document_number = :document"));
        sql.append(" WHERE b.partner_id = :t");
        if (!search.states().isEmpty()) {
            sql.append(" AND b.state IN (<states>)");
        }
        search.pnr().ifPresent(p -> sql.append(" AND b.pnr = :pnr"));
        search.surname().ifPresent(n -> sql.append(" AND EXISTS (SELECT 1 FROM booking_traveller p"
                + " WHERE p.partner_id = b.partner_id AND p.booking_id = b.booking_id AND p.surname = :surname"
                + (search.givenNamePrefix().isPresent() ? " AND p.given_name LIKE :given ESCAPE '!'" : "") + ")"));
        search.createdFrom().ifPresent(f -> sql.append(" AND b.created_at >= :from"));
        search.createdTo().ifPresent(t -> sql.append(" AND b.created_at < :to"));
        after.ifPresent(a -> sql.append(" AND (b.created_at < :afterAt OR (b.created_at = :afterAt"
                + " AND b.booking_id < :afterId))"));
        sql.append(" ORDER BY b.created_at DESC, b.booking_id DESC LIMIT :max");
        Query query = handle(uow).createQuery(sql.toString())
                .bind("t", tenant.value()).bind("max", max)
                .bind("document", search.documentNumber().orElse(null))
                .bind("pnr", search.pnr().map(p -> p.strip().toUpperCase(Locale.ROOT)).orElse(null))
                .bind("surname", search.surname().map(n -> n.strip().toUpperCase(Locale.ROOT)).orElse(null))
                .bind("given", search.givenNamePrefix().map(n -> like(n.strip().toUpperCase(Locale.ROOT)) + "%")
                        .orElse(null))
                .bind("from", search.createdFrom().map(JdbiBookingStore::text).orElse(null))
                .bind("to", search.createdTo().map(JdbiBookingStore::text).orElse(null))
                .bind("afterAt", after.map(a -> text(a.createdAt())).orElse(null))
                .bind("afterId", after.map(Position::bookingId).orElse(null));
        if (!search.states().isEmpty()) {
            query.bindList("states", List.copyOf(search.states()));
        }
        return query.map((rs, ctx) -> new Found(booking(rs),
                rs.getObject("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC))).list();
    }

    private static String prefixed() {
        return Arrays.stream(BOOKING_COLUMNS.split(", ")).map(column -> "b." + column)
                .collect(Collectors.joining(", "));
    }

    /** A LIKE pattern's literal part: its wildcards and the escape character itself escaped. */
    private static String like(String literal) {
        return literal.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    @Override
    public boolean update(UnitOfWork uow, StoredBooking next, long fencingToken) {
        return handle(uow).createUpdate("UPDATE booking SET version = :v, fence = :fence, state = :state, pnr = :pnr, "
                        + "deadline = :deadline, data = :data "
                        + "WHERE partner_id = :t AND booking_id = :id AND version = :previous AND fence <= :fence")
                .bind("v", next.version()).bind("previous", next.version() - 1).bind("fence", fencingToken)
                .bind("state", next.state()).bind("pnr", next.pnr().orElse(null))
                .bind("deadline", next.deadline().map(JdbiBookingStore::text).orElse(null))
                .bind("data", json(next.data()))
                .bind("t", next.tenant().value()).bind("id", next.id())
                .execute() == 1;
    }

    @Override
    public List<BookingRef> due(UnitOfWork uow, Set<String> states, Instant before, int max) {
        if (states.isEmpty() || max < 1) {
            return List.of();
        }
        return handle(uow).createQuery("SELECT partner_id, booking_id FROM booking "
                        + "WHERE state IN (<states>) AND deadline <= :before ORDER BY deadline LIMIT :max")
                .bindList("states", List.copyOf(states)).bind("before", text(before)).bind("max", max)
                .map((rs, ctx) -> new BookingRef(TenantId.of(rs.getString("partner_id")),
                        rs.getString("booking_id")))
                .list();
    }

    // ---------------------------------------------------------------- documents

    @Override
    public void insertDocuments(UnitOfWork uow, TenantId tenant, String bookingId, List<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle(uow).prepareBatch("INSERT INTO booking_document (partner_id, document_number, "
                + "booking_id, document_type, coupons) VALUES (:t, :number, :booking, :type, :coupons)");
        for (Document document : documents) {
            batch.bind("t", tenant.value()).bind("number", document.number()).bind("booking", bookingId)
                    .bind("type", document.type().name()).bind("coupons", coupons(document))
                    .add();
        }
        batch.execute();
    }

    @Override
    public void updateDocuments(UnitOfWork uow, TenantId tenant, String bookingId, List<Document> documents) {
        for (Document document : documents) {
            int updated = handle(uow).createUpdate("UPDATE booking_document SET coupons = :coupons "
                            + "WHERE partner_id = :t AND document_number = :number AND booking_id = :booking")
                    .bind("coupons", coupons(document)).bind("t", tenant.value())
                    .bind("number", document.number()).bind("booking", bookingId)
                    .execute();
            if (updated != 1) {
                throw new IllegalStateException("booking " + bookingId + " holds no document " + document.number());
            }
        }
    }

    @Override
    public Set<String> storedDocuments(UnitOfWork uow, TenantId tenant, Collection<String> numbers) {
        if (numbers.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(handle(uow).createQuery("SELECT document_number FROM booking_document "
                        + "WHERE partner_id = :t AND document_number IN (<numbers>)")
                .bind("t", tenant.value()).bindList("numbers", List.copyOf(numbers))
                .mapTo(String.class).list());
    }

    @Override
    public List<Document> documents(UnitOfWork uow, TenantId tenant, String bookingId) {
        return handle(uow).createQuery("SELECT document_number, document_type, coupons FROM booking_document "
                        + "WHERE partner_id = :t AND booking_id = :booking ORDER BY document_number")
                .bind("t", tenant.value()).bind("booking", bookingId)
                .map((rs, ctx) -> new Document(rs.getString("document_number"),
                        DocumentType.valueOf(rs.getString("document_type")),
                        Arrays.stream(rs.getString("coupons").split(",")).map(CouponStatus::valueOf).toList()))
                .list();
    }

    private static String coupons(Document document) {
        return String.join(",", document.coupons().stream().map(Enum::name).toList());
    }

    // ---------------------------------------------------------------- supplier requests

    private static final String REQUEST_COLUMNS =
            "partner_id, request_id, booking_id, call_name, idempotency_key, amount_minor, currency, status, "
                    + "created_at";

    @Override
    public boolean recordRequest(UnitOfWork uow, SupplierRequest request) {
        Handle handle = handle(uow);
        boolean taken = handle.createQuery("SELECT COUNT(*) FROM supplier_request WHERE partner_id = :t "
                        + "AND (request_id = :id OR idempotency_key = :key)")
                .bind("t", request.tenant().value()).bind("id", request.requestId())
                .bind("key", request.idempotencyKey().orElse(null))
                .mapTo(Long.class).one() > 0;
        if (taken) {
            return false;
        }
        handle.createUpdate("INSERT INTO supplier_request (" + REQUEST_COLUMNS + ") "
                        + "VALUES (:t, :id, :booking, :call, :key, :amount, :currency, :status, :created)")
                .bind("t", request.tenant().value()).bind("id", request.requestId())
                .bind("booking", request.bookingId()).bind("call", request.call())
                .bind("key", request.idempotencyKey().orElse(null))
                .bind("amount", request.amount().map(Money::minor).orElse(null))
                .bind("currency", request.amount().map(money -> money.currency().getCurrencyCode()).orElse(null))
                .bind("status", request.status().name())
                .bind("created", text(request.createdAt()))
                .execute();
        return true;
    }

    @Override
    public void settleRequest(UnitOfWork uow, TenantId tenant, String requestId, SupplierRequest.Status status) {
        int updated = handle(uow).createUpdate("UPDATE supplier_request SET status = :status "
                        + "WHERE partner_id = :t AND request_id = :id")
                .bind("status", status.name()).bind("t", tenant.value()).bind("id", requestId)
                .execute();
        if (updated != 1) {
            throw new IllegalStateException("no supplier request " + requestId + " for tenant " + tenant);
        }
    }

    @Override
    public Optional<SupplierRequest> requestByKey(UnitOfWork uow, TenantId tenant, String idempotencyKey) {
        return handle(uow).createQuery("SELECT " + REQUEST_COLUMNS + " FROM supplier_request "
                        + "WHERE partner_id = :t AND idempotency_key = :key")
                .bind("t", tenant.value()).bind("key", idempotencyKey)
                .map((rs, ctx) -> request(rs))
                .findOne();
    }

    @Override
    public List<SupplierRequest> requests(UnitOfWork uow, TenantId tenant, String bookingId) {
        return handle(uow).createQuery("SELECT " + REQUEST_COLUMNS + " FROM supplier_request "
                        + "WHERE partner_id = :t AND booking_id = :booking ORDER BY created_at, request_id")
                .bind("t", tenant.value()).bind("booking", bookingId)
                .map((rs, ctx) -> request(rs))
                .list();
    }

    private static SupplierRequest request(ResultSet rs) throws SQLException {
        return new SupplierRequest(TenantId.of(rs.getString("partner_id")), rs.getString("request_id"),
                rs.getString("booking_id"), rs.getString("call_name"),
                Optional.ofNullable(rs.getString("idempotency_key")),
                amount(rs),
                SupplierRequest.Status.valueOf(rs.getString("status")),
                rs.getObject("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC));
    }

    private static Optional<Money> amount(ResultSet rs) throws SQLException {
        String currency = rs.getString("currency");
        return currency == null ? Optional.empty() : Optional.of(Money.ofMinor(rs.getLong("amount_minor"), currency));
    }

    // ---------------------------------------------------------------- encoding

    private static String json(Map<String, String> data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always writes as JSON", e);
        }
    }

    private static Map<String, String> data(String json) {
        try {
            return JSON.readValue(json, DATA);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("booking data is not the JSON this store wrote: " + e.getMessage(), e);
        }
    }

    private static String text(Instant instant) {
        return SqlTimes.text(instant);
    }
}
