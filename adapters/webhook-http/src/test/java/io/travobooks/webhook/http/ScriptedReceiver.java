package io.travobooks.webhook.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A webhook endpoint on loopback that answers from a script (one reply per request, the last one repeated) and
 * records what it received: for the sender's tests, a real HTTP server in the test JVM.
 */
final class ScriptedReceiver implements AutoCloseable {
    /** One scripted answer: a status, headers, a body, and a delay before answering. */
    record Reply(int status, Map<String, String> headers, byte[] body, long delayMillis) {
        static Reply status(int status) {
            return new Reply(status, Map.of(), new byte[0], 0);
        }

        Reply withHeader(String name, String value) {
            Map<String, String> more = new HashMap<>(headers);
            more.put(name, value);
            return new Reply(status, more, body, delayMillis);
        }

        Reply withBody(byte[] newBody) {
            return new Reply(status, headers, newBody, delayMillis);
        }

        Reply after(long millis) {
            return new Reply(status, headers, body, millis);
        }
    }

    /** A received request. */
    record Received(String path, Map<String, String> headers, byte[] body) {
    }

    private final HttpServer server;
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

    ScriptedReceiver(Reply... replies) throws IOException {
        script.addAll(List.of(replies));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.getFirst()));
            received.add(new Received(exchange.getRequestURI().getPath(), headers, in.readAllBytes()));
            Reply reply;
            synchronized (script) {
                reply = script.size() > 1 ? script.poll() : script.peek();
            }
            if (reply.delayMillis() > 0) {
                Thread.sleep(reply.delayMillis());
            }
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            if (reply.body().length > 0) {
                exchange.getResponseBody().write(reply.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the sender gave up waiting (a timeout test): nothing to answer to
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
