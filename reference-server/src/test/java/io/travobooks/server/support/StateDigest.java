package io.travobooks.server.support;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every row of every table, as text: two digests are equal when nothing was written between them. Used by the
 * tests that send refused requests ("nothing is half-written"). The audit log and a key's time of last use are
 * left out: a refused request is audited and its key's use recorded on purpose (their own tests check them).
 */
public final class StateDigest {
    /** The audit chain is extended in the background from the journal, which the digest holds. */
    private static final String BACKGROUND_TABLES = "ledger_chain_";
    private static final String AUDIT_TABLES = "audit_";
    /** Recorded off the request's path when a key is used, refused or not. */
    private static final String KEY_USE = "last_used_at";

    private StateDigest() {
    }

    public static Map<String, List<String>> of(DataSource dataSource) {
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = connection.getMetaData().getTables(null, null, "%", new String[]{"TABLE"})) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    String table = rs.getString("TABLE_NAME");
                    if ((schema == null || !schema.equalsIgnoreCase("information_schema"))
                            && !table.toLowerCase(Locale.ROOT).startsWith(BACKGROUND_TABLES)
                            && !table.toLowerCase(Locale.ROOT).startsWith(AUDIT_TABLES)) {
                        names.add(table);
                    }
                }
            }
            for (String name : names) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("SELECT * FROM " + name)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int c = 1; c <= columns; c++) {
                            if (!rs.getMetaData().getColumnLabel(c).equalsIgnoreCase(KEY_USE)) {
                                row.append(rs.getString(c)).append('|');
                            }
                        }
                        rows.add(row.toString());
                    }
                }
                Collections.sort(rows);
                tables.put(name, rows);
            }
            connection.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database", e);
        }
        return tables;
    }
}
