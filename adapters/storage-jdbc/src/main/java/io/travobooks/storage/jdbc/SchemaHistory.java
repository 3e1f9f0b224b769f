package io.travobooks.storage.jdbc;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads a Flyway schema history table directly, to tell whether a schema already has every migration a build
 * brings. Loading Flyway costs about 400 ms of a start; when nothing is left to migrate, a start skips it (and with
 * it the re-check of applied migrations' checksums, which matters while migrations are being written, not on a
 * deployed schema). A schema without the table, or missing any version, is migrated by Flyway as before.
 */
public final class SchemaHistory {
    private SchemaHistory() {
    }

    /** True when {@code table} records every one of {@code versions} as applied successfully. */
    public static boolean hasEvery(DataSource dataSource, String table, Collection<String> versions) {
        Set<String> applied = new HashSet<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT version FROM " + table + " WHERE success = TRUE")) {
                while (rs.next()) {
                    applied.add(rs.getString(1));
                }
            } finally {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
            }
        } catch (SQLException noHistoryYet) {
            return false;
        }
        return applied.containsAll(versions);
    }
}
