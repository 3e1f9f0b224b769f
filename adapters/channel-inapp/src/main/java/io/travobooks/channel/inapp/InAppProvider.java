package io.travobooks.channel.inapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.channel.MessageProvider;
import io.travobooks.spi.channel.OutboundMessage;
import io.travobooks.spi.channel.SendResult;
import io.travobooks.spi.pubsub.PubSub;

import java.util.Objects;

/**
 * Pushes a notification to the recipient's connected clients (a browser tab, an agent's console) through the pub/sub
 * fan-out: one JSON message ({@code id}, {@code subject}, {@code text}) on {@link #channelOf} the tenant and
 * recipient, which every node holding one of the recipient's connections subscribes to. Pub/sub keeps nothing, so
 * a recipient with no client connected misses the push. The message store records that the message was sent, not
 * what it said: a client that connects later learns of it from what it concerns (the booking), since there is no
 * catch-up API yet.
 */
public final class InAppProvider implements MessageProvider {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final PubSub pubSub;

    public InAppProvider(String name, PubSub pubSub) {
        this.name = Objects.requireNonNull(name, "name");
        this.pubSub = Objects.requireNonNull(pubSub, "pubSub");
    }

    /** The pub/sub channel of one recipient's clients. */
    public static String channelOf(TenantId tenant, String recipient) {
        return "inapp:" + tenant.value() + ":" + recipient;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SendResult send(OutboundMessage message) {
        ObjectNode push = JSON.createObjectNode();
        push.put("id", message.messageId());
        push.put("subject", message.subject());
        push.put("text", message.body());
        String payload;
        try {
            payload = JSON.writeValueAsString(push);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a push as JSON", e);
        }
        try {
            pubSub.publish(channelOf(message.tenant(), message.recipient()), payload);
        } catch (RuntimeException e) {
            return new SendResult.Failed("pub/sub: " + e.getMessage());
        }
        return new SendResult.Accepted(message.messageId());
    }
}
