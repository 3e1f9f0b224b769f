package io.travobooks.spi.ledger;

import io.travobooks.spi.AccountId;
import io.travobooks.spi.TenantId;

import java.util.Comparator;
import java.util.Currency;
import java.util.Objects;

/** One balance row: an account in one currency. Its natural order is the order in which rows are locked. */
public record BalanceKey(TenantId tenant, AccountId account, Currency currency) implements Comparable<BalanceKey> {
    private static final Comparator<BalanceKey> ORDER = Comparator.comparing(BalanceKey::tenant)
            .thenComparing(BalanceKey::account)
            .thenComparing(key -> key.currency().getCurrencyCode());

    public BalanceKey {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(currency, "currency");
    }

    @Override
    public int compareTo(BalanceKey other) {
        return ORDER.compare(this, other);
    }
}
