package io.travobooks.spi.webhook;

import io.travobooks.spi.TenantId;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The log of one attempt: when, the endpoint's status code (none without an answer), a bounded excerpt of its
 * response or the reason there was none, and how long it took.
 */
public record DeliveryAttempt(TenantId tenant, String deliveryId, int number, Instant at, Optional<Integer> status,
                              String detail, Duration took) {
    public static final int MAX_DETAIL = 2_000;

    public DeliveryAttempt {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(took, "took");
        if (number < 1) {
            throw new IllegalArgumentException("attempts count from 1");
        }
        detail = detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail;
    }
}
