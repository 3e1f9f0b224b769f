package io.travobooks.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code INSERT ... VALUES (...), (...), ...} statement per chunk of rows, bound with plain JDBC. The journal's
 * hot path writes hundreds of rows per transaction; doing it as a handful of statements, without per-row driver
 * work, is what makes group commit pay (MySQL, MariaDB and H2 all take multi-row VALUES).
 */
final class MultiRowInsert {
    /** Statements cover power-of-two row counts up to this, so each connection prepares a handful of them once. */
    private static final int MAX_ROWS_PER_STATEMENT = 256;

    private final String head;
    private final int columns;
    private final String tail;
    private final List<Object[]> rows = new ArrayList<>();

    /**
     * @param head    {@code INSERT INTO table (a, b, c) VALUES}
     * @param tail    what follows the values, such as an {@code ON DUPLICATE KEY UPDATE} clause, or empty
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
     * Sends the rows in chunks of power-of-two sizes (100 rows: 64 + 32 + 4). The driver caches one prepared
     * statement per distinct text, so a few sizes stay prepared instead of one new statement per batch size.
     */
    void execute(Connection connection) throws SQLException {
        int from = 0;
        while (from < rows.size()) {
            int size = Math.min(MAX_ROWS_PER_STATEMENT, Integer.highestOneBit(rows.size() - from));
            List<Object[]> chunk = rows.subList(from, from + size);
            from += size;
            try (PreparedStatement statement = connection.prepareStatement(sql(chunk.size()))) {
                int index = 1;
                for (Object[] row : chunk) {
                    for (Object value : row) {
                        bind(statement, index++, value);
                    }
                }
                statement.executeUpdate();
            }
        }
    }

    private String sql(int rowCount) {
        String tuple = "(" + "?, ".repeat(columns - 1) + "?)";
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
            case LocalDateTime time -> statement.setObject(index, time);
            default -> throw new IllegalArgumentException("unsupported column value " + value.getClass());
        }
    }
}
