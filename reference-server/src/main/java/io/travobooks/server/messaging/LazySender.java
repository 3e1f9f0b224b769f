package io.travobooks.server.messaging;

import io.travobooks.messaging.webhook.WebhookTransport;
import io.travobooks.webhook.http.WebhookSender;

import java.net.URI;
import java.util.Map;
import java.util.function.Supplier;

/** The webhook sender, made when the first delivery is attempted; closing closes it only if it was made. */
final class LazySender implements WebhookTransport, AutoCloseable {
    private final Supplier<WebhookSender> factory;
    private WebhookSender sender;
    private boolean closed;

    LazySender(Supplier<WebhookSender> factory) {
        this.factory = factory;
    }

    @Override
    public Transmission send(URI target, Map<String, String> headers, byte[] body) {
        return sender().send(target, headers, body);
    }

    private synchronized WebhookSender sender() {
        if (closed) {
            throw new IllegalStateException("the webhook sender is closed");
        }
        if (sender == null) {
            sender = factory.get();
        }
        return sender;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (sender != null) {
            sender.close();
        }
    }
}
