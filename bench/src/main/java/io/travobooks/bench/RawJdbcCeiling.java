package io.travobooks.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * What the database can do for the ledger's rows with no ledger logic at all: per transaction a multi-row insert of
 * entries, one of lines, one multi-row balance upsert with each account's summed delta, one daily-total upsert,
 * then commit. The same tables, row shapes, accounts and hot-account share as the ledger benchmark.
 */
final class RawJdbcCeiling {
    private static final LocalDate DAY = Workload.DAY;
    private final String url;
    private final String user;
    private final String password;

    RawJdbcCeiling(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Runs {@code threads} writers, each committing transactions of {@code perTransaction} entries. */
    double entriesPerSecond(int threads, int perTransaction, long warmupMillis, long measureMillis)
            throws InterruptedException {
        ClosedLoop loop = new ClosedLoop(warmupMillis, measureMillis);
        return loop.run(threads, writer -> () -> write(writer, perTransaction, loop));
    }

    private void write(int writer, int perTransaction, ClosedLoop loop) {
        SplittableRandom random = new SplittableRandom(writer);
        long seq = 0;
        String hash = "0".repeat(64);
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            while (loop.running()) {
                List<Object[]> entries = new ArrayList<>();
                List<Object[]> lines = new ArrayList<>();
                TreeMap<String, long[]> sums = new TreeMap<>();
                LocalDateTime now = LocalDateTime.now();
                for (int i = 0; i < perTransaction; i++) {
                    seq++;
                    boolean hot = random.nextDouble() < Workload.HOT_SHARE;
                    String tenant = "ceiling-w" + writer + "-t" + (hot ? 0 : random.nextInt(Workload.TENANTS));
                    String debit = Workload.account(hot ? 0 : random.nextInt(1, Workload.ACCOUNTS_PER_TENANT));
                    String credit = Workload.account(random.nextInt(1, Workload.ACCOUNTS_PER_TENANT));
                    long amount = random.nextLong(1, 10_000_000);
                    String id = "c" + writer + "-" + seq;
                    entries.add(new Object[]{tenant, id, seq, DAY, now, hash});
                    lines.add(new Object[]{tenant, seq, 0, debit, "D", amount, DAY});
                    lines.add(new Object[]{tenant, seq, 1, credit, "C", amount, DAY});
                    sums.computeIfAbsent(tenant + "|" + debit, k -> new long[2])[0] += amount;
                    sums.computeIfAbsent(tenant + "|" + credit, k -> new long[2])[1] += amount;
                }
                List<Object[]> balances = new ArrayList<>();
                List<Object[]> daily = new ArrayList<>();
                sums.forEach((key, sum) -> {
                    String[] parts = key.split("\\|");
                    balances.add(new Object[]{parts[0], parts[1], sum[0], sum[1]});
                    daily.add(new Object[]{parts[0], parts[1], DAY, sum[0], sum[1]});
                });
                insert(connection, "INSERT INTO ledger_entry (partner_id, entry_id, seq, kind, effective_date, "
                        + "posted_at, description, external_ref, source_document, metadata, reference_id, expires_at, "
                        + "actor, content_hash) VALUES", "(?, ?, ?, 'STANDARD', ?, ?, 'bench', NULL, NULL, NULL, NULL, "
                        + "NULL, 'bench', ?)", entries, "");
                insert(connection, "INSERT INTO ledger_line (partner_id, seq, line_no, account_code, currency, side, "
                        + "amount_minor, effective_date, reserved, functional_minor, fx_rate, airline, document_number, "
                        + "billing_period, tax_code, booking_id) VALUES",
                        "(?, ?, ?, ?, 'BDT', ?, ?, ?, FALSE, NULL, NULL, NULL, NULL, NULL, NULL, NULL)", lines, "");
                insert(connection, "INSERT INTO ledger_balance (partner_id, account_code, currency, posted_debit, "
                        + "posted_credit, pending_debit, pending_credit) VALUES", "(?, ?, 'BDT', ?, ?, 0, 0)", balances,
                        "ON DUPLICATE KEY UPDATE posted_debit = posted_debit + VALUES(posted_debit), "
                                + "posted_credit = posted_credit + VALUES(posted_credit)");
                insert(connection, "INSERT INTO ledger_daily_total (partner_id, account_code, currency, "
                        + "effective_date, debit, credit) VALUES", "(?, ?, 'BDT', ?, ?, ?)", daily,
                        "ON DUPLICATE KEY UPDATE debit = debit + VALUES(debit), credit = credit + VALUES(credit)");
                connection.commit();
                loop.finished(perTransaction);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("ceiling writer failed", e);
        }
    }

    /** One multi-row INSERT statement for all rows. */
    private static void insert(Connection connection, String head, String tuple, List<Object[]> rows, String tail)
            throws SQLException {
        StringBuilder sql = new StringBuilder(head);
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? " " : ", ").append(tuple);
        }
        sql.append(' ').append(tail);
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int index = 1;
            for (Object[] row : rows) {
                for (Object value : row) {
                    statement.setObject(index++, value);
                }
            }
            statement.executeUpdate();
        }
    }
}
