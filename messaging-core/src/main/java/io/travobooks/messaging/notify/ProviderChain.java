package io.travobooks.messaging.notify;

import io.travobooks.spi.channel.MessageProvider;
import io.travobooks.spi.channel.OutboundMessage;
import io.travobooks.spi.channel.SendResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The providers of one channel, in order of preference: a send goes to the first, and moves to the next only when a
 * provider failed for a reason of its own ({@link SendResult.Failed}: down, timing out, throttling). A provider
 * that accepts ends the send; one that rejects the message ({@link SendResult.Rejected}: an invalid address) ends
 * it too, since the next would reject it as well; so does one whose answer did not come back
 * ({@link SendResult.Unknown}), since it may have sent the message and the next would send it again. A provider
 * that throws counts as failed.
 */
public final class ProviderChain {
    private final List<MessageProvider> providers;

    public ProviderChain(List<MessageProvider> providers) {
        this.providers = List.copyOf(providers);
        if (this.providers.isEmpty()) {
            throw new IllegalArgumentException("a channel needs at least one provider");
        }
    }

    /** One provider's answer to a send. */
    public record Attempt(String provider, SendResult result) {
    }

    /** Every attempt of a send, in order; the last one decides. */
    public record Outcome(List<Attempt> attempts) {
        public Outcome {
            attempts = List.copyOf(attempts);
        }

        public SendResult result() {
            return attempts.getLast().result();
        }

        public boolean accepted() {
            return result() instanceof SendResult.Accepted;
        }

        /** The provider that took the message, or that had the last word. */
        public String provider() {
            return attempts.getLast().provider();
        }
    }

    public Outcome send(OutboundMessage message) {
        Objects.requireNonNull(message, "message");
        List<Attempt> attempts = new ArrayList<>();
        for (MessageProvider provider : providers) {
            SendResult result;
            try {
                result = Objects.requireNonNull(provider.send(message), "a provider's result");
            } catch (RuntimeException e) {
                result = new SendResult.Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            attempts.add(new Attempt(provider.name(), result));
            if (!(result instanceof SendResult.Failed)) {
                break;
            }
        }
        return new Outcome(attempts);
    }
}
