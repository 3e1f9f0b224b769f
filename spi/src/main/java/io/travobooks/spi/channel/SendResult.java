package io.travobooks.spi.channel;

import java.util.Objects;

/** What a provider said to one send. */
public sealed interface SendResult {
    /** The provider took the message; its id for it, to match delivery callbacks. */
    record Accepted(String providerMessageId) implements SendResult {
        public Accepted {
            Objects.requireNonNull(providerMessageId, "providerMessageId");
        }
    }

    /**
     * The provider refused the message for a reason another provider would share (an invalid address, content
     * refused): trying the next provider is pointless.
     */
    record Rejected(String reason) implements SendResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The provider could not take it now (down, timing out, throttling): another provider may. */
    record Failed(String reason) implements SendResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
