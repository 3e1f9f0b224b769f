package io.travobooks.server.stream;

import io.helidon.websocket.WsSession;
import io.travobooks.server.auth.Credentials;
import io.travobooks.server.auth.Scope;
import io.travobooks.spi.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One open stream: its session, the key it connected with, and its own queue and sender, so that a client that
 * reads slowly holds up only itself. A client whose queue fills is disconnected rather than waited for.
 */
final class StreamSubscriber {
    static final int GOING_AWAY = 1001;
    static final int POLICY_VIOLATION = 1008;
    private static final Logger LOG = LoggerFactory.getLogger(StreamSubscriber.class);
    private static final int QUEUE = 256;

    private final WsSession session;
    private final String key;
    private final TenantId tenant;
    private final BlockingQueue<String> events = new ArrayBlockingQueue<>(QUEUE);
    private final Thread sender;

    StreamSubscriber(WsSession session, String key, TenantId tenant) {
        this.session = session;
        this.key = key;
        this.tenant = tenant;
        this.sender = Thread.ofVirtual().name("stream-sender").start(this::send);
    }

    TenantId tenant() {
        return tenant;
    }

    /** Whether the key it connected with still lets it read this tenant's bookings (the cache answers). */
    boolean stillAllowed(Credentials keys) {
        return mayRead(keys, Scope.BOOKINGS_READ);
    }

    /** Whether the key it connected with lets it read {@code scope}'s data of this tenant too (the inbox). */
    boolean mayRead(Credentials keys, Scope scope) {
        return keys.authenticate(key).filter(caller -> caller.tenant().equals(tenant))
                .filter(caller -> caller.has(Scope.BOOKINGS_READ) && caller.has(scope)).isPresent();
    }

    /** Queues an event; false when the queue is full. */
    boolean offer(String event) {
        return events.offer(event);
    }

    /** The session is closing already: only the sender stops. */
    void stop() {
        sender.interrupt();
    }

    /** Closes the session from this side, with a status and reason for the client. */
    void end(int code, String reason) {
        stop();
        try {
            session.close(code, reason);
        } catch (RuntimeException e) {
            LOG.debug("the stream session was already gone", e);
        }
    }

    private void send() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                session.send(events.take(), true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("a stream session went away", e);
        }
    }
}
