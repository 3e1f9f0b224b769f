package io.travobooks.e2e;

import io.travobooks.server.ReferenceServer;
import io.travobooks.server.runtime.FirstStart;
import io.travobooks.testkit.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The console in headless Chromium (Debian's, through Playwright), against a real server on the embedded default
 * started as a first start, so that its first user signs in as a person would: the Node script
 * {@code console/e2e/console.e2e.mjs} says what is checked. Screenshots of each main screen in each language are
 * written to target/screenshots for a person to look at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {
    /** The script's tests, and the TOTP generator's own: change it with them. */
    private static final int EXPECTED_TESTS = 19;
    private static final long TIMEOUT_SECONDS = 300;

    @TempDir
    static Path data;
    private ReferenceServer server;

    @BeforeAll
    void start() {
        server = FirstStartServer.start(data, Map.of("TRAVO_TENANT", "console-agency", "TRAVO_CURRENCY", "BDT",
                "TRAVO_WEBHOOK_ALLOW", "127.0.0.0/8"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aPersonWorksThroughTheConsoleInChromium() throws IOException, InterruptedException {
        Path chromium = TestServices.requireExecutable("chromium", "apt-get install chromium");
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        FirstStart.FirstUser user = server.firstUser().orElseThrow();
        NodeTests.runAndExpect(module.resolveSibling("console"), List.of("e2e/totp.test.mjs",
                "e2e/console.e2e.mjs"), Map.of(
                "TRAVO_URL", "http://127.0.0.1:" + server.port(),
                "TRAVO_EMAIL", user.email(),
                "TRAVO_PASSWORD", user.newPassword().orElseThrow(),
                "TRAVO_KEY", server.firstKey().orElseThrow().secret().value(),
                "TRAVO_SCREENSHOTS", module.resolve("target").resolve("screenshots").toString(),
                "TRAVO_TIME_ZONE", FirstStartServer.AGENCY_ZONE.getId(),
                "CHROMIUM", chromium.toString()),
                EXPECTED_TESTS, TIMEOUT_SECONDS);
    }
}
