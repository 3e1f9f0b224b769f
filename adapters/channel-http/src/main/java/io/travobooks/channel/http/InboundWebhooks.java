package io.travobooks.channel.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.travobooks.messaging.inbox.Inbound;
import io.travobooks.messaging.inbox.Inbox;
import io.travobooks.messaging.notify.Channel;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.inbox.Conversation;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Takes what customers send us through a provider's webhook (WhatsApp, SMS) or an inbound-mail hook (email):
 * {@code {"id": "<provider message id>", "from": "<address>", "subject": "...", "text": "...", "timestamp":
 * "<ISO-8601>"}}, signed as {@link ProviderSignature} says under the secret of the source it came through. An
 * unsigned or badly signed request is refused and files nothing; a signed one lands in the {@link Inbox}.
 */
public final class InboundWebhooks {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A source of inbound messages: the tenant whose customers write through it, its channel and the secret it
     * signs with. The tenant is the source's, never the request's: a request cannot file into another tenant's
     * inbox by naming it.
     */
    public record Source(TenantId tenant, Channel channel, String secret) {
        public Source {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(secret, "secret");
        }
    }

    /** What became of a request. */
    public sealed interface Result {
        /** Filed in this conversation (again, harmlessly, if the source repeated it). */
        record Filed(Conversation conversation) implements Result {
        }

        /** No source by that name, no signature, or one that does not match. */
        record RefusedSignature() implements Result {
        }

        /** Signed, but not a message this understands. */
        record Malformed(String detail) implements Result {
        }
    }

    private final Inbox inbox;
    private final Map<String, Source> sources;
    private final Clock clock;

    /** @param sources each source by the name in its webhook's URL */
    public InboundWebhooks(Inbox inbox, Map<String, Source> sources, Clock clock) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.sources = Map.copyOf(sources);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Handles a request that {@code source} posted, with its headers (lower case) and body. */
    public Result receive(String source, Map<String, String> headers, byte[] body) {
        Source known = sources.get(source);
        if (known == null || !ProviderSignature.verifies(known.secret(), headers, body)) {
            return new Result.RefusedSignature();
        }
        JsonNode message;
        try {
            message = JSON.readTree(body);
        } catch (IOException e) {
            return new Result.Malformed("not JSON");
        }
        String id = message.path("id").asText("");
        String from = message.path("from").asText("");
        String text = message.path("text").asText("");
        if (id.isBlank() || from.isBlank() || id.length() > 150 || from.length() > 320) {
            return new Result.Malformed("an inbound message has an id and a sender");
        }
        Optional<Instant> at = timestamp(message.path("timestamp").asText(""));
        if (at.isEmpty()) {
            return new Result.Malformed("timestamp is not an ISO-8601 instant");
        }
        return new Result.Filed(inbox.receive(new Inbound(known.tenant(), known.channel(), from, id,
                message.path("subject").asText(""), text, at.get())));
    }

    /** The message's time; now when the source gives none. */
    private Optional<Instant> timestamp(String text) {
        if (text.isBlank()) {
            return Optional.of(clock.instant());
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
