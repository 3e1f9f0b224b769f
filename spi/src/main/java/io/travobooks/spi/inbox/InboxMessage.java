package io.travobooks.spi.inbox;

import io.travobooks.spi.TenantId;

import java.time.Instant;
import java.util.Objects;

/**
 * One message of a conversation: what the contact wrote (inbound) or what an agent answered (outbound).
 * {@code messageId} is unique per tenant: an inbound message's comes from the provider's id, so a provider that
 * posts the same message twice adds it once.
 */
public record InboxMessage(TenantId tenant, String conversationId, String messageId, Direction direction,
                           String subject, String text, Instant at) {
    public enum Direction { INBOUND, OUTBOUND }

    /** The longest subject a store keeps, in chars. */
    public static final int MAX_SUBJECT = 1_000;
    /** The longest text a store keeps, in chars. */
    public static final int MAX_TEXT = 1_000_000;

    public InboxMessage {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(at, "at");
        if (subject.length() > MAX_SUBJECT || text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("a subject has at most " + MAX_SUBJECT + " chars, a text "
                    + MAX_TEXT);
        }
    }
}
