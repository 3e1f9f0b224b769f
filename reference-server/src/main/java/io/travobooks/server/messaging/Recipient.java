package io.travobooks.server.messaging;

import io.travobooks.messaging.notify.Channel;
import io.travobooks.messaging.notify.Notifier;
import io.travobooks.messaging.notify.RecipientPreferences;
import io.travobooks.spi.TenantId;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A person the tenant notifies (a customer, a traveller, an agent): their language, their address per channel and
 * their preferences, at a version that every change moves on.
 */
public record Recipient(TenantId tenant, String id, String languageTag, Map<Channel, String> addresses,
                        RecipientPreferences preferences, long version, Instant updatedAt) {
    public Recipient {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(languageTag, "languageTag");
        addresses = Map.copyOf(addresses);
        Objects.requireNonNull(preferences, "preferences");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** As the notifier takes them. */
    public Notifier.Recipient toNotifier() {
        return new Notifier.Recipient(id, languageTag, addresses, preferences);
    }
}
