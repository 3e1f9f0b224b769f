package io.travobooks.storage.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.ledger.AccountTotal;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * What the ledger's role stores share: positional binding, the bridges to the JDBC helpers ({@link MultiRowInsert},
 * {@link SqlScript}) that write several rows or statements per round trip, and the metadata JSON and total rows.
 */
final class LedgerSql {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private LedgerSql() {
    }

    /** Binds the values to the statement's {@code ?} parameters, in order. */
    static <S extends SqlStatement<S>> S bindPositional(S statement, List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            statement.bind(i, values.get(i));
        }
        return statement;
    }

    /** Sends the rows padded to a power-of-two count with {@code neutral} rows, if there are any. */
    static void executePadded(Handle handle, MultiRowInsert upsert, UnaryOperator<Object[]> neutral) {
        if (upsert.isEmpty()) {
            return;
        }
        // Raw JDBC: MultiRowInsert renders and binds the padded rows itself (NULL as Types.NULL, not Jdbi's OTHER).
        try {
            upsert.executePadded(handle.getConnection(), neutral);
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /** Runs every statement of the script. */
    static void execute(Handle handle, SqlScript script) {
        // Raw JDBC: several statements in one round trip (allowMultiQueries), which Jdbi cannot send.
        try {
            script.execute(handle.getConnection());
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /** Runs every statement of the script, reading each result with the handler of the same index. */
    static void query(Handle handle, SqlScript script, List<SqlScript.RowHandler> handlers) {
        // Raw JDBC: several statements and their results in one round trip, which Jdbi cannot read.
        try {
            script.query(handle.getConnection(), handlers);
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    static AccountTotal accountTotal(ResultSet rs) throws SQLException {
        return new AccountTotal(AccountId.of(rs.getString("account_code")),
                Currency.getInstance(rs.getString("currency")), rs.getLong("debit"), rs.getLong("credit"));
    }

    /** An entry's metadata as a JSON object with its keys in order. */
    static String json(Map<String, String> metadata) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(metadata));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string map always serialises", e);
        }
    }

    static Map<String, String> parseJson(String json) {
        try {
            return new LinkedHashMap<>(JSON.readValue(json, STRING_MAP));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable metadata in the journal: " + json, e);
        }
    }
}
