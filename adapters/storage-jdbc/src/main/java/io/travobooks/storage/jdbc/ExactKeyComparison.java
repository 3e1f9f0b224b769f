package io.travobooks.storage.jdbc;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import javax.sql.DataSource;
import java.util.List;

/**
 * Makes MySQL and MariaDB compare keys exactly, as H2 does. Their {@code utf8mb4_bin} is a PAD SPACE collation:
 * {@code 'k'} and {@code 'k '} are equal there, so two idempotency keys (or ids) that differ only in trailing spaces
 * would be one key. After the migrations, every table whose text columns still use another collation is converted
 * to the server's NO PAD binary one ({@code utf8mb4_nopad_bin} on MariaDB, {@code utf8mb4_0900_bin} on MySQL 8).
 * Tables already converted are left alone, so this costs one query per start once done; the first start after an
 * upgrade rewrites the tables it converts.
 */
final class ExactKeyComparison {
    private static final List<String> NO_PAD_BINARY = List.of("utf8mb4_nopad_bin", "utf8mb4_0900_bin");

    private ExactKeyComparison() {
    }

    static void enforce(DataSource dataSource) {
        Jdbi.create(dataSource).useHandle(handle -> {
            String collation = noPadBinary(handle);
            List<String> tables = handle.createQuery("SELECT DISTINCT TABLE_NAME FROM information_schema.COLUMNS "
                            + "WHERE TABLE_SCHEMA = DATABASE() AND COLLATION_NAME IS NOT NULL "
                            + "AND COLLATION_NAME <> :collation AND TABLE_NAME <> 'flyway_schema_history' "
                            + "ORDER BY TABLE_NAME")
                    .bind("collation", collation)
                    .mapTo(String.class)
                    .list();
            for (String table : tables) {
                handle.execute("ALTER TABLE `" + table.replace("`", "``") + "` CONVERT TO CHARACTER SET utf8mb4 "
                        + "COLLATE " + collation);
            }
            handle.commit();
        });
    }

    private static String noPadBinary(Handle handle) {
        return handle.createQuery("SELECT COLLATION_NAME FROM information_schema.COLLATIONS "
                        + "WHERE COLLATION_NAME IN (<names>)")
                .bindList("names", NO_PAD_BINARY)
                .mapTo(String.class)
                .list().stream()
                .min((a, b) -> Integer.compare(NO_PAD_BINARY.indexOf(a), NO_PAD_BINARY.indexOf(b)))
                .orElseThrow(() -> new IllegalStateException("the server has no NO PAD binary utf8mb4 collation "
                        + NO_PAD_BINARY + ": keys differing in trailing spaces could not be told apart"));
    }
}
