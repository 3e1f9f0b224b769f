package io.travobooks.spi.channel;

/**
 * One provider of one channel (an SMTP relay, an SMS gateway, a WhatsApp business API). Implementations send and
 * classify the answer; they never retry, since failover and retries are the orchestrator's.
 */
public interface MessageProvider {
    /** A name for logs and delivery records, for example {@code smtp-primary}. */
    String name();

    SendResult send(OutboundMessage message);
}
