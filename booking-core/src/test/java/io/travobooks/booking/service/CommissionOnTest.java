package io.travobooks.booking.service;

import io.travobooks.booking.BookingStatus;
import io.travobooks.booking.posting.AccountingModel;
import io.travobooks.booking.posting.FormOfPayment;
import io.travobooks.booking.posting.SettlementChannel;
import io.travobooks.spi.Money;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.supplier.Fare;
import io.travobooks.spi.supplier.Passenger;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The commission on part of a base fare (an exchange's fare difference, a refund's refunded base). */
class CommissionOnTest {
    private static Money bdt(String amount) {
        return Money.of(amount, "BDT");
    }

    private static Booking booking(Money base, BookingTerms terms) {
        return new Booking(TenantId.of("t1"), "BK1", 1, "PNR1", "176", List.of(new Passenger("RAHIM", "UDDIN")),
                new Fare(base, bdt("0"), bdt("0")), terms, new BookingStatus.Held(Instant.EPOCH),
                List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static BookingTerms percent(String percent, Money commission) {
        BookingTerms fixed = BookingTerms.bspAgent(commission, bdt("0"), bdt("0"));
        return new BookingTerms(fixed.commission(), fixed.serviceFee(), fixed.serviceFeeTax(), fixed.markup(),
                fixed.refundFee(), fixed.refundFeeTax(), fixed.reissueFee(), fixed.reissueFeeTax(),
                SettlementChannel.BSP, FormOfPayment.AGENCY, AccountingModel.AGENT,
                Optional.of(new BigDecimal(percent)));
    }

    @Test
    void aPercentageIsAppliedToThePartItselfNotScaledFromTheRoundedCommission() {
        // 7% of 333.33 is 23.33 (rounded); scaling it to a 1,000.00 difference would give 69.99, but 7% of 1,000.00
        // is 70.00.
        Booking sevenPercent = booking(bdt("333.33"), percent("7", bdt("23.33")));
        assertThat(BookingEntries.commissionOn(sevenPercent, bdt("1000.00"))).isEqualTo(bdt("70.00"));
        // 0.5% of 1.00 rounds up to 0.01; on a 1,000.00 difference it is 5.00, not 10.00.
        Booking halfPercent = booking(bdt("1.00"), percent("0.5", bdt("0.01")));
        assertThat(BookingEntries.commissionOn(halfPercent, bdt("1000.00"))).isEqualTo(bdt("5.00"));
    }

    @Test
    void aFixedCommissionIsTakenInProportionToTheBase() {
        // The worked example: 2,800 on a 40,000 base; on a 2,000 difference, 140; refunded 35,000 of it, 2,450.
        Booking fixed = booking(bdt("40000"), BookingTerms.bspAgent(bdt("2800"), bdt("0"), bdt("0")));
        assertThat(BookingEntries.commissionOn(fixed, bdt("2000"))).isEqualTo(bdt("140"));
        assertThat(BookingEntries.recalledCommission(fixed, bdt("5000"))).isEqualTo(bdt("2450"));
    }
}
