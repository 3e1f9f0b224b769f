package io.travobooks.spi.channel;

import io.travobooks.spi.TenantId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The delivery status of one message to one recipient on one channel: queued when it was decided to send it, sent
 * when a provider took it, delivered or failed when the provider said so (a callback), failed also when every
 * provider refused it. {@code reason} says why it failed.
 */
public record MessageRecord(TenantId tenant, String messageId, String eventId, String channel, String recipient,
                           Status status, Optional<String> provider, Optional<String> providerMessageId,
                           Optional<String> reason, Instant updatedAt) {
    public enum Status {
        QUEUED, SENT, DELIVERED, FAILED;

        /** Once delivered or failed, a later, out-of-order callback does not bring a message back. */
        public boolean isFinal() {
            return this == DELIVERED || this == FAILED;
        }
    }

    public MessageRecord {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A message about to be sent. */
    public static MessageRecord queued(TenantId tenant, String messageId, String eventId, String channel,
                                       String recipient, Instant at) {
        return new MessageRecord(tenant, messageId, eventId, channel, recipient, Status.QUEUED, Optional.empty(),
                Optional.empty(), Optional.empty(), at);
    }
}
