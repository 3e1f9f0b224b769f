package io.travobooks.booking.service;

import io.travobooks.booking.BookingStatus;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A booking's commission: fixed whatever the fare, or a percentage that follows the fare it holds. */
class BookingCommissionTest {
    private static final BookingTerms FIXED = BookingTerms.bspAgent(bdt("2800"), bdt("1000"), bdt("150"));
    private static final Fare FARE = new Fare(bdt("40000"), bdt("8000"), bdt("6000"));
    private static final Fare DEARER = new Fare(bdt("41000"), bdt("8000"), bdt("6000"));

    private static Money bdt(String amount) {
        return Money.of(amount, "BDT");
    }

    private static BookingTerms sevenPercent() {
        return FIXED.withCommission(Commission.percent(new BigDecimal("7")), FARE.base());
    }

    private static Booking held(BookingTerms terms) {
        return new Booking(TenantId.of("t1"), "BK1", 2, "PNR1", "176", List.of(new Passenger("RAHIM", "UDDIN")),
                FARE, terms, new BookingStatus.Held(Instant.parse("2026-03-11T06:00:00Z")), List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void aPercentageIsWorkedOutOnTheBaseFareAndKeptWithTheTerms() {
        BookingTerms terms = sevenPercent();

        // 7% of 40,000 = 2,800
        assertThat(terms.commission()).isEqualTo(bdt("2800"));
        assertThat(terms.commissionPercent()).contains(new BigDecimal("7"));
        assertThat(terms.serviceFee()).isEqualTo(bdt("1000"));
        assertThat(terms.withRefundFee(bdt("500"), bdt("75")).commissionPercent()).contains(new BigDecimal("7"));
    }

    @Test
    void anotherFareChangesAPercentageCommissionAndNotAFixedOne() {
        // 7% of 41,000 = 2,870
        assertThat(held(sevenPercent()).withFare(DEARER).terms().commission()).isEqualTo(bdt("2870"));
        assertThat(held(FIXED).withFare(DEARER).terms()).isEqualTo(FIXED);
        assertThat(FIXED.commissionOn(DEARER.base())).isEqualTo(FIXED);
    }

    @Test
    void aFixedCommissionFromARuleDropsAPercentage() {
        BookingTerms terms = sevenPercent().withCommission(Commission.fixed(bdt("2500")), FARE.base());

        assertThat(terms.commission()).isEqualTo(bdt("2500"));
        assertThat(terms.commissionPercent()).isEmpty();
        assertThat(terms.commissionOn(DEARER.base())).isEqualTo(terms);
    }

    @Test
    void theStoredBookingKeepsThePercentage() {
        Booking percent = held(sevenPercent());
        Booking fixed = held(FIXED);

        assertThat(BookingCodec.decode(BookingCodec.encode(percent, Optional.empty()), List.of())).isEqualTo(percent);
        assertThat(BookingCodec.decode(BookingCodec.encode(fixed, Optional.empty()), List.of())).isEqualTo(fixed);
        assertThat(BookingCodec.encode(fixed, Optional.empty()).data()).as("a booking stored before percentages")
                .doesNotContainKey("terms.commissionPercent");
        assertThat(BookingCodec.encode(percent, Optional.empty()).data())
                .containsEntry("terms.commissionPercent", "7");
    }

    @Test
    void termsRefuseAPercentageOutsideZeroToAHundred() {
        assertThatThrownBy(() -> new BookingTerms(bdt("0"), bdt("0"), bdt("0"), bdt("0"), bdt("0"), bdt("0"),
                bdt("0"), bdt("0"), FIXED.channel(), FIXED.payment(), FIXED.model(),
                Optional.of(new BigDecimal("100.5")))).isInstanceOf(IllegalArgumentException.class);
    }
}
