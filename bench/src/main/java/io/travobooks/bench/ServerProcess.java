package io.travobooks.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference server in a JVM of its own, started from its runnable jar as a user starts it, on a loopback port;
 * stopped by its process id (SIGTERM, then SIGKILL after ten seconds).
 */
final class ServerProcess implements AutoCloseable {
    static final Path JAR = Path.of("reference-server", "target", "travobooks-server.jar");
    /** The ahead-of-time cache the build makes beside the jar, which the documented start command uses. */
    static final Path AOT_CACHE = Path.of("reference-server", "target", "travobooks-server.aot");

    /** The JVM options of a start as the server's documentation gives it: with the AOT cache when there is one. */
    static List<String> documented(List<String> jvmOptions) {
        List<String> options = new ArrayList<>(jvmOptions);
        if (Files.isRegularFile(AOT_CACHE)) {
            options.add("-XX:AOTCache=" + AOT_CACHE);
        }
        return options;
    }
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static final Pattern FIRST_KEY = Pattern.compile("^  (tb_[0-9A-Za-z]{36})$", Pattern.MULTILINE);

    private final Process process;
    private final Path log;
    final int port;
    /** Milliseconds from the moment the process was started to the first 200 of /health/ready. */
    final long startMillis;

    private ServerProcess(Process process, Path log, int port, long startMillis) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.startMillis = startMillis;
    }

    static ServerProcess start(Map<String, String> environment, List<String> jvmOptions) throws IOException,
            InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: bench/run builds it");
        }
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        Path log = Path.of("bench", "target", "server-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("TRAVO_PORT", Integer.toString(port));
        builder.environment().put("TRAVO_HOST", "127.0.0.1");
        long begun = System.nanoTime();
        Process process = builder.start();
        long deadline = begun + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server stopped at start: see " + log);
            }
            if (ready(port)) {
                return new ServerProcess(process, log, port, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun));
            }
            Thread.sleep(5);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the server was not ready within 60 s");
    }

    /**
     * The admin key a first start printed. The server answers its readiness check a moment before it prints the
     * key, so the log is read again for up to ten seconds.
     */
    String firstKey() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Matcher key = FIRST_KEY.matcher(Files.readString(log));
            if (key.find()) {
                return key.group(1);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server printed no first key: see " + log);
            }
            Thread.sleep(20);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The CPU time the server JVM's JIT compilers have used. */
    JitClock jitClock() {
        return new JitClock(process.pid());
    }

    /** The resident set of the server's JVM, from /proc. */
    long rssMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for process " + process.pid());
    }

    private static boolean ready(int port) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/health/ready"))
                            .timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
