package io.travobooks.messaging.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An endpoint's signing secrets: the current one, and after a rotation the previous one until
 * {@link #OVERLAP} has passed, so that a consumer that still verifies with the old secret keeps accepting
 * deliveries while it switches (both signatures travel in the header).
 */
public record EndpointSecrets(WebhookSecret current, Optional<WebhookSecret> previous,
                              Optional<Instant> previousUntil) {
    public static final Duration OVERLAP = Duration.ofHours(24);

    public EndpointSecrets {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(previousUntil, "previousUntil");
        if (previous.isPresent() != previousUntil.isPresent()) {
            throw new IllegalArgumentException("a previous secret has an end, and only then");
        }
    }

    public static EndpointSecrets of(WebhookSecret current) {
        return new EndpointSecrets(current, Optional.empty(), Optional.empty());
    }

    /** {@code next} signs from now on; the current secret keeps signing too for {@link #OVERLAP}. */
    public EndpointSecrets rotate(WebhookSecret next, Instant now) {
        return new EndpointSecrets(next, Optional.of(current), Optional.of(now.plus(OVERLAP)));
    }

    /** The secrets that sign a delivery attempted at {@code now}: the current one, and the previous in its overlap. */
    public List<WebhookSecret> signingAt(Instant now) {
        return previous.isPresent() && now.isBefore(previousUntil.orElseThrow())
                ? List.of(current, previous.get())
                : List.of(current);
    }
}
