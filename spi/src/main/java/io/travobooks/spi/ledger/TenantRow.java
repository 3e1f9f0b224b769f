package io.travobooks.spi.ledger;

import io.travobooks.spi.TenantId;

import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's ledger header. Every write to a tenant's ledger locks this row first, which serialises the tenant's
 * writers in one place and makes the sequence and the period lock consistent.
 *
 * @param nextSeq         the seq the next entry gets
 * @param closedThrough   postings dated on or before this day are refused
 * @param chartVersion    bumped on every change to the chart, so a cached chart can be checked cheaply
 */
public record TenantRow(TenantId tenant, Currency functionalCurrency, Optional<LocalDate> closedThrough,
                        long nextSeq, long chartVersion) {
    public TenantRow {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(functionalCurrency, "functionalCurrency");
        Objects.requireNonNull(closedThrough, "closedThrough");
    }
}
