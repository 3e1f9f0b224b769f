package io.travobooks.storage.jdbc;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code INSERT ... VALUES (...), (...), ...} for many rows in one statement. The journal's hot path writes hundreds
 * of rows per transaction; a handful of statements per transaction is what makes group commit pay. MySQL, MariaDB
 * and H2 all take multi-row VALUES.
 *
 * <p>Three ways to send them: as statements of their own, prepared on the client (their text depends on the row
 * count); padded with rows that change nothing up to a power of two, so that a few texts stay prepared on the server
 * (upserts that add deltas); or as part of a {@link SqlScript}. Public for the stores of other modules that write
 * many rows at once (the server's audit log).
 */
public final class MultiRowInsert {
    private static final int MAX_ROWS_PER_STATEMENT = 256;

    private final String head;
    private final int columns;
    private final String tail;
    private final List<Object[]> rows = new ArrayList<>();

    /**
     * @param head {@code INSERT INTO table (a, b, c) VALUES}
     * @param tail what follows the values, such as an {@code ON DUPLICATE KEY UPDATE} clause, or empty
     */
    public MultiRowInsert(String head, int columns, String tail) {
        this.head = head;
        this.columns = columns;
        this.tail = tail;
    }

    /** A row: strings, numbers, booleans, dates or nulls, one per column. */
    public void add(Object... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " values, got " + values.length);
        }
        rows.add(values);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * Sends every row once, if there are any, on the handle's connection. Raw JDBC: the text varies with the row count,
     * so it is prepared on the client, which Jdbi cannot ask for.
     */
    public void execute(Handle handle) {
        if (rows.isEmpty()) {
            return;
        }
        try {
            execute(handle.getConnection());
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /** Sends every row once, in statements of up to 256 rows. */
    void execute(Connection connection) throws SQLException {
        for (int from = 0; from < rows.size(); from += MAX_ROWS_PER_STATEMENT) {
            List<Object> values = new ArrayList<>();
            String sql = render(rows.subList(from, Math.min(rows.size(), from + MAX_ROWS_PER_STATEMENT)), values);
            try (PreparedStatement statement = SqlScript.prepareOnClient(connection, sql)) {
                for (int i = 0; i < values.size(); i++) {
                    SqlScript.bind(statement, i + 1, values.get(i));
                }
                statement.executeUpdate();
            }
        }
    }

    /** Adds every row to the script, in statements of up to 256 rows. */
    void appendTo(SqlScript script) {
        for (int from = 0; from < rows.size(); from += MAX_ROWS_PER_STATEMENT) {
            List<Object> values = new ArrayList<>();
            String sql = render(rows.subList(from, Math.min(rows.size(), from + MAX_ROWS_PER_STATEMENT)), values);
            script.add(sql, values);
        }
    }

    /**
     * Sends the rows padded to a power-of-two count with {@code neutral(lastRow)}: a row with the same key that
     * changes nothing (an upsert adding zero), so the statement text, prepared on the server, is reused.
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
            boolean[] allBound = new boolean[columns];
            Arrays.fill(allBound, true);
            try (PreparedStatement statement = connection.prepareStatement(sql(chunk.size(), allBound))) {
                int index = 1;
                for (Object[] row : chunk) {
                    for (Object value : row) {
                        SqlScript.bind(statement, index++, value);
                    }
                }
                statement.executeUpdate();
            }
        }
    }

    /**
     * The statement for these rows, collecting its parameters. A column that is null in every row is written as a
     * {@code NULL} literal rather than bound: most optional columns (dimensions, FX) are empty, and every bound
     * parameter costs the driver work.
     */
    private String render(List<Object[]> chunk, List<Object> values) {
        boolean[] bound = new boolean[columns];
        for (Object[] row : chunk) {
            for (int column = 0; column < columns; column++) {
                bound[column] |= row[column] != null;
            }
        }
        for (Object[] row : chunk) {
            for (int column = 0; column < columns; column++) {
                if (bound[column]) {
                    values.add(row[column]);
                }
            }
        }
        return sql(chunk.size(), bound);
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
}
