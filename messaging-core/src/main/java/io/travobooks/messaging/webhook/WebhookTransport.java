package io.travobooks.messaging.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Makes one delivery attempt to an endpoint (HTTP in production: {@code adapters/webhook-http}). */
@FunctionalInterface
public interface WebhookTransport {

    /** What an attempt returned: the policy's view, plus what the attempt log keeps. */
    record Result(DeliveryPolicy.Attempt attempt, Optional<Integer> status, String responseExcerpt, Duration took) {
        public Result {
            Objects.requireNonNull(attempt, "attempt");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(responseExcerpt, "responseExcerpt");
            Objects.requireNonNull(took, "took");
        }
    }

    /** Either the attempt was made, or the target was refused (SSRF guard) and nothing was sent. */
    sealed interface Transmission {
        record Sent(Result result) implements Transmission {
        }

        record Refused(SsrfGuard.Refusal reason, String detail) implements Transmission {
        }
    }

    /** POSTs {@code body} (JSON) with {@code headers} (the signature headers among them) to {@code target}. */
    Transmission send(URI target, Map<String, String> headers, byte[] body);
}
