package io.travobooks.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.travobooks.server.http.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client of /v1/stream: the events it receives, in order. */
public final class StreamClient implements AutoCloseable {
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private StreamClient(WebSocket.Builder builder, URI uri) {
        this.socket = builder.buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        events.add(Json.MAPPER.readTree(partial.toString()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }
        }).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Connects with the key in the Authorization header. */
    public static StreamClient withHeader(String baseUrl, String key) {
        return new StreamClient(HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + key), uri(baseUrl, ""));
    }

    /** Connects with the key in the query, as a browser must. */
    public static StreamClient withQuery(String baseUrl, String key) {
        return new StreamClient(HttpClient.newHttpClient().newWebSocketBuilder(), uri(baseUrl, "?access_token=" + key));
    }

    private static URI uri(String baseUrl, String query) {
        return URI.create(baseUrl.replace("http://", "ws://") + "/v1/stream" + query);
    }

    /** The next event, waiting up to {@code timeout}; fails when none comes. */
    public JsonNode next(Duration timeout) throws InterruptedException {
        JsonNode event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no stream event within " + timeout);
        }
        return event;
    }

    /** Events until one about {@code bookingId} in {@code status} (skipping the steps before it). */
    public JsonNode awaitBooking(String bookingId, String status, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (event.at("/booking/id").asText().equals(bookingId)
                    && event.at("/booking/status").asText().equals(status)) {
                return event;
            }
        }
    }

    /** The status the server closed the stream with, waiting up to {@code timeout}. */
    public int awaitClosedByServer(Duration timeout) {
        return closed.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** Whether an event is waiting now. */
    public boolean hasEvent() {
        return !events.isEmpty();
    }

    @Override
    public void close() {
        if (socket.isOutputClosed()) {
            return;
        }
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
}
