package io.travobooks.server.auth;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The role table people read (in the server's guide) is the one the server enforces. */
class RolesDocumentedTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z-]+)` \\| ((?:`[a-z:]+`(?:, )?)+) \\|$");

    @Test
    void theGuidesRoleTableIsTheServers() throws IOException {
        Map<String, Set<String>> documented = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("../docs/server.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.matches() && Role.parse(row.group(1)).isPresent()) {
                documented.put(row.group(1), Arrays.stream(row.group(2).split(", "))
                        .map(scope -> scope.replace("`", "")).collect(Collectors.toSet()));
            }
        }
        Map<String, Set<String>> enforced = new TreeMap<>();
        for (Role role : Role.builtIn()) {
            enforced.put(role.value(), role.scopes().stream().map(Scope::value).collect(Collectors.toSet()));
        }
        assertThat(documented).isEqualTo(enforced);
    }
}
