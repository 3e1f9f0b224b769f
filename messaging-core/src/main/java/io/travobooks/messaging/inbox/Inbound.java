package io.travobooks.messaging.inbox;

import io.travobooks.messaging.notify.Channel;
import io.travobooks.spi.TenantId;

import java.time.Instant;
import java.util.Objects;

/**
 * A message a customer sent us, as a provider's webhook or the inbound-mail hook delivered it: the channel, the
 * address it came from (at most 320 chars), the provider's id for it (at most 150; it makes a repeated delivery
 * harmless), and its content.
 */
public record Inbound(TenantId tenant, Channel channel, String from, String providerMessageId, String subject,
                      String text, Instant at) {
    public Inbound {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(at, "at");
        if (from.isBlank() || from.length() > 320 || providerMessageId.isBlank() || providerMessageId.length() > 150) {
            throw new IllegalArgumentException("an inbound message has a sender of 1 to 320 chars and a provider id "
                    + "of 1 to 150");
        }
    }
}
