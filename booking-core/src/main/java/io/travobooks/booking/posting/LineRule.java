package io.travobooks.booking.posting;

import io.travobooks.spi.AccountId;
import io.travobooks.spi.ledger.Side;

import java.util.Objects;

/**
 * One line of a rule: post {@code amount} to {@code account} on {@code side}. A zero amount posts no line, a
 * negative one posts on the other side (a remittance variance either way). {@code taxCode} (empty: none) is put
 * on the line as its tax-code dimension.
 */
public record LineRule(Side side, AccountId account, Amount amount, String taxCode) {
    public LineRule {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(taxCode, "taxCode");
    }

    public static LineRule debit(String account, Amount amount) {
        return new LineRule(Side.DEBIT, AccountId.of(account), amount, "");
    }

    public static LineRule credit(String account, Amount amount) {
        return new LineRule(Side.CREDIT, AccountId.of(account), amount, "");
    }

    public LineRule taxed(String code) {
        return new LineRule(side, account, amount, code);
    }
}
