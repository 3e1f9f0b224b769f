package io.travobooks.spi.channel;

import io.travobooks.spi.TenantId;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One message to one recipient on one channel, as rendered: a subject (empty where the channel has none), a text
 * body and attachments. {@code messageId} is ours, stable across retries and providers, so that a provider that
 * de-duplicates by it, and the delivery status, refer to the same message. A message with a {@code template} is
 * sent as that approved template (its body then only says what the template says, for the record).
 */
public record OutboundMessage(String messageId, TenantId tenant, String recipient, String subject, String body,
                              List<Attachment> attachments, Optional<ApprovedTemplate> template) {
    public OutboundMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        attachments = List.copyOf(attachments);
        Objects.requireNonNull(template, "template");
    }

    /** A free-text message. */
    public OutboundMessage(String messageId, TenantId tenant, String recipient, String subject, String body,
                           List<Attachment> attachments) {
        this(messageId, tenant, recipient, subject, body, attachments, Optional.empty());
    }
}
