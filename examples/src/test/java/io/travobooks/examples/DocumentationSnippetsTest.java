package io.travobooks.examples;

import io.travobooks.client.TravoClient;
import io.travobooks.client.generated.model.BookingStatus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every ```java block of README.md and docs/*.md compiles against the real API, and the README's programs run: the
 * embed example, and the client example against a real server. Documentation that no build checks drifts from the
 * code without anyone noticing.
 */
class DocumentationSnippetsTest {
    private static final Path ROOT = repositoryRoot();
    private static final Pattern PUBLIC_CLASS = Pattern.compile("public\\s+(?:final\\s+)?class\\s+(\\w+)");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    /** Sources and class files of the snippets; JUnit deletes it afterwards. */
    @TempDir
    Path work;

    /** A ```java block: where it starts (the fence's line, counted from 1) and its text. */
    record Snippet(Path file, int line, String source) {
        String className() {
            Matcher name = PUBLIC_CLASS.matcher(source);
            assertThat(name.find()).as("%s has no public class", this).isTrue();
            Matcher pkg = PACKAGE.matcher(source);
            return (pkg.find() ? pkg.group(1) + "." : "") + name.group(1);
        }

        @Override
        public String toString() {
            return ROOT.relativize(file) + ":" + line;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompiles() {
        return snippets().stream().map(snippet -> DynamicTest.dynamicTest(snippet.toString(), () -> compile(snippet)));
    }

    @Test
    void classNamesAreUniqueSoThatSnippetsCannotBeConfused() {
        List<String> names = snippets().stream().map(Snippet::className).toList();
        assertThat(names).doesNotHaveDuplicates();
    }

    @Test
    void theReadmeEmbedExampleRunsAndPrintsTheBspPayable() throws Exception {
        String output = run(readmeProgram("FirstLedger"));
        // The example credits 2100 (BSP payable) with 51,200 on an empty ledger, so that is its balance.
        assertThat(output).contains("BSP payable: 51200.00 BDT");
    }

    @Test
    void theReadmeJavaClientExampleIssuesABookingOnARealServer(@TempDir Path data) throws Exception {
        try (LocalServer server = LocalServer.start(data, "readme-client");
             TravoClient admin = server.admin()) {
            String output = run(readmeProgram("FirstBooking"), server.url().toString(), server.adminKey());

            Matcher printed = Pattern.compile("(?m)^(WEB-\\d+) ISSUED \\d{13}$").matcher(output);
            assertThat(printed.find()).as("prints the booking, its status and its ticket: %s", output).isTrue();
            assertThat(TravoClient.call(() -> admin.bookings().getBooking(printed.group(1))).getStatus())
                    .as("as the server has it").isEqualTo(BookingStatus.ISSUED);
        }
    }

    /** The README's runnable java block whose public class is {@code name}. */
    private static Snippet readmeProgram(String name) {
        return snippets().stream().filter(s -> s.file().equals(ROOT.resolve("README.md")))
                .filter(s -> s.source().contains("public static void main(String[] args)"))
                .filter(s -> s.className().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("README.md has no runnable java block " + name));
    }

    /** Compiles and runs the block's main with {@code args}; answers what it printed. */
    private String run(Snippet example, String... args) throws Exception {
        Path classes = compile(example);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Class<?> main = loader.loadClass(example.className());
            main.getMethod("main", String[].class).invoke(null, (Object) args);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        return output;
    }

    /** Compiles one block; fails with the block's place and javac's errors. Returns the directory of its classes. */
    private Path compile(Snippet snippet) throws IOException {
        String className = snippet.className();
        Path dir = Files.createDirectories(work.resolve(className));
        Path source = Files.writeString(dir.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java"),
                snippet.source());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        // The test's own classpath holds every module the documentation talks about.
        List<String> options = List.of("--release", "21", "-proc:none", "-d", dir.toString(),
                "-classpath", System.getProperty("java.class.path"));
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            if (!javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(source)).call()) {
                fail("The java block at %s does not compile:%n%s", snippet, diagnostics.getDiagnostics().stream()
                        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                        // Line 1 of the snippet is the line after the fence.
                        .map(d -> "  line " + (snippet.line() + d.getLineNumber()) + ": " + d.getMessage(null))
                        .collect(Collectors.joining(System.lineSeparator())));
            }
        }
        return dir;
    }

    private static List<Snippet> snippets() {
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            List<Path> markdown = new ArrayList<>(List.of(ROOT.resolve("README.md")));
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(markdown::add);
            List<Snippet> snippets = new ArrayList<>();
            for (Path file : markdown) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).strip().equals("```java")) {
                        int start = i;
                        StringBuilder source = new StringBuilder();
                        while (++i < lines.size() && !lines.get(i).strip().equals("```")) {
                            source.append(lines.get(i)).append('\n');
                        }
                        snippets.add(new Snippet(file, start + 1, source.toString()));
                    }
                }
            }
            return snippets;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Surefire runs tests in the module's directory; the documentation lives at the repository's root. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("docs"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no pom.xml and docs/ above " + Path.of("").toAbsolutePath());
    }
}
