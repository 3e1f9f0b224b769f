package io.travobooks.server.messaging;

import io.travobooks.messaging.webhook.WebhookTransport;
import io.travobooks.server.runtime.Lazy;
import io.travobooks.webhook.http.WebhookSender;

import java.net.URI;
import java.util.Map;
import java.util.function.Supplier;

/** The webhook sender, made when the first delivery is attempted; closing closes it only if it was made. */
final class LazySender implements WebhookTransport, AutoCloseable {
    private final Lazy<WebhookSender> sender;
    private volatile boolean closed;

    LazySender(Supplier<WebhookSender> factory) {
        this.sender = Lazy.of(factory);
    }

    @Override
    public Transmission send(URI target, Map<String, String> headers, byte[] body) {
        if (closed) {
            throw new IllegalStateException("the webhook sender is closed");
        }
        return sender.get().send(target, headers, body);
    }

    @Override
    public void close() {
        closed = true;
        sender.ifMade().ifPresent(WebhookSender::close);
    }
}
