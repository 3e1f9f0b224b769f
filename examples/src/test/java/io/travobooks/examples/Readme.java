package io.travobooks.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The fenced blocks of a section of README.md, for the tests that run what the README shows. */
final class Readme {
    private Readme() {
    }

    /** The repository's root: surefire runs the tests in the module's folder. */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("README.md"))
                    && Files.isDirectory(dir.resolve("docs"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no README.md and docs/ above " + Path.of("").toAbsolutePath());
    }

    /** The blocks fenced as {@code language} in the section headed {@code ## heading}; fails if there are none. */
    static List<String> blocks(String heading, String language) {
        List<String> lines;
        try {
            lines = Files.readAllLines(root().resolve("README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = lines.indexOf("## " + heading);
        assertThat(start).as("README.md has a section \"## %s\"", heading).isNotNegative();
        List<String> blocks = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            if (lines.get(i).strip().equals("```" + language)) {
                StringBuilder block = new StringBuilder();
                while (++i < lines.size() && !lines.get(i).strip().equals("```")) {
                    block.append(lines.get(i)).append('\n');
                }
                blocks.add(block.toString());
            }
        }
        assertThat(blocks).as("```%s blocks in README.md's \"%s\"", language, heading).isNotEmpty();
        return blocks;
    }
}
