package io.travobooks.client;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client's retries against a scripted server on a real socket: it answers each request with the next status of
 * its script ({@code Retry-After: 0} on the busy ones) and records what it was sent.
 */
class RetriesTest {
    private static final String WHO = "{\"tenant\":\"t1\",\"kind\":\"key\",\"id\":\"k1\",\"scopes\":[]}";
    private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5),
            Duration.ofSeconds(1));

    private record Seen(String method, String idempotencyKey) {
    }

    private final Queue<Integer> script = new ConcurrentLinkedQueue<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private TravoClient client;

    /** Starts the scripted server and {@link #client}, a client of it retrying as {@code policy} says. */
    private void script(RetryPolicy policy, Integer... statuses) throws IOException {
        script.addAll(List.of(statuses));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.add(new Seen(exchange.getRequestMethod(),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key")));
            exchange.getRequestBody().readAllBytes();
            int status = script.isEmpty() ? 200 : script.poll();
            byte[] body = (status == 200 ? WHO : "{\"code\":\"S" + status + "\",\"detail\":\"scripted\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json"
                    : "application/problem+json");
            if (status == 503 || status == 409) {
                exchange.getResponseHeaders().add("Retry-After", "0");
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        client = TravoClient.connect(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "tb_x", policy);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            client.close();
            server.stop(0);
        }
    }

    @Test
    void aReadIsSentAgainWhileTheServerIsBusy() throws IOException {
        script(QUICK, 503, 503);
        assertThat(TravoClient.call(() -> client.meta().whoAmI()).getTenant()).isEqualTo("t1");
        assertThat(seen).extracting(Seen::method).containsExactly("GET", "GET", "GET");
    }

    @Test
    void aKeyedChangeIsSentAgainWithTheSameKeyIncludingWhileItsFirstRequestRuns() throws IOException {
        script(QUICK, 503, 409);
        TravoClient.keyed(key -> client.bookings().issueBooking(key, "BK-1", null));
        assertThat(seen).hasSize(3).extracting(Seen::method).containsOnly("POST");
        assertThat(seen).extracting(Seen::idempotencyKey).doesNotContainNull().containsOnly(
                seen.getFirst().idempotencyKey());
    }

    @Test
    void aChangeWithoutAKeyIsSentOnce() throws IOException {
        script(QUICK, 503, 503);
        assertThatThrownBy(() -> TravoClient.call(() -> client.bookings().priceBooking("BK-1")))
                .isInstanceOfSatisfying(TravoProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(503);
                    assertThat(problem.retryAfterSeconds()).contains(0L);
                });
        assertThat(seen).hasSize(1);
    }

    @Test
    void aRefusalIsNotSentAgain() throws IOException {
        script(QUICK, 422, 200);
        assertThatThrownBy(() -> TravoClient.keyed(key -> client.bookings().issueBooking(key, "BK-1", null)))
                .isInstanceOfSatisfying(TravoProblem.class, problem -> assertThat(problem.code()).isEqualTo("S422"));
        assertThat(seen).hasSize(1);
    }

    @Test
    void aServerThatStaysBusyIsAskedOnlyAsOftenAsThePolicySays() throws IOException {
        script(QUICK, 503, 503, 503, 503, 503);
        assertThatThrownBy(() -> TravoClient.call(() -> client.meta().whoAmI()))
                .isInstanceOfSatisfying(TravoProblem.class, problem -> assertThat(problem.status()).isEqualTo(503));
        assertThat(seen).as("the request and three retries").hasSize(4);
    }

    @Test
    void withoutRetriesTheFirstAnswerStands() throws IOException {
        script(RetryPolicy.NONE, 503);
        assertThatThrownBy(() -> TravoClient.call(() -> client.meta().whoAmI())).isInstanceOf(TravoProblem.class);
        assertThat(seen).hasSize(1);
    }

    @Test
    void aConnectionDroppedWithoutAnAnswerIsTriedAgain() throws Exception {
        AtomicReference<Throwable> peerFailed = new AtomicReference<>();
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread peer = Thread.ofVirtual().start(() -> {
                try {
                    try (Socket dropped = socket.accept()) {
                        readHead(dropped); // and close without a word
                    }
                    try (Socket answered = socket.accept()) {
                        readHead(answered);
                        byte[] body = WHO.getBytes(StandardCharsets.UTF_8);
                        answered.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        answered.getOutputStream().write(body);
                    }
                } catch (IOException e) {
                    peerFailed.set(e);
                }
            });
            try (TravoClient dropping = TravoClient.connect(URI.create("http://127.0.0.1:" + socket.getLocalPort()),
                    "tb_x", QUICK)) {
                assertThat(TravoClient.call(() -> dropping.meta().whoAmI()).getTenant()).isEqualTo("t1");
            }
            assertThat(peer.join(Duration.ofSeconds(10))).as("the peer is done").isTrue();
        }
        assertThat(peerFailed.get()).isNull();
    }

    private static void readHead(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.US_ASCII));
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            // the request's head: read so that the client is waiting for an answer
        }
    }
}
