package io.travobooks.messaging.notify;

import io.travobooks.spi.channel.MessageProvider;
import io.travobooks.spi.channel.OutboundMessage;
import io.travobooks.spi.channel.SendResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The providers of one channel, in order of preference: a send goes to the first, and moves to the next only when a
 * provider failed for a reason of its own ({@link SendResult.Failed}: down, timing out, throttling). A provider
 * that accepts ends the send; one that rejects the message ({@link SendResult.Rejected}: an invalid address) ends
 * it too, since the next would reject it as well; so does one whose answer did not come back
 * ({@link SendResult.Unknown}), since it may have sent the message and the next would send it again (the caller
 * asks that provider alone next time: {@link #send(OutboundMessage, Optional)}). A provider
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
    public record Attempts(List<Attempt> attempts) {
        public Attempts {
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

    public Attempts send(OutboundMessage message) {
        return send(message, Optional.empty());
    }

    /**
     * Sends through {@code boundTo} alone when it is given and still in the chain (a provider whose earlier answer
     * did not come back, which may have the message already: another could send it twice); through the chain
     * otherwise.
     */
    public Attempts send(OutboundMessage message, Optional<String> boundTo) {
        Objects.requireNonNull(message, "message");
        List<MessageProvider> asked = boundTo.flatMap(name -> providers.stream()
                .filter(p -> p.name().equals(name)).findFirst()).map(List::of).orElse(providers);
        List<Attempt> attempts = new ArrayList<>();
        for (MessageProvider provider : asked) {
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
        return new Attempts(attempts);
    }
}
