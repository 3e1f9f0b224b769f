package io.travobooks.spi.ledger;

import io.travobooks.spi.EntryId;
import io.travobooks.spi.TenantId;

import java.time.Instant;

/**
 * A pending entry that has passed its expiry and has not been posted or voided. It is also the sweep's position:
 * the next page starts after it in (expiresAt, tenant, id) order.
 */
public record PendingRef(TenantId tenant, EntryId id, Instant expiresAt) {
}
