package io.travobooks.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server as people run it, {@code java -jar} on the embedded default, stopped with SIGTERM while entries are
 * being posted: every entry it answered 201 for is there after a restart, so is every audit line of them, and the
 * stop logs no error. The database must outlive every step of the stop that still writes to it. Killed instead, as
 * a crash ends it, the server still keeps every entry it answered 201 for. Stopped as soon as it answers as ready,
 * it stops in full.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the test stops the server with SIGTERM")
class GracefulStopIT {
    private static final Pattern READY = Pattern.compile("travoBooks is ready at (http://\\S+) ");
    private static final Pattern FIRST_KEY = Pattern.compile("^ {2}(tb_[0-9A-Za-z]{36})$");
    private static final int POSTERS = 16;
    private static final int ANSWERED_BEFORE_THE_STOP = 300;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    /** Longer than the server's own worst case: requests in hand, the workers' passes, the writers' queues. */
    private static final long STOP_SECONDS = 90;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void closeClient() {
        http.close();
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aStopUnderLoadKeepsEveryAnsweredEntryAndItsAuditLine() throws Exception {
        Path work = Path.of("target", "graceful-stop").toAbsolutePath();
        EndedRun run = postUntilEnded(work, process -> {
            // SIGTERM, as a service manager stops it; through the handle, since Process.destroy() also closes the
            // pipe of the server's output, and what the stop logs would be lost.
            process.toHandle().destroy();
            assertThat(process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)).as("stopped in time").isTrue();
        });
        assertThat(run.exitValue()).as("the exit code of a JVM ended by SIGTERM").isEqualTo(143);
        assertThat(run.log()).as("errors in the log of the stop")
                .noneMatch(line -> line.contains("\"level\":\"ERROR\"") || line.startsWith("Exception in"));

        try (ServerProcess second = ServerProcess.start(work.resolve("data"), work.resolve("second-run.log"))) {
            String base = second.base.get(60, TimeUnit.SECONDS);
            assertEveryEntryIsThere(base, run);
            // Each post's audit line names its Idempotency-Key, which the posters made the entry's id.
            assertThat(postedInTheAuditLog(base, run.key())).as("audit lines of answered posts")
                    .containsAll(run.answered());
            JsonNode verified = JSON.readTree(get(base, run.key(), "/v1/audit-log/verify").body());
            assertThat(verified.get("intact").asBoolean()).as("audit chain: %s", verified).isTrue();
        }
    }

    /**
     * Killed while entries are being posted (SIGKILL: no stop runs, nothing is flushed at exit), the server has
     * still written every entry it answered 201 for, and starts again on that database.
     */
    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aCrashUnderLoadKeepsEveryAnsweredEntry() throws Exception {
        Path work = Path.of("target", "crash").toAbsolutePath();
        EndedRun run = postUntilEnded(work, process -> {
            process.destroyForcibly();
            assertThat(process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)).as("killed").isTrue();
        });

