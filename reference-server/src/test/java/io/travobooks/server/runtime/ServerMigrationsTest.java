package io.travobooks.server.runtime;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ServerMigrationsTest {
    @Test
    void theListedVersionsAreTheMigrationFiles() throws IOException {
        assertThat(versions("db/server")).containsExactlyElementsOf(Backends.MIGRATIONS);
        assertThat(versions("db/server-mysql")).containsExactlyElementsOf(Backends.MYSQL_MIGRATIONS);
    }

    private static List<String> versions(String folder) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources", folder))) {
            return files.map(file -> file.getFileName().toString())
                    .map(name -> name.substring(1, name.indexOf("__")).replace('_', '.'))
                    .sorted(Comparator.comparing((String version) -> Integer.valueOf(version.split("\\.")[0]))
                            .thenComparing(version -> version.contains(".")
                                    ? Integer.valueOf(version.substring(version.indexOf('.') + 1)) : 0))
                    .toList();
        }
    }
}
