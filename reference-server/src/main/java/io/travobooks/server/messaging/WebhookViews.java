package io.travobooks.server.messaging;

import io.travobooks.server.http.ETags;
import io.travobooks.spi.webhook.DeliveryAttempt;
import io.travobooks.spi.webhook.WebhookDelivery;
import io.travobooks.spi.webhook.WebhookEndpoint;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Endpoints, deliveries and attempts as the contract shapes them: never an endpoint's secrets. */
final class WebhookViews {
    private WebhookViews() {
    }

    record EndpointView(String id, String url, List<String> eventTypes, boolean enabled,
                        Optional<String> disabledReason, Optional<Instant> failingSince,
                        Optional<Instant> previousSecretUntil, Instant createdAt) {
        static EndpointView of(WebhookEndpoint endpoint) {
            return new EndpointView(endpoint.id(), endpoint.url().toString(),
                    endpoint.eventTypes().stream().sorted().toList(), endpoint.enabled(), endpoint.disabledReason(),
                    endpoint.failingSince(), endpoint.previousSecretUntil(), endpoint.createdAt());
        }
    }

    /**
     * The endpoint's version: everything a client sees of it, and its secret, so that a rotation (which another
     * client may not have seen the result of) changes it too. The secret goes into a hash only.
     */
    static String etag(WebhookEndpoint endpoint) {
        return ETags.of(endpoint.url(), endpoint.eventTypes().stream().sorted().toList(), endpoint.enabled(),
                endpoint.disabledReason(), endpoint.failingSince(), endpoint.secret(), endpoint.previousSecretUntil());
    }

    /** A registered or rotated endpoint with its secret: the only answer that ever holds one. */
    record WithSecretView(EndpointView endpoint, Optional<String> secret) {
    }

    record DeliveryView(String id, String endpointId, String eventId, String eventType, String status, int attempts,
                        Instant nextAttemptAt, Instant createdAt) {
        static DeliveryView of(WebhookDelivery delivery) {
            return new DeliveryView(delivery.id(), delivery.endpointId(), delivery.eventId(), delivery.eventType(),
                    delivery.status().name(), delivery.attempts(), delivery.nextAttemptAt(), delivery.createdAt());
        }
    }

    record AttemptView(int number, Instant at, Optional<Integer> statusCode, String detail, long tookMs) {
        static AttemptView of(DeliveryAttempt attempt) {
            return new AttemptView(attempt.number(), attempt.at(), attempt.status(), attempt.detail(),
                    attempt.took().toMillis());
        }
    }
}
