package io.travobooks.channel.http;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP receiver standing in for an SMS or WhatsApp provider: it records every request and answers with a
 * fixed status and body (the id it answers with counts up).
 */
final class RecordingProvider implements AutoCloseable {
    record Request(Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger ids = new AtomicInteger();
    private volatile int status;
    private volatile long delayMillis;
    private volatile boolean withId = true;

    RecordingProvider(int status) throws IOException {
        this.status = status;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                Map<String, String> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((name, values) ->
                        headers.put(name.toLowerCase(), values.getFirst()));
                requests.add(new Request(headers, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                int answer = this.status;
                if (delayMillis > 0) {
                    sleep(delayMillis);
                }
                byte[] body = (answer < 300 ? (withId ? "{\"id\":\"p-" + ids.incrementAndGet() + "\"}" : "{}")
                        : "{\"error\":\"answer " + answer + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/messages");
    }

    void answer(int newStatus) {
        status = newStatus;
    }

    /** Answers only after {@code millis}, for a sender whose timeout passes first. */
    void delay(long millis) {
        delayMillis = millis;
    }

    /** Answers 2xx with a body that names no id. */
    void withoutId() {
        withId = false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
