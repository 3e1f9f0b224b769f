package io.travobooks.spi.booking;

import io.travobooks.spi.TenantId;

import java.util.Objects;

/** Which booking: its tenant and id. */
public record BookingRef(TenantId tenant, String id) {
    public BookingRef {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
    }
}
