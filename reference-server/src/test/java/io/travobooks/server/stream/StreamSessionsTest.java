package io.travobooks.server.stream;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.socket.SocketContext;
import io.helidon.websocket.WsSession;
import io.travobooks.spi.TenantId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StreamSessionsTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");

    @Test
    void closingEndsEveryStreamOnceWithGoingAway() {
        StreamSessions sessions = new StreamSessions();
        ClosingSession first = new ClosingSession();
        ClosingSession second = new ClosingSession();
        sessions.join(new StreamSubscriber(first, "key-1", ACME));
        sessions.join(new StreamSubscriber(second, "key-2", GLOBEX));

        sessions.closeAll();
        sessions.closeAll();

        assertThat(first.closes).containsExactly(StreamSubscriber.GOING_AWAY);
        assertThat(second.closes).containsExactly(StreamSubscriber.GOING_AWAY);
        assertThat(sessions.of(ACME)).isEmpty();
        assertThat(sessions.of(GLOBEX)).isEmpty();
    }

    @Test
    void aStreamOpenedAfterTheCloseIsEndedAtOnce() {
        StreamSessions sessions = new StreamSessions();
        sessions.closeAll();
        ClosingSession late = new ClosingSession();

        sessions.join(new StreamSubscriber(late, "key-1", ACME));

        assertThat(late.closes).containsExactly(StreamSubscriber.GOING_AWAY);
        assertThat(sessions.of(ACME)).isEmpty();
    }

    @Test
    void aStreamItsClientClosedIsNotClosedAgain() {
        StreamSessions sessions = new StreamSessions();
        ClosingSession left = new ClosingSession();
        StreamSubscriber subscriber = new StreamSubscriber(left, "key-1", ACME);
        sessions.join(subscriber);

        assertThat(sessions.remove(subscriber)).isTrue();
        sessions.end(subscriber, StreamSubscriber.POLICY_VIOLATION, "too slow");
        sessions.closeAll();

        assertThat(left.closes).isEmpty();
        assertThat(sessions.remove(subscriber)).isFalse();
        subscriber.stop(); // as the endpoint does when its connection closes
    }

    @Test
    void streamsOpeningWhileTheHubClosesAreEachEndedOnce() throws Exception {
        for (int trial = 0; trial < 50; trial++) {
            StreamSessions sessions = new StreamSessions();
            List<ClosingSession> opened = new CopyOnWriteArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> openers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                openers.add(Thread.ofPlatform().start(() -> {
                    awaitQuietly(start);
                    for (int i = 0; i < 25; i++) {
                        ClosingSession session = new ClosingSession();
                        opened.add(session);
                        sessions.join(new StreamSubscriber(session, "key", i % 2 == 0 ? ACME : GLOBEX));
                    }
                }));
            }
            Thread closer = Thread.ofPlatform().start(() -> {
                awaitQuietly(start);
                sessions.closeAll();
            });
            start.countDown();
            closer.join(TimeUnit.SECONDS.toMillis(10));
            for (Thread opener : openers) {
                opener.join(TimeUnit.SECONDS.toMillis(10));
            }

            assertThat(opened).hasSize(100);
            assertThat(opened).allSatisfy(session ->
                    assertThat(session.closes).containsExactly(StreamSubscriber.GOING_AWAY));
            assertThat(sessions.of(ACME)).isEmpty();
            assertThat(sessions.of(GLOBEX)).isEmpty();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A session of which only the closes matter: the codes it was closed with, in order. */
    private static final class ClosingSession implements WsSession {
        final List<Integer> closes = new CopyOnWriteArrayList<>();

        @Override
        public WsSession close(int code, String reason) {
            closes.add(code);
            return this;
        }

        @Override
        public WsSession send(String text, boolean last) {
            return this;
        }

        @Override
        public WsSession send(BufferData bufferData, boolean last) {
            return this;
        }

        @Override
        public WsSession ping(BufferData bufferData) {
            return this;
        }

        @Override
        public WsSession pong(BufferData bufferData) {
            return this;
        }

        @Override
        public WsSession terminate() {
            return this;
        }

        @Override
        public SocketContext socketContext() {
            throw new UnsupportedOperationException("not used by the stream's sessions");
        }
    }
}
