package io.travobooks.ledger.internal;

import io.travobooks.spi.AccountId;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.ledger.BalanceKey;
import io.travobooks.spi.ledger.BalanceRow;
import io.travobooks.spi.ledger.Side;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;

/** Balances in an account's normal direction: what is posted, available and committed. */
class BalanceMathProperties {
    private static final BalanceKey KEY = new BalanceKey(TenantId.of("t1"), AccountId.of("2100"),
            Currency.getInstance("BDT"));

    @Test
    void aLiabilityWithAPendingPaymentAgainstIt() {
        // Credited 51,200, debited 1,000, and a pending debit of 5,000 (a payment being made): posted 50,200,
        // available 45,200, and at most 50,200 toward the normal side (nothing pending on the credit side).
        BalanceRow row = new BalanceRow(KEY, 1_000_00, 51_200_00, 5_000_00, 0);
        assertThat(BalanceMath.normalPosted(Side.CREDIT, row)).isEqualTo(50_200_00);
        assertThat(BalanceMath.available(Side.CREDIT, row)).isEqualTo(45_200_00);
        assertThat(BalanceMath.committedToward(Side.CREDIT, row)).isEqualTo(50_200_00);
        assertThat(BalanceMath.normalPosted(Side.DEBIT, row)).as("the other direction").isEqualTo(-50_200_00);
    }

    @Property
    void availableNeverExceedsPostedWhichNeverExceedsCommitted(
            @ForAll @LongRange(max = 1_000_000_000_000L) long postedDebit,
            @ForAll @LongRange(max = 1_000_000_000_000L) long postedCredit,
            @ForAll @LongRange(max = 1_000_000_000_000L) long pendingDebit,
            @ForAll @LongRange(max = 1_000_000_000_000L) long pendingCredit, @ForAll Side normal) {
        BalanceRow row = new BalanceRow(KEY, postedDebit, postedCredit, pendingDebit, pendingCredit);
        long posted = BalanceMath.normalPosted(normal, row);

        assertThat(BalanceMath.available(normal, row)).isLessThanOrEqualTo(posted);
        assertThat(BalanceMath.committedToward(normal, row)).isGreaterThanOrEqualTo(posted);
        assertThat(posted).as("the two directions mirror each other")
                .isEqualTo(-BalanceMath.normalPosted(normal == Side.DEBIT ? Side.CREDIT : Side.DEBIT, row));
    }
}
