package io.travobooks.server.support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * An agency's webhook receiver on a loopback port: it keeps every request and answers with the status it is
 * told to (204 unless told otherwise).
 */
public final class WebhookReceiver implements AutoCloseable {
    /** A request as it arrived: headers with lower-case names, and the raw body. */
    public record Received(Map<String, String> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private volatile int status = 204;

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                Map<String, String> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(),
                        values.getFirst()));
                received.add(new Received(headers, in.readAllBytes()));
                exchange.sendResponseHeaders(status, -1);
            }
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers {@code code} from now on. */
    public void answer(int code) {
        status = code;
    }

    /** What arrived whose body holds {@code text}. */
    public List<Received> containing(String text) {
        synchronized (received) {
            return received.stream().filter(request -> request.text().contains(text)).toList();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
