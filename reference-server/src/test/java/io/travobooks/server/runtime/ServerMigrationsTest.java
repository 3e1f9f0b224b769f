package io.travobooks.server.runtime;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ServerMigrationsTest {
    @Test
    void theListedVersionsAreTheMigrationFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/server"))) {
            assertThat(files.map(file -> file.getFileName().toString())
                    .map(name -> name.substring(1, name.indexOf("__")).replace('_', '.'))
                    .sorted(Comparator.comparing(Integer::valueOf)))
                    .containsExactlyElementsOf(Backends.MIGRATIONS);
        }
    }
}
