package io.travobooks.spi.ledger;

import io.travobooks.spi.AccountId;
import io.travobooks.spi.TenantId;

import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An account of a tenant's chart.
 *
 * @param currency      when present, the only currency the account accepts
 * @param noNegative    the balance in the normal direction must not go below zero
 * @param limitMinor    when present, the balance in the normal direction must not exceed it (minor units)
 */
public record Account(TenantId tenant, AccountId id, String name, AccountType type, Side normalSide,
                      Optional<AccountId> parent, AccountStatus status, Optional<Currency> currency,
                      boolean noNegative, OptionalLong limitMinor) {

    public Account {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(normalSide, "normalSide");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(limitMinor, "limitMinor");
        if (name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("account name must be 1..200 characters");
        }
        if (parent.isPresent() && parent.get().equals(id)) {
            throw new IllegalArgumentException("account cannot be its own parent: " + id);
        }
        if (limitMinor.isPresent() && limitMinor.getAsLong() < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
    }

    public boolean isOpen() {
        return status == AccountStatus.OPEN;
    }

    public Account withStatus(AccountStatus newStatus) {
        return new Account(tenant, id, name, type, normalSide, parent, newStatus, currency, noNegative, limitMinor);
    }
}
