package io.travobooks.spi.ledger;

import io.travobooks.spi.EntryId;
import io.travobooks.spi.TenantId;

/** A pending entry that has passed its expiry and has not been posted or voided. */
public record PendingRef(TenantId tenant, EntryId id) {
}
