package io.travobooks.ledger;

import io.travobooks.spi.AccountId;
import io.travobooks.spi.ledger.AccountType;
import io.travobooks.spi.ledger.Side;

import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An account to open. The normal balance defaults to the type's usual side; override it for contra accounts.
 *
 * @param currency   restrict the account to one currency
 * @param noNegative refuse postings that take the normal-direction balance below zero
 * @param limitMinor refuse postings that take the normal-direction balance above this many minor units
 */
public record AccountSpec(AccountId id, String name, AccountType type, Side normalSide, Optional<AccountId> parent,
                          Optional<Currency> currency, boolean noNegative, OptionalLong limitMinor) {

    public AccountSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(normalSide, "normalSide");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(limitMinor, "limitMinor");
    }

    public static AccountSpec of(String code, String name, AccountType type) {
        return new AccountSpec(AccountId.of(code), name, type, type.usualNormalSide(), Optional.empty(),
                Optional.empty(), false, OptionalLong.empty());
    }

    public AccountSpec under(String parentCode) {
        return new AccountSpec(id, name, type, normalSide, Optional.of(AccountId.of(parentCode)), currency,
                noNegative, limitMinor);
    }

    public AccountSpec onlyIn(String currencyCode) {
        return new AccountSpec(id, name, type, normalSide, parent, Optional.of(Currency.getInstance(currencyCode)),
                noNegative, limitMinor);
    }

    public AccountSpec mustNotGoNegative() {
        return new AccountSpec(id, name, type, normalSide, parent, currency, true, limitMinor);
    }

    public AccountSpec limitedTo(long minor) {
        return new AccountSpec(id, name, type, normalSide, parent, currency, noNegative, OptionalLong.of(minor));
    }

    public AccountSpec normally(Side side) {
        return new AccountSpec(id, name, type, side, parent, currency, noNegative, limitMinor);
    }
}
