package io.travobooks.bench;

import io.travobooks.spi.lock.Lease;
import io.travobooks.spi.lock.LockManager;
import org.HdrHistogram.Histogram;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What MariaDB and Redis allow for an issuance with no booking logic: per booking, the lock's Redis calls (acquire
 * and release through the same lock manager), then two commits with the saga's row work written as plain JDBC on
 * the same tables: (1) lock the booking row, check the idempotency key, insert the pending supplier request,
 * update the booking; (2) lock the booking row, insert the ticket, take the tenant's ledger row, insert the entry
 * and its five lines, upsert five balances and daily totals, settle the request, update the booking, append the
 * outbox message under the queue's head row. Bookings spread over as many tenants as the booking benchmark's.
 */
final class RawIssuanceCeiling {
    private static final int TENANTS = Integer.getInteger("bench.tenants", 16);
    private static final String[] ACCOUNTS = {"1100", "2100", "4100", "4300", "2300"};
    private static final long[][] AMOUNTS = {{5_515_000, 0}, {0, 5_120_000}, {0, 280_000}, {0, 100_000}, {0, 15_000}};
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);

    private final DataSource dataSource;
    private final LockManager locks;
    private final AtomicLong serial = new AtomicLong(1_000_000_000L);
    private boolean tenantsCreated;

    RawIssuanceCeiling(DataSource dataSource, LockManager locks) {
        this.dataSource = dataSource;
        this.locks = locks;
    }

    /** Issues {@code warmup} then {@code count} raw bookings with {@code callers} callers; the second run's rate. */
    double issuancesPerSecond(int callers, int warmup, int count) throws InterruptedException {
        createTenants();
        run("cw", warmup);
        long start = System.nanoTime();
        run("cm", count);
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Issues {@code warmup} then {@code count} raw bookings offered at {@code perSecond} (see {@link OpenLoop}); the
     * second run's latencies in microseconds.
     */
    Histogram latencyAt(double perSecond, int warmup, int count) throws InterruptedException {
        createTenants();
        insertBookings("lw", warmup);
        insertBookings("lm", count);
        OpenLoop.run(perSecond, warmup, i -> issue(tenant(i), "lw" + i));
        return OpenLoop.run(perSecond, count, i -> issue(tenant(i), "lm" + i));
    }

    private void run(String prefix, int count) throws InterruptedException {
        insertBookings(prefix, count);
        BookingBenchmarks.parallel(i -> issue(tenant(i), prefix + i), BookingBenchmarks.indexes(count));
    }

    private static String tenant(int i) {
        return "ceiling-t" + (i % TENANTS);
    }

    private void issue(String tenant, String bookingId) {
        Lease lease = locks.tryAcquire("booking:" + tenant + ":" + bookingId, Duration.ofSeconds(30))
                .orElseThrow(() -> new IllegalStateException("an uncontended lock was refused"));
        try (Connection connection = dataSource.getConnection()) {
            String requestId = "rq-" + bookingId;
            LocalDateTime now = LocalDateTime.now();
            // 1: the pending request
            lockBooking(connection, tenant, bookingId);
            try (PreparedStatement check = connection.prepareStatement("SELECT COUNT(*) FROM supplier_request "
                    + "WHERE partner_id = ? AND (request_id = ? OR idempotency_key = ?)")) {
                check.setString(1, tenant);
                check.setString(2, requestId);
                check.setString(3, "key-" + bookingId);
                try (ResultSet rows = check.executeQuery()) {
                    rows.next();
                }
            }
            update(connection, "INSERT INTO supplier_request (partner_id, request_id, booking_id, call_name, "
                    + "idempotency_key, status, created_at) VALUES (?, ?, ?, 'ISSUE', ?, 'PENDING', ?)",
                    tenant, requestId, bookingId, "key-" + bookingId, now);
            updateBooking(connection, tenant, bookingId, "ISSUING", lease.fencingToken());
            connection.commit();
            // 2: tickets, entry, status and event
            lockBooking(connection, tenant, bookingId);
            String ticket = String.format("176%010d", serial.incrementAndGet());
            update(connection, "INSERT INTO booking_document (partner_id, document_number, booking_id, "
                    + "document_type, coupons) VALUES (?, ?, ?, 'TICKET', 'OPEN')", tenant, ticket, bookingId);
            long seq;
            try (PreparedStatement ledgerRow = connection.prepareStatement("SELECT next_seq FROM ledger_tenant "
                    + "WHERE partner_id = ? FOR UPDATE")) {
                ledgerRow.setString(1, tenant);
                try (ResultSet rows = ledgerRow.executeQuery()) {
                    rows.next();
                    seq = rows.getLong(1);
                }
            }
            update(connection, "UPDATE ledger_tenant SET next_seq = ? WHERE partner_id = ?", seq + 1, tenant);
            update(connection, "INSERT INTO ledger_entry (partner_id, seq, entry_id, kind, effective_date, posted_at, "
                    + "description, external_ref, source_document, metadata, reference_id, expires_at, actor, "
                    + "content_hash) VALUES (?, ?, ?, 'STANDARD', ?, ?, 'Issue', NULL, NULL, NULL, NULL, NULL, "
                    + "'bench', ?)", tenant, seq, bookingId + ".IS", DAY, now, "0".repeat(64));
            StringBuilder lines = new StringBuilder("INSERT INTO ledger_line (partner_id, seq, line_no, "
                    + "account_code, currency, side, amount_minor, effective_date, reserved, functional_minor, "
                    + "fx_rate, airline, document_number, billing_period, tax_code, booking_id) VALUES ");
            StringBuilder balances = new StringBuilder("INSERT INTO ledger_balance (partner_id, account_code, "
                    + "currency, posted_debit, posted_credit, pending_debit, pending_credit) VALUES ");
            StringBuilder daily = new StringBuilder("INSERT INTO ledger_daily_total (partner_id, account_code, "
                    + "currency, effective_date, debit, credit) VALUES ");
            for (int line = 0; line < ACCOUNTS.length; line++) {
                String separator = line == 0 ? "" : ", ";
                long debit = AMOUNTS[line][0];
                long credit = AMOUNTS[line][1];
                lines.append(separator).append("('").append(tenant).append("', ").append(seq).append(", ")
                        .append(line).append(", '").append(ACCOUNTS[line]).append("', 'BDT', '")
                        .append(debit > 0 ? "D" : "C").append("', ").append(Math.max(debit, credit))
                        .append(", '").append(DAY).append("', FALSE, NULL, NULL, '176', '").append(ticket)
                        .append("', NULL, NULL, '").append(bookingId).append("')");
                balances.append(separator).append("('").append(tenant).append("', '").append(ACCOUNTS[line])
                        .append("', 'BDT', ").append(debit).append(", ").append(credit).append(", 0, 0)");
                daily.append(separator).append("('").append(tenant).append("', '").append(ACCOUNTS[line])
                        .append("', 'BDT', '").append(DAY).append("', ").append(debit).append(", ").append(credit)
                        .append(")");
            }
            update(connection, lines.toString());
            update(connection, balances.append(" ON DUPLICATE KEY UPDATE posted_debit = posted_debit + "
                    + "VALUES(posted_debit), posted_credit = posted_credit + VALUES(posted_credit)").toString());
            update(connection, daily.append(" ON DUPLICATE KEY UPDATE debit = debit + VALUES(debit), "
                    + "credit = credit + VALUES(credit)").toString());
            update(connection, "UPDATE supplier_request SET status = 'SUCCEEDED' WHERE partner_id = ? "
                    + "AND request_id = ?", tenant, requestId);
            updateBooking(connection, tenant, bookingId, "ISSUED", lease.fencingToken());
            update(connection, "INSERT INTO queue_head (queue_name, last_id) VALUES ('ceiling-outbox', 1) "
                    + "ON DUPLICATE KEY UPDATE last_id = last_id + 1");
            long id;
            try (PreparedStatement head = connection.prepareStatement("SELECT last_id FROM queue_head "
                    + "WHERE queue_name = 'ceiling-outbox'"); ResultSet rows = head.executeQuery()) {
                rows.next();
                id = rows.getLong(1);
            }
            update(connection, "INSERT INTO queue_message (queue_name, id, payload, appended_at) "
                    + "VALUES ('ceiling-outbox', ?, ?, ?)", id, "{\"type\":\"booking.issued\",\"bookingId\":\""
                    + bookingId + "\"}", now);
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("ceiling issuance failed", e);
        } finally {
            locks.release(lease);
        }
    }

    private static void lockBooking(Connection connection, String tenant, String bookingId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT version, data FROM booking "
                + "WHERE partner_id = ? AND booking_id = ? FOR UPDATE")) {
            lock.setString(1, tenant);
            lock.setString(2, bookingId);
            try (ResultSet rows = lock.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("no ceiling booking " + bookingId);
                }
            }
        }
    }

    private static void updateBooking(Connection connection, String tenant, String bookingId, String state,
                                      long fence) throws SQLException {
        update(connection, "UPDATE booking SET version = version + 1, fence = ?, state = ? "
                + "WHERE partner_id = ? AND booking_id = ? AND fence <= ?", fence, state, tenant, bookingId, fence);
    }

    private static void update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private void createTenants() {
        if (tenantsCreated) {
            return;
        }
        tenantsCreated = true;
        try (Connection connection = dataSource.getConnection()) {
            for (int t = 0; t < TENANTS; t++) {
                update(connection, "INSERT INTO ledger_tenant (partner_id, functional_currency, closed_through, "
                        + "next_seq, chart_version) VALUES (?, 'BDT', NULL, 1, 1)", "ceiling-t" + t);
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the ceiling's tenants", e);
        }
    }

    /** The priced bookings the ceiling issues, with a booking's usual data size. */
    private void insertBookings(String prefix, int count) {
        String data = "x".repeat(900);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO booking (partner_id, booking_id, "
                     + "version, fence, state, pnr, deadline, data) VALUES (?, ?, 1, 0, 'PRICED', 'PNR', NULL, ?)")) {
            for (int i = 0; i < count; i++) {
                insert.setString(1, tenant(i));
                insert.setString(2, prefix + i);
                insert.setString(3, data);
                insert.addBatch();
                if (i % 1_000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot insert the ceiling's bookings", e);
        }
    }
}
