package io.travobooks.spi.ledger;

import io.travobooks.spi.EntryId;
import io.travobooks.spi.TenantId;

import java.util.Map;

/** What a posting batch reads first: its tenants' rows, now locked, and which of its entry ids exist already. */
public record BatchStart(Map<TenantId, TenantRow> tenants, Map<TenantId, Map<EntryId, EntryHeader>> headers) {
    public BatchStart {
        tenants = Map.copyOf(tenants);
        headers = Map.copyOf(headers);
    }
}
