package io.travobooks.storage.jdbc;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A start skips Flyway only when the history records every migration this build brings. */
class SchemaHistoryTest {
    private static List<String> versionsIn(String folder) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration", folder))) {
            return files.map(file -> file.getFileName().toString())
                    .map(name -> name.substring(1, name.indexOf("__")).replace('_', '.'))
                    .sorted(Comparator.comparing(SchemaHistoryTest::parts, SchemaHistoryTest::compareParts))
                    .toList();
        }
    }

    private static int[] parts(String version) {
        return Arrays.stream(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }

    /** 1 < 1.1 < 2 < 10: versions compare part by part, as numbers. */
    private static int compareParts(int[] a, int[] b) {
        return Arrays.compare(a, b);
    }

    @Test
    void theListedVersionsAreTheMigrationFiles() throws IOException {
        assertThat(JdbcStorage.COMMON_MIGRATIONS).containsExactlyElementsOf(versionsIn("common"));
        assertThat(JdbcStorage.MYSQL_MIGRATIONS).containsExactlyElementsOf(versionsIn("mysql"));
    }

    @Test
    void aMigratedSchemaHasEveryVersionAndOneMissingSendsTheStartToFlyway() throws SQLException {
        try (JdbcStorage storage = JdbcStorage.open(StorageConfig.h2Memory("history_"
                + UUID.randomUUID().toString().substring(0, 8)))) {
            assertThat(SchemaHistory.hasEvery(storage.dataSource(), "flyway_schema_history",
                    JdbcStorage.COMMON_MIGRATIONS)).isTrue();
            assertThat(SchemaHistory.hasEvery(storage.dataSource(), "flyway_schema_history", List.of("999")))
                    .as("a migration the schema lacks").isFalse();
            assertThat(SchemaHistory.hasEvery(storage.dataSource(), "no_such_history", List.of("1"))).isFalse();

            try (Connection connection = storage.dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("UPDATE flyway_schema_history SET success = FALSE WHERE version = '7'");
                connection.commit();
            }
            assertThat(SchemaHistory.hasEvery(storage.dataSource(), "flyway_schema_history",
                    JdbcStorage.COMMON_MIGRATIONS)).as("a failed migration is not applied").isFalse();
        }
    }
}
