package io.travobooks.client.typescript;

import io.travobooks.server.ReferenceServer;
import io.travobooks.server.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TypeScript client's own tests (node:test, built by {@code npm run build} into dist-test), run by Node against
 * a real server on the embedded default, over a real socket. They pass only if every one of them ran and passed:
 * a test file that ran nothing, or a suite skipped for want of a server, fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TypeScriptClientTest {
    /** Bookings 2, ledger 7, problems 2, retries 7, webhooks 5: change it with the tests. */
    private static final int EXPECTED_TESTS = 24;
    private static final long TIMEOUT_SECONDS = 300;
    private static final String TENANT = "ts-agency";

    @TempDir
    static Path data;
    private ReferenceServer server;

    @BeforeAll
    void start() {
        // Workers run often and webhooks may reach this machine, where the delivery test receives them.
        server = ReferenceServer.start(ServerConfig.load(Optional.empty(), Map.of("TRAVO_PORT", "0",
                "TRAVO_DATA_DIR", data.toString(), "TRAVO_TENANT", TENANT, "TRAVO_CURRENCY", "BDT",
                "TRAVO_WORKERS_EVERY_MS", "200", "TRAVO_WEBHOOK_ALLOW", "127.0.0.0/8")));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void everyTypeScriptTestPassesAgainstARealServer() throws IOException, InterruptedException {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of("node", "--test", "--test-reporter=tap",
                "--test-timeout=120000"));
        command.addAll(testFiles(module.resolve("dist-test")));
        ProcessBuilder node = new ProcessBuilder(command).directory(module.toFile()).redirectErrorStream(true);
        node.environment().putAll(Map.of("TRAVO_URL", "http://127.0.0.1:" + server.port(),
                "TRAVO_KEY", server.firstKey().orElseThrow().secret().value(), "TRAVO_TENANT", TENANT));
        Process process = node.start();

        StringBuilder output = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> copy(process, output));
        boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(finished).as("node --test finished within %d s", TIMEOUT_SECONDS).isTrue();
        String tap;
        synchronized (output) {
            tap = output.toString();
        }
        assertThat(process.exitValue()).as("node --test's exit code").isZero();
        assertThat(count(tap, "fail")).as("failed (-1: Node printed no summary)").isZero();
        assertThat(count(tap, "skipped")).as("skipped").isZero();
        assertThat(count(tap, "todo")).as("todo").isZero();
        assertThat(count(tap, "pass")).as("passed").isEqualTo(EXPECTED_TESTS);
    }

    /** The compiled test files: named, since how a directory argument is read changed across Node versions. */
    private static List<String> testFiles(Path dir) throws IOException {
        assertThat(dir).as("built by npm run build").isDirectory();
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(Path::getFileName).map(Path::toString).filter(name -> name.endsWith(".test.js"))
                    .sorted().map(name -> "dist-test/" + name).toList();
        }
    }

    /** Node's output, line by line into the build's log as it comes, and kept to be read. */
    private static void copy(Process process, StringBuilder output) {
        try (BufferedReader lines = process.inputReader()) {
            String line;
            while ((line = lines.readLine()) != null) {
                System.out.println("[node] " + line);
                synchronized (output) {
                    output.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A count from the TAP summary's closing lines ({@code # pass 21}); -1 when there is none. */
    private static int count(String tap, String name) {
        Matcher matcher = Pattern.compile("^# " + name + " (\\d+)$", Pattern.MULTILINE).matcher(tap);
        int count = -1;
        while (matcher.find()) {
            count = Integer.parseInt(matcher.group(1));
        }
        return count;
    }
}
