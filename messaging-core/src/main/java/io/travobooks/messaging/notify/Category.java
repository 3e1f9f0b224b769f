package io.travobooks.messaging.notify;

import java.util.Set;

/**
 * What kind of message an event makes, which is what recipients opt out of. {@link #CRITICAL} messages (the ticket
 * is issued, money is refunded) go out on the recipient's transactional channel whatever they opted out of.
 */
public enum Category {
    CRITICAL, BOOKING_UPDATES, MARKETING;

    private static final Set<String> CRITICAL_EVENTS = Set.of("booking.issued", "booking.refunded",
            "booking.partially_refunded");

    /** The category of an event type: the issue and refunds are critical, other booking events updates. */
    public static Category of(String eventType) {
        if (CRITICAL_EVENTS.contains(eventType)) {
            return CRITICAL;
        }
        return eventType.startsWith("booking.") ? BOOKING_UPDATES : MARKETING;
    }
}
