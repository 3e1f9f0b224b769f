package io.travobooks.e2e;

import io.travobooks.server.ReferenceServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TypeScript client's own tests (node:test, built by {@code npm run build} into dist-test), run by Node against
 * a real server on the embedded default, over a real socket.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TypeScriptClientTest {
    /** Bookings 2, ledger 7, people 1, problems 2, retries 7, webhooks 5: change it with the tests. */
    private static final int EXPECTED_TESTS = 25;
    private static final long TIMEOUT_SECONDS = 300;
    private static final String TENANT = "ts-agency";

    @TempDir
    static Path data;
    private ReferenceServer server;

    @BeforeAll
    void start() {
        // Workers run often and webhooks may reach this machine, where the delivery test receives them.
        server = FirstStartServer.start(data, Map.of("TRAVO_TENANT", TENANT, "TRAVO_CURRENCY", "BDT",
                "TRAVO_WORKERS_EVERY_MS", "200", "TRAVO_WEBHOOK_ALLOW", "127.0.0.0/8"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void everyTypeScriptTestPassesAgainstARealServer() throws IOException, InterruptedException {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolveSibling("client-sdk")
                .resolve("typescript");
        NodeTests.runAndExpect(module, testFiles(module.resolve("dist-test")), Map.of(
                "TRAVO_URL", "http://127.0.0.1:" + server.port(),
                "TRAVO_KEY", server.firstKey().orElseThrow().secret().value(), "TRAVO_TENANT", TENANT),
                EXPECTED_TESTS, TIMEOUT_SECONDS);
    }

    /** The compiled test files: named, since how a directory argument is read changed across Node versions. */
    private static List<String> testFiles(Path dir) throws IOException {
        assertThat(dir).as("built by npm run build in client-sdk/typescript").isDirectory();
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(Path::getFileName).map(Path::toString).filter(name -> name.endsWith(".test.js"))
                    .sorted().map(name -> "dist-test/" + name).toList();
        }
    }
}
