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

    /**
     * The provider did not get it (down, unreachable, throttling, refusing for now): another provider may take it.
     */
    record Failed(String reason) implements SendResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The message went out but no answer came back (a response timeout, a connection lost mid-answer): the
     * provider may have taken it. Another provider could send it twice, so the send ends here and is tried again
     * later on the same provider only (the notifier binds the message to it), whose idempotency key (the message
     * id) makes the repeat harmless.
     */
    record Unknown(String reason) implements SendResult {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
