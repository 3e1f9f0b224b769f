package io.travobooks.spi.booking;

import io.travobooks.spi.Money;
import io.travobooks.spi.TenantId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to a supplier that changes an order, recorded as {@link Status#PENDING} and committed before it is
 * sent, so that after a crash the reconciler knows it may have reached the supplier. {@code idempotencyKey} is the
 * caller's key for the request that caused it (unique per tenant): a repeated call finds the first one.
 * {@code amount} is what the request asked for, when it names one (an EMD's value).
 */
public record SupplierRequest(TenantId tenant, String requestId, String bookingId, String call,
                              Optional<String> idempotencyKey, Optional<Money> amount, Status status,
                              Instant createdAt) {

    public enum Status {
        /** Recorded; sent or about to be sent. */
        PENDING,
        /** The supplier did it. */
        SUCCEEDED,
        /** The supplier definitely did not. */
        FAILED,
        /** The answer was ambiguous; only a retrieve tells. */
        UNKNOWN
    }

    public SupplierRequest {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        if (requestId.isBlank() || requestId.length() > 64) {
            throw new IllegalArgumentException("a request id has 1 to 64 characters");
        }
        idempotencyKey.ifPresent(key -> {
            if (key.isBlank() || key.length() > 128) {
                throw new IllegalArgumentException("an idempotency key has 1 to 128 characters");
            }
        });
    }
}
