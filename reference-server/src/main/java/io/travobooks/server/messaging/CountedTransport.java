package io.travobooks.server.messaging;

import io.travobooks.messaging.webhook.DeliveryPolicy;
import io.travobooks.messaging.webhook.WebhookTransport;
import io.travobooks.server.runtime.Metrics;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** A webhook transport whose every attempt is counted by outcome: 2xx, 3xx, 4xx, 5xx, no answer, refused, error. */
final class CountedTransport implements WebhookTransport {
    private final WebhookTransport delegate;
    private final Metrics metrics;

    CountedTransport(WebhookTransport delegate, Metrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public Transmission send(URI target, Map<String, String> headers, byte[] body) {
        Transmission transmission;
        try {
            transmission = delegate.send(target, headers, body);
        } catch (RuntimeException e) {
            metrics.webhookAttempt("error", Duration.ZERO);
            throw e;
        }
        switch (transmission) {
            case Transmission.Sent sent -> metrics.webhookAttempt(switch (sent.result().attempt()) {
                case DeliveryPolicy.Attempt.Answered answered -> answered.status() / 100 + "xx";
                case DeliveryPolicy.Attempt.NoAnswer noAnswer -> "no_answer";
            }, sent.result().took());
            case Transmission.Refused refused -> metrics.webhookAttempt("refused", Duration.ZERO);
        }
        return transmission;
    }
}
