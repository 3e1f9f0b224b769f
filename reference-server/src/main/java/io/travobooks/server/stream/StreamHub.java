package io.travobooks.server.stream;

import io.travobooks.booking.service.BookingService;
import io.travobooks.server.auth.Credentials;
import io.travobooks.server.auth.Scope;
import io.travobooks.server.bookings.BookingViews;
import io.travobooks.server.http.Json;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.pubsub.PubSub;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The real-time stream's fan-out. A change is announced on pub/sub once its transaction has ended; every node,
 * the writing one included, pushes it to the stream sessions it holds for that tenant, so a client connected to
 * one node sees what another node did. Each node reads the booking from the database (not from a cache whose
 * drop might arrive after the announcement), once per change, on the subscription's thread so that changes keep
 * their order; sending is each session's own business (see {@link StreamSubscriber}). A session's key is checked
 * again at every event: a key revoked or expired since the connection opened ends it.
 */
public final class StreamHub implements AutoCloseable {
    static final String CHANNEL = "stream";
    private static final String BOOKING_CHANGED = "booking.changed";
    private static final String INBOX_MESSAGE = "inbox.message";

    private final PubSub pubSub;
    private final BookingService bookings;
    private final Credentials keys;
    private final StreamSessions sessions = new StreamSessions();
    private final PubSub.Subscription subscription;

    public StreamHub(PubSub pubSub, BookingService bookings, Credentials keys) {
        this.pubSub = pubSub;
        this.bookings = bookings;
        this.keys = keys;
        this.subscription = pubSub.subscribe(CHANNEL, this::deliver);
    }

    /** A booking was written (its transaction has ended): every node tells its sessions of the tenant. */
    public void bookingChanged(TenantId tenant, String bookingId) {
        pubSub.publish(CHANNEL, BOOKING_CHANGED + "|" + tenant.value() + "|" + bookingId);
    }

    /** A customer's message was filed in a conversation: every node tells its sessions of the tenant. */
    public void inboxMessage(TenantId tenant, String conversationId) {
        pubSub.publish(CHANNEL, INBOX_MESSAGE + "|" + tenant.value() + "|" + conversationId);
    }

    /** A stream opened; ended at once when the hub is closed. */
    void join(StreamSubscriber subscriber) {
        sessions.join(subscriber);
    }

    /** The stream's connection closed or failed. */
    void leave(StreamSubscriber subscriber) {
        sessions.remove(subscriber);
    }

    private void deliver(String message) {
        String[] parts = message.split("\\|", 3);
        if (parts.length != 3) {
            return;
        }
        TenantId tenant = TenantId.of(parts[1]);
        Set<StreamSubscriber> listening = sessions.of(tenant);
        if (listening.isEmpty()) {
            return;
        }
        switch (parts[0]) {
            case BOOKING_CHANGED -> bookings.find(new RequestContext(tenant, "stream"), parts[2]).ifPresent(booking ->
                    send(listening, "{\"type\":\"" + BOOKING_CHANGED + "\",\"booking\":"
                            + new String(Json.write(BookingViews.BookingView.of(booking)), StandardCharsets.UTF_8)
                            + "}"));
            // Only to sessions whose key may read the inbox: the others learn nothing of its conversations.
            case INBOX_MESSAGE -> send(listening.stream().filter(s -> s.mayRead(keys, Scope.MESSAGING_READ))
                    .collect(Collectors.toSet()), new String(Json.write(Map.of("type", INBOX_MESSAGE,
                    "conversation_id", parts[2])), StandardCharsets.UTF_8));
            default -> { } // a kind of event this node does not know yet (a newer node's): not its to push
        }
    }

    private void send(Set<StreamSubscriber> listening, String event) {
        for (StreamSubscriber subscriber : listening) {
            if (!subscriber.stillAllowed(keys)) {
                sessions.end(subscriber, StreamSubscriber.POLICY_VIOLATION, "the key is no longer valid");
            } else if (!subscriber.offer(event)) {
                sessions.end(subscriber, StreamSubscriber.POLICY_VIOLATION, "too slow: events were waiting");
            }
        }
    }

    @Override
    public void close() {
        subscription.close();
        sessions.closeAll();
    }
}
