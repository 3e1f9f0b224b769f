package io.travobooks.storage.jdbc;

import com.mysql.cj.jdbc.JdbcConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code INSERT ... VALUES (...), (...), ...} for many rows in one statement, bound with plain JDBC. The journal's
 * hot path writes hundreds of rows per transaction; a handful of statements per transaction is what makes group
 * commit pay. MySQL, MariaDB and H2 all take multi-row VALUES.
 *
 * <p>Two ways to send them. Plain inserts go as one statement whose text depends on the row count; on MySQL it is
 * prepared on the client (a server-side statement per row count would be prepared once and used once). Upserts that
 * add deltas can be padded with rows that add nothing, up to the next power of two, so that a few statement texts
 * stay prepared on the server and are only executed.
 */
final class MultiRowInsert {
    private static final int MAX_ROWS_PER_STATEMENT = 256;

    private final String head;
    private final int columns;
    private final String tail;
    private final List<Object[]> rows = new ArrayList<>();

    /**
     * @param head {@code INSERT INTO table (a, b, c) VALUES}
     * @param tail what follows the values, such as an {@code ON DUPLICATE KEY UPDATE} clause, or empty
     */
    MultiRowInsert(String head, int columns, String tail) {
        this.head = head;
        this.columns = columns;
        this.tail = tail;
    }

    void add(Object... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " values, got " + values.length);
        }
        rows.add(values);
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * Sends every row once, in statements of up to 256 rows. A column that is null in every row of a statement is
     * written as a {@code NULL} literal rather than bound: most optional columns (dimensions, FX) are empty, and every
     * bound parameter costs the driver work.
     */
    void execute(Connection connection) throws SQLException {
        for (int from = 0; from < rows.size(); from += MAX_ROWS_PER_STATEMENT) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + MAX_ROWS_PER_STATEMENT));
            boolean[] bound = new boolean[columns];
            for (Object[] row : chunk) {
                for (int column = 0; column < columns; column++) {
                    bound[column] |= row[column] != null;
                }
            }
            try (PreparedStatement statement = prepareOnClient(connection, sql(chunk.size(), bound))) {
                int index = 1;
                for (Object[] row : chunk) {
                    for (int column = 0; column < columns; column++) {
                        if (bound[column]) {
                            bind(statement, index++, row[column]);
                        }
                    }
                }
                statement.executeUpdate();
            }
        }
    }

    /**
     * Sends the rows padded to a power-of-two count with {@code neutral(lastRow)}: a row with the same key that
     * changes nothing (an upsert adding zero).
     */
    void executePadded(Connection connection, UnaryOperator<Object[]> neutral) throws SQLException {
        for (int from = 0; from < rows.size(); from += MAX_ROWS_PER_STATEMENT) {
            List<Object[]> chunk = new ArrayList<>(rows.subList(from, Math.min(rows.size(),
                    from + MAX_ROWS_PER_STATEMENT)));
            int padded = Math.max(1, Integer.highestOneBit(chunk.size() - 1) << 1);
            Object[] filler = neutral.apply(chunk.getLast());
            while (chunk.size() < padded) {
                chunk.add(filler);
            }
            boolean[] bound = new boolean[columns];
            java.util.Arrays.fill(bound, true);
            try (PreparedStatement statement = connection.prepareStatement(sql(chunk.size(), bound))) {
                bindAll(statement, chunk);
                statement.executeUpdate();
            }
        }
    }

    private static PreparedStatement prepareOnClient(Connection connection, String sql) throws SQLException {
        if (connection.isWrapperFor(JdbcConnection.class)) {
            return connection.unwrap(JdbcConnection.class).clientPrepareStatement(sql);
        }
        return connection.prepareStatement(sql);
    }

    private void bindAll(PreparedStatement statement, List<Object[]> chunk) throws SQLException {
        int index = 1;
        for (Object[] row : chunk) {
            for (Object value : row) {
                bind(statement, index++, value);
            }
        }
    }

    private String sql(int rowCount, boolean[] bound) {
        StringBuilder tupleText = new StringBuilder("(");
        for (int column = 0; column < columns; column++) {
            tupleText.append(column == 0 ? "" : ", ").append(bound[column] ? "?" : "NULL");
        }
        String tuple = tupleText.append(')').toString();
        StringBuilder sql = new StringBuilder(head.length() + rowCount * (tuple.length() + 2) + tail.length() + 2);
        sql.append(head).append(' ');
        for (int i = 0; i < rowCount; i++) {
            sql.append(i == 0 ? "" : ", ").append(tuple);
        }
        return sql.append(tail.isEmpty() ? "" : " ").append(tail).toString();
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        switch (value) {
            case null -> statement.setNull(index, Types.NULL);
            case String text -> statement.setString(index, text);
            case Long number -> statement.setLong(index, number);
            case Integer number -> statement.setInt(index, number);
            case Boolean flag -> statement.setBoolean(index, flag);
            case LocalDate date -> statement.setObject(index, date);
            case LocalDateTime time -> statement.setString(index, SqlTimes.text(time));
            default -> throw new IllegalArgumentException("unsupported column value " + value.getClass());
        }
    }
}