        try (ServerProcess second = ServerProcess.start(work.resolve("data"), work.resolve("second-run.log"))) {
            assertEveryEntryIsThere(second.base.get(60, TimeUnit.SECONDS), run);
        }
    }

    /** How the test ends the first run; it returns once the process has ended. */
    private interface Ending {
        void end(Process process) throws InterruptedException;
    }

    /** A first run that was ended while posting: its key, the entries it answered 201 for, its exit and its log. */
    private record EndedRun(String key, Set<String> answered, int exitValue, List<String> log) {
    }

    /**
     * Starts the server on a fresh {@code work} directory, posts until {@link #ANSWERED_BEFORE_THE_STOP} entries are
     * answered 201, and ends the server with {@code ending} while the posts go on.
     */
    private EndedRun postUntilEnded(Path work, Ending ending) throws Exception {
        deleteRecursively(work);
        Set<String> answered = ConcurrentHashMap.newKeySet();
        try (ServerProcess first = ServerProcess.start(work.resolve("data"), work.resolve("first-run.log"))) {
            String key = first.firstKey.get(60, TimeUnit.SECONDS);
            Posters posters = new Posters(first.base.get(60, TimeUnit.SECONDS), key, answered);
            posters.awaitAnswered(ANSWERED_BEFORE_THE_STOP);
            ending.end(first.process);
            posters.stop();
            first.closeLog();
            return new EndedRun(key, answered, first.process.exitValue(), Files.readAllLines(first.log));
        }
    }

    private void assertEveryEntryIsThere(String base, EndedRun run) throws IOException, InterruptedException {
        for (String id : run.answered()) {
            assertThat(get(base, run.key(), "/v1/journal-entries/" + id).statusCode()).as("entry %s", id)
                    .isEqualTo(200);
        }
    }

    /**
     * SIGTERM the moment the server first answers as ready, which can come before its start has returned: the stop
     * waits for the start and then runs in full, as the log line that ends every stop shows.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aStopAsSoonAsTheServerAnswersAsReadyIsAFullStop() throws Exception {
        Path work = Path.of("target", "early-stop").toAbsolutePath();
        deleteRecursively(work);
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (ServerProcess server = ServerProcess.start(work.resolve("data"), work.resolve("run.log"), port)) {
            URI ready = URI.create("http://127.0.0.1:" + port + "/health/ready");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!answersOk(ready)) {
                assertThat(server.process.isAlive() && System.nanoTime() < deadline).as("ready in time").isTrue();
                Thread.sleep(5);
            }
            server.process.toHandle().destroy(); // SIGTERM, keeping the output's pipe open
            // Whether the stop came during the start (before the ready line): the test holds either way.
            String when = server.base.isDone() ? "after the start" : "during the start";
            assertThat(server.process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)).as("stopped in time").isTrue();
            assertThat(server.process.exitValue()).as("the exit code of a JVM ended by SIGTERM").isEqualTo(143);
            server.closeLog();
            List<String> lines = Files.readAllLines(server.log);
            assertThat(lines).as("the log of a stop %s that ran in full", when)
                    .anyMatch(line -> line.contains("\"formattedMessage\":\"stopped in "));
            assertThat(lines).as("errors in the log of a stop %s", when)
                    .noneMatch(line -> line.contains("\"level\":\"ERROR\"") || line.startsWith("Exception in"));
        }
    }

    private boolean answersOk(URI uri) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Threads that post entries until the server refuses the connection, or the test has seen it end. */
    private final class Posters {
        private final Set<String> answered;
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final AtomicReference<String> refused = new AtomicReference<>("nothing");
        private final List<Thread> threads = new ArrayList<>();

        Posters(String base, String key, Set<String> answered) {
            this.answered = answered;
            for (int i = 0; i < POSTERS; i++) {
                threads.add(Thread.ofVirtual().start(() -> postUntilRefused(base, key, answered, refused, stopping)));
            }
        }

        /** Returns once {@code count} entries are answered 201; fails when the posters stop or a minute passes. */
        void awaitAnswered(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (answered.size() < count) {
                assertThat(threads.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline)
                        .as("%d entries answered 201 before the posters stopped or time ran out; the last other "
                                + "answer: %s", answered.size(), refused.get()).isTrue();
                Thread.sleep(20);
            }
        }

        /** For a server that has ended: the posters stop, each once its request in hand is answered or times out. */
        void stop() throws InterruptedException {
            stopping.set(true);
            long joined = System.nanoTime() + REQUEST_TIMEOUT.toNanos() * 2;
            for (Thread poster : threads) {
                poster.join(Duration.ofNanos(Math.max(1, joined - System.nanoTime())));
            }
        }
    }

    /** Posts entries until the server refuses the connection, or the test has seen it stop. */
    private void postUntilRefused(String base, String key, Set<String> answered, AtomicReference<String> refused,
                                  AtomicBoolean stopping) {
        while (!stopping.get()) {
            String id = "stop-" + UUID.randomUUID();
            String body = """
                    {"id":"%s","effective_date":"%s","description":"Ticket sale","lines":[
                    {"account":"1100","side":"DEBIT","amount_minor":1500,"currency":"BDT"},
                    {"account":"4300","side":"CREDIT","amount_minor":1500,"currency":"BDT"}]}"""
                    .formatted(id, LocalDate.now());
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/journal-entries"))
                    .timeout(REQUEST_TIMEOUT).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").header("Idempotency-Key", id)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                    answered.add(id);
                } else {
                    refused.set(response.statusCode() + " " + response.body());
                }
            } catch (IOException e) {
                return; // the server has closed its socket
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The Idempotency-Keys of the journal posts answered 201 that the audit log holds. */
    private Set<String> postedInTheAuditLog(String base, String key) throws IOException, InterruptedException {
        Set<String> posted = new HashSet<>();
        String url = "/v1/audit-log?limit=200";
        while (true) {
            JsonNode page = JSON.readTree(get(base, key, url).body());
            for (JsonNode line : page.get("items")) {
                if (line.get("action").asText().equals("postJournalEntry") && line.get("status").asInt() == 201) {
                    posted.add(line.path("idempotency_key").asText());
                }
            }
            if (!page.has("next_cursor")) {
                return posted;
            }
            url = "/v1/audit-log?limit=200&cursor=" + page.get("next_cursor").asText();
        }
    }

    private HttpResponse<String> get(String base, String key, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (var paths = Files.walk(directory)) {
                for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** {@code java -jar target/travobooks-server.jar} in a JVM of its own, its output copied to a log file. */
    private static final class ServerProcess implements AutoCloseable {
        final Process process;
        final Path log;
        final CompletableFuture<String> base = new CompletableFuture<>();
        final CompletableFuture<String> firstKey = new CompletableFuture<>();
        private final Thread copier;

        private ServerProcess(Process process, Path log) {
            this.process = process;
            this.log = log;
            this.copier = Thread.ofPlatform().daemon().start(this::copyOutput);
        }

        static ServerProcess start(Path data, Path log) throws IOException {
            return start(data, log, 0);
        }

        static ServerProcess start(Path data, Path log, int port) throws IOException {
            Path jar = Path.of("target", "travobooks-server.jar").toAbsolutePath();
            assertThat(jar).as("the packaged server (failsafe runs after the package phase)").isRegularFile();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString()).redirectErrorStream(true);
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(name -> name.startsWith("TRAVO_")); // only what this test sets
            environment.putAll(Map.of("TRAVO_DATA_DIR", data.toString(), "TRAVO_HOST", "127.0.0.1",
                    "TRAVO_PORT", Integer.toString(port), "TRAVO_CURRENCY", "BDT",
                    // Limits far above what the posters can send: the stop is what is tested, not the limits.
                    "TRAVO_LIMIT_PLANS", "standard=60000000",
                    "TRAVO_LIMIT_PER_CREDENTIAL_PER_MINUTE", "60000000",
                    "TRAVO_LIMIT_PER_ADDRESS_PER_MINUTE", "60000000"));
            Files.createDirectories(log.getParent());
            return new ServerProcess(builder.start(), log);
        }

        private void copyOutput() {
            try (BufferedReader lines = process.inputReader();
                 PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    out.println(line);
                    Matcher ready = READY.matcher(line);
                    if (ready.find()) {
                        base.complete(ready.group(1));
                    }
                    Matcher key = FIRST_KEY.matcher(line);
                    if (key.matches()) {
                        firstKey.complete(key.group(1));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                base.completeExceptionally(new IllegalStateException("the server ended before it was ready"));
                firstKey.completeExceptionally(new IllegalStateException("the server printed no first key"));
            }
        }

        /** Waits for the output to be copied in full: the process has ended. */
        void closeLog() throws InterruptedException {
            copier.join(TimeUnit.SECONDS.toMillis(10));
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.toHandle().destroy(); // SIGTERM; Process.destroy() would close the output's pipe first
                if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
            closeLog();
        }
    }
}
