package io.travobooks.channel.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.travobooks.spi.channel.MessageRecord;
import io.travobooks.spi.channel.MessageStore;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Takes a provider's delivery callbacks: {@code {"id": "<provider message id>", "status": "delivered" | "failed",
 * "reason": "..."}}, signed as {@link ProviderSignature} says under the callback secret shared with that provider.
 * An unsigned or badly signed callback is refused and changes nothing; a signed one moves its sent message to
 * delivered or failed.
 */
public final class DeliveryCallbacks {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What became of a callback. */
    public enum Result {
        /** The message's status changed. */
        UPDATED,
        /** Signed and well formed, about a message we know, whose status is final already or was never sent. */
        IGNORED,
        /**
         * Signed and well formed, but no message of this provider has the id yet: the callback may have overtaken
         * our record of the send. Answer so that the provider posts it again later (for example 503); providers
         * give up after their own number of tries, so an id we never learn is not asked about forever.
         */
        NOT_YET_KNOWN,
        /** No signature, or one that does not match: not from the provider. */
        REFUSED_SIGNATURE,
        /** Signed, but not a callback this understands. */
        MALFORMED
    }

    private final MessageStore store;
    private final Map<String, String> secrets;
    private final Clock clock;

    /** @param secrets each provider's callback secret, by provider name */
    public DeliveryCallbacks(MessageStore store, Map<String, String> secrets, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.secrets = Map.copyOf(secrets);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Handles the callback {@code provider} posted, with its headers (names in lower case) and raw body. */
    public Result receive(String provider, Map<String, String> headers, byte[] body) {
        if (!ProviderSignature.verifies(secrets.get(provider), headers, body)) {
            return Result.REFUSED_SIGNATURE;
        }
        JsonNode callback;
        try {
            callback = JSON.readTree(body);
        } catch (IOException e) {
            return Result.MALFORMED;
        }
        String id = callback.path("id").asText("");
        MessageRecord.Status status = switch (callback.path("status").asText("")) {
            case "delivered" -> MessageRecord.Status.DELIVERED;
            case "failed", "undelivered" -> MessageRecord.Status.FAILED;
            default -> null;
        };
        if (id.isBlank() || status == null) {
            return Result.MALFORMED;
        }
        Optional<String> reason = callback.hasNonNull("reason") ? Optional.of(callback.get("reason").asText())
                : Optional.empty();
        return store.transactions().inTransaction(uow -> {
            if (store.updateFromProvider(uow, provider, id, status, reason, clock.instant())) {
                return Result.UPDATED;
            }
            return store.findByProvider(uow, provider, id).isPresent() ? Result.IGNORED : Result.NOT_YET_KNOWN;
        });
    }
}
