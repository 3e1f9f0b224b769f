package io.travobooks.examples;

import io.travobooks.client.TravoClient;
import io.travobooks.client.generated.model.BookingStatus;
import io.travobooks.client.generated.model.CreatedApiKey;
import io.travobooks.client.generated.model.Mandate;
import io.travobooks.client.generated.model.NewApiKey;
import io.travobooks.client.generated.model.Scope;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.travobooks.client.TravoClient.call;
import static io.travobooks.client.TravoClient.keyed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TypeScript agent of examples/typescript and the README's TypeScript example, installed with npm ci, built
 * with tsc and run by Node against a real server on the embedded default. Needs Node 20+ and npm on the PATH, and
 * the TypeScript client built (Maven builds client-sdk/typescript before the examples).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TypeScriptAgentTest {
    private static final long TIMEOUT_SECONDS = 300;
    private static final Path FOLDER = Path.of(System.getProperty("basedir", "")).toAbsolutePath()
            .resolve("typescript");
    private static final Pattern ISSUED = Pattern.compile("^read +(\\S+) ISSUED, 1 ticket\\(s\\)$", Pattern.MULTILINE);

    @TempDir
    static Path data;
    private LocalServer server;
    private TravoClient admin;

    /** What a command printed (stdout and stderr, as they came) and its exit code. */
    record Run(int exitCode, String output) {
    }

    @BeforeAll
    void installAndBuild() {
        assertThat(FOLDER.resolve("../../client-sdk/typescript/dist/index.js"))
                .as("the TypeScript client, built: ./mvnw -B -pl client-sdk/typescript -am package -DskipTests")
                .isRegularFile();
        // Exactly the versions package-lock.json names, into a fresh node_modules; the client is linked, not copied.
        assertThat(run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of()).exitCode()).isZero();
        assertThat(run(List.of("npm", "run", "build"), Map.of()).exitCode()).as("tsc").isZero();
        server = LocalServer.start(data, "ts-agent");
        admin = server.admin();
    }

    @AfterAll
    void stop() {
        if (admin != null) {
            admin.close();
            server.close();
        }
    }

    private Map<String, String> environment(String key) {
        return Map.of("TRAVO_URL", server.url().toString(), "TRAVO_KEY", key);
    }

    @Test
    void theAgentIssuesATicketAndReadsItBack() {
        Run agent = run(List.of("node", "dist/agent.js"), environment(server.adminKey()));

        assertThat(agent.exitCode()).as("node's exit code").isZero();
        assertThat(agent.output()).containsPattern("(?m)^issue +ISSUED, tickets \\d{13}$")
                .containsPattern("(?m)^final status: ISSUED$");
        Matcher read = ISSUED.matcher(agent.output());
        assertThat(read.find()).as("the booking read back").isTrue();
        assertThat(call(() -> admin.bookings().getBooking(read.group(1))).getStatus()).as("as the server has it")
                .isEqualTo(BookingStatus.ISSUED);
    }

    @Test
    void anIssueAboveAMandatesThresholdWaitsForAPerson() {
        // An agent's key whose every issue a person approves.
        Mandate mandate = new Mandate().currency("BDT").perBookingMinor(10_000_000L).perDayMinor(10_000_000L)
                .totalMinor(10_000_000L).approvalAboveMinor(0L);
        CreatedApiKey agent = keyed(key -> admin.admin().createApiKey(key, new NewApiKey().name("ts agent")
                .scopes(Set.of(Scope.BOOKINGS_READ, Scope.BOOKINGS_WRITE, Scope.BOOKINGS_ISSUE)).mandate(mandate)));

        Run run = run(List.of("node", "dist/agent.js"), environment(agent.getKey()));

        assertThat(run.exitCode()).as("node's exit code").isZero();
        assertThat(run.output()).contains("a person must approve").containsPattern("(?m)^issue +waiting for "
                + "approval apr_\\S+$").containsPattern("(?m)^final status: PRICED$");
    }

    @Test
    void theReadmeExampleIssuesABooking() throws IOException {
        List<String> blocks = Readme.blocks("Call the server from TypeScript", "ts");
        Path readme = Files.createDirectories(FOLDER.resolve("readme"));
        Files.writeString(readme.resolve("first-booking.ts"), blocks.getFirst());
        assertThat(run(List.of("npx", "tsc", "-p", "tsconfig.readme.json"), Map.of()).exitCode())
                .as("tsc, strict, on the README's example").isZero();

        Run example = run(List.of("node", "dist-readme/first-booking.js"), environment(server.adminKey()));

        assertThat(example.exitCode()).as("node's exit code").isZero();
        Matcher printed = Pattern.compile("(?m)^(WEB-\\d+) ISSUED \\d{13}$").matcher(example.output());
        assertThat(printed.find()).as("prints the booking, its status and its ticket").isTrue();
        assertThat(call(() -> admin.bookings().getBooking(printed.group(1))).getStatus())
                .isEqualTo(BookingStatus.ISSUED);
    }

    /** Runs a command in examples/typescript, its output line by line into the build's log as it comes. */
    private static Run run(List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(FOLDER.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        StringBuilder output = new StringBuilder();
        Process process = null;
        try {
            process = builder.start();
            Process started = process;
            Thread reader = Thread.ofVirtual().start(() -> copy(started, command.getFirst(), output));
            boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                stop(process);
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(finished).as("%s finished within %d s", command, TIMEOUT_SECONDS).isTrue();
            synchronized (output) {
                return new Run(process.exitValue(), output.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command + " (Node 20+ and npm on the PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while " + command + " ran", e);
        } finally {
            if (process != null && process.isAlive()) {
                stop(process); // a test that failed half-way leaves no npm or node behind
            }
        }
    }

    /** Ends the process and every process it started. */
    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copy(Process process, String name, StringBuilder output) {
        try (BufferedReader lines = process.inputReader()) {
            String line;
            while ((line = lines.readLine()) != null) {
                System.out.println("[" + name + "] " + line);
                synchronized (output) {
                    output.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
