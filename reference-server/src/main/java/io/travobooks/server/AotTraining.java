package io.travobooks.server;

import io.travobooks.server.config.ServerConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A training run for the JVM's ahead-of-time cache: {@code java -XX:AOTCacheOutput=travobooks-server.aot -jar
 * travobooks-server.jar --train} starts the server on a scratch database, sends it the requests a start and a
 * first client make (health, the contract, a posting, a report, the bookings' list, a flight search), and stops
 * it. The JVM then writes the classes it loaded, linked, to the cache, and a server started with
 * {@code -XX:AOTCache=travobooks-server.aot} loads them from there: it is ready in about half the time. The build
 * makes the cache next to the jar; a JVM other than the one that made it ignores it.
 */
final class AotTraining {
    private AotTraining() {
    }

    static void run() throws IOException, InterruptedException {
        Path data = Files.createTempDirectory("travo-train");
        try (ReferenceServer server = ReferenceServer.start(ServerConfig.load(Optional.empty(), Map.of(
                "TRAVO_DATA_DIR", data.toString(), "TRAVO_PORT", "0")));
             HttpClient client = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + server.port();
            String key = server.firstKey().orElseThrow().secret().value();
            send(client, base + "/health/ready", null, null);
            send(client, base + "/openapi?format=json", null, null);
            send(client, base + "/v1/journal-entries", key, "{\"id\":\"train-1\",\"effective_date\":\"2026-03-10\","
                    + "\"lines\":[{\"account\":\"1100\",\"side\":\"DEBIT\",\"amount_minor\":100,\"currency\":\"BDT\"},"
                    + "{\"account\":\"4300\",\"side\":\"CREDIT\",\"amount_minor\":100,\"currency\":\"BDT\"}]}");
            send(client, base + "/v1/reports/trial-balance", key, null);
            send(client, base + "/v1/bookings", key, null);
            send(client, base + "/v1/offers?origin=DAC&destination=DXB&date=2030-01-15", key, null);
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (UncheckedIOException e) {
                // a scratch directory left behind in the temporary folder is no failure of the training
            }
        }
    }

    private static void send(HttpClient client, String url, String key, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (body != null) {
            request.header("Content-Type", "application/json").header("Idempotency-Key", "train")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
        }
        int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status >= 400) {
            throw new IllegalStateException("training request " + url + " answered " + status);
        }
    }
}
