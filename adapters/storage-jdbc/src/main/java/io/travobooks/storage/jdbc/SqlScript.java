package io.travobooks.storage.jdbc;

import com.mysql.cj.jdbc.JdbcConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Several statements sent to MySQL/MariaDB in one round trip ({@code allowMultiQueries}). A posting batch writes
 * five tables; under load each round trip costs far more than the statement itself, so the whole write goes at
 * once. Every value is a bound parameter: nothing from a caller is ever pasted into the text.
 */
final class SqlScript {
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    void add(String statement, List<Object> values) {
        sql.append(sql.isEmpty() ? "" : ";\n").append(statement);
        parameters.addAll(values);
    }

    boolean isEmpty() {
        return sql.isEmpty();
    }

    /** Runs every statement; a failure in any of them surfaces here (and the caller's transaction rolls back). */
    void execute(Connection connection) throws SQLException {
        if (sql.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = prepareOnClient(connection, sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                bind(statement, i + 1, parameters.get(i));
            }
            boolean resultSet = statement.execute();
            // Read every statement's outcome: an error in a later statement is only reported when its turn comes.
            while (resultSet || statement.getUpdateCount() != -1) {
                resultSet = statement.getMoreResults();
            }
        }
    }

    /** Reads the rows of each statement's result, in order, with the handler of the same index. */
    void query(Connection connection, List<RowHandler> handlers) throws SQLException {
        try (PreparedStatement statement = prepareOnClient(connection, sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                bind(statement, i + 1, parameters.get(i));
            }
            boolean resultSet = statement.execute();
            int index = 0;
            while (resultSet || statement.getUpdateCount() != -1) {
                if (resultSet) {
                    try (ResultSet rows = statement.getResultSet()) {
                        RowHandler handler = handlers.get(index++);
                        while (rows.next()) {
                            handler.accept(rows);
                        }
                    }
                }
                resultSet = statement.getMoreResults();
            }
        }
    }

    /** Reads one row. */
    interface RowHandler {
        void accept(ResultSet row) throws SQLException;
    }

    /** MySQL statements whose text changes with the row count are prepared on the client, not the server. */
    static PreparedStatement prepareOnClient(Connection connection, String sql) throws SQLException {
        if (connection.isWrapperFor(JdbcConnection.class)) {
            return connection.unwrap(JdbcConnection.class).clientPrepareStatement(sql);
        }
        return connection.prepareStatement(sql);
    }

    static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
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
