package io.travobooks.booking.posting;

import io.travobooks.spi.AccountId;
import io.travobooks.spi.ledger.Side;

import java.util.Objects;

/**
 * One line of a rule: post {@code amount} to {@code account} on {@code side}. A zero amount posts no line, a
 * negative one posts on the other side (a remittance variance either way). {@code taxCode} (empty: none) is put
 * on the line as its tax-code dimension. {@code splitTaxes}: the amount includes the government taxes, and when
 * the event's facts give them by code, they post as one line per code with that code as the dimension.
 */
public record LineRule(Side side, AccountId account, PostingAmount amount, String taxCode, boolean splitTaxes) {
    public LineRule {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(taxCode, "taxCode");
    }

    public LineRule(Side side, AccountId account, PostingAmount amount, String taxCode) {
        this(side, account, amount, taxCode, false);
    }

    public static LineRule debit(String account, PostingAmount amount) {
        return new LineRule(Side.DEBIT, AccountId.of(account), amount, "");
    }

    public static LineRule credit(String account, PostingAmount amount) {
        return new LineRule(Side.CREDIT, AccountId.of(account), amount, "");
    }

    public LineRule taxed(String code) {
        return new LineRule(side, account, amount, code, splitTaxes);
    }

    /** The same line, posting the government taxes it includes per tax code. */
    public LineRule splittingTaxes() {
        return new LineRule(side, account, amount, taxCode, true);
    }
}
