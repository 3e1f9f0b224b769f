package io.travobooks.ledger;

import io.travobooks.spi.TenantId;

import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/** A tenant's ledger: the currency it reports in, and the last day of its closed periods. */
public record LedgerTenant(TenantId id, Currency functionalCurrency, Optional<LocalDate> closedThrough) {
    public LedgerTenant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(functionalCurrency, "functionalCurrency");
        Objects.requireNonNull(closedThrough, "closedThrough");
    }
}
