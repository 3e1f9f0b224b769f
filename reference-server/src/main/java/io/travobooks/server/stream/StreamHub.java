package io.travobooks.server.stream;

import io.helidon.websocket.WsSession;
import io.travobooks.booking.service.BookingService;
import io.travobooks.server.http.Json;
import io.travobooks.server.bookings.BookingViews;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.pubsub.PubSub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real-time stream's fan-out. A change is announced on pub/sub once its transaction has ended; every node,
 * the writing one included, pushes it to the stream sessions it holds for that tenant, so a client connected to
 * one node sees what another node did. Each node reads the booking from the database, not from a cache whose drop
 * might arrive after the announcement.
 */
public final class StreamHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamHub.class);
    static final String CHANNEL = "stream";
    private static final String BOOKING_CHANGED = "booking.changed";

    private final PubSub pubSub;
    private final BookingService bookings;
    private final Map<TenantId, Set<WsSession>> sessions = new ConcurrentHashMap<>();
    private final PubSub.Subscription subscription;

    public StreamHub(PubSub pubSub, BookingService bookings) {
        this.pubSub = pubSub;
        this.bookings = bookings;
        this.subscription = pubSub.subscribe(CHANNEL, this::deliver);
    }

    /** A booking was written (its transaction has ended): every node tells its sessions of the tenant. */
    public void bookingChanged(TenantId tenant, String bookingId) {
        pubSub.publish(CHANNEL, BOOKING_CHANGED + "|" + tenant.value() + "|" + bookingId);
    }

    void join(TenantId tenant, WsSession session) {
        sessions.computeIfAbsent(tenant, t -> ConcurrentHashMap.newKeySet()).add(session);
    }

    void leave(TenantId tenant, WsSession session) {
        sessions.computeIfPresent(tenant, (t, held) -> {
            held.remove(session);
            return held.isEmpty() ? null : held;
        });
    }

    private void deliver(String message) {
        String[] parts = message.split("\\|", 3);
        if (parts.length != 3 || !parts[0].equals(BOOKING_CHANGED)) {
            return;
        }
        TenantId tenant = TenantId.of(parts[1]);
        Set<WsSession> listening = sessions.get(tenant);
        if (listening == null || listening.isEmpty()) {
            return;
        }
        bookings.find(new RequestContext(tenant, "stream"), parts[2]).ifPresent(booking -> {
            String event = "{\"type\":\"" + BOOKING_CHANGED + "\",\"booking\":"
                    + new String(Json.write(BookingViews.BookingView.of(booking)), StandardCharsets.UTF_8) + "}";
            for (WsSession session : listening) {
                try {
                    session.send(event, true);
                } catch (RuntimeException e) {
                    LOG.debug("a stream session went away", e);
                    leave(tenant, session);
                }
            }
        });
    }

    @Override
    public void close() {
        subscription.close();
    }
}
