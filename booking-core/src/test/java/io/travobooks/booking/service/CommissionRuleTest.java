package io.travobooks.booking.service;

import io.travobooks.booking.BookingErrorCode;
import io.travobooks.spi.Money;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.supplier.Fare;
import io.travobooks.spi.supplier.Offer;
import io.travobooks.spi.supplier.Segment;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which agreement a commission rule picks, how a percentage rounds, and which rules it refuses. */
class CommissionRuleTest {
    private static final Commission FIVE = percent("5");
    private static final Commission SEVEN = percent("7");
    private static final Commission NINE = percent("9");
    private static final Commission FLAT = Commission.fixed(bdt("1000"));

    private static Money bdt(String amount) {
        return Money.of(amount, "BDT");
    }

    private static Commission percent(String value) {
        return Commission.percent(new BigDecimal(value));
    }

    /** Default 5%; Emirates (176) 7%, 9% in J; Biman (997) a flat 1,000. */
    private static CommissionRule agreements() {
        return CommissionRule.builder(FIVE)
                .airline("176", SEVEN)
                .bookingClass("176", "J", NINE)
                .airline("997", FLAT)
                .build().orThrow();
    }

    private static Segment segment(Optional<String> bookingClass) {
        return new Segment("EK", "585", "DAC", "DXB", LocalDateTime.of(2026, 4, 2, 10, 15), bookingClass);
    }

    private static Offer offer(String airline, Segment... segments) {
        return new Offer("OF1", airline, List.of(segments), new Fare(bdt("40000"), bdt("8000"), bdt("6000")),
                Instant.parse("2026-03-10T06:30:00Z"));
    }

    @Test
    void theMostSpecificAgreementWins() {
        CommissionRule rule = agreements();

        assertThat(rule.resolve("176", Optional.of("J"))).as("airline and class").isEqualTo(NINE);
        assertThat(rule.resolve("176", Optional.of("Y"))).as("a class with no agreement: the airline's")
                .isEqualTo(SEVEN);
        assertThat(rule.resolve("176", Optional.empty())).as("no class known: the airline's").isEqualTo(SEVEN);
        assertThat(rule.resolve("997", Optional.of("J"))).as("J is Emirates' class agreement only").isEqualTo(FLAT);
        assertThat(rule.resolve("235", Optional.of("J"))).as("an airline not named: the default").isEqualTo(FIVE);
    }

    @Test
    void anOfferHasABookingClassWhenEverySegmentIsSoldInIt() {
        CommissionRule rule = agreements();
        Segment inJ = segment(Optional.of("J"));

        assertThat(rule.resolve(offer("176", inJ, inJ))).isEqualTo(NINE);
        assertThat(rule.resolve(offer("176", inJ, segment(Optional.of("Y"))))).as("mixed classes").isEqualTo(SEVEN);
        assertThat(rule.resolve(offer("176", inJ, segment(Optional.empty())))).as("one class unknown")
                .isEqualTo(SEVEN);
        assertThat(rule.resolve(offer("176", segment(Optional.empty())))).as("no class given").isEqualTo(SEVEN);
        assertThat(rule.resolve(offer("235", inJ))).isEqualTo(FIVE);
    }

    @Test
    void aPercentageOfTheBaseFareRoundsHalfUpToTheMinorUnit() {
        // 7% of 40,000.00 = 2,800.00 exactly (docs/accounting.md's commission)
        assertThat(SEVEN.on(bdt("40000"))).isEqualTo(bdt("2800"));
        // 7% of 333.33 = 23.3331: 23.33
        assertThat(SEVEN.on(bdt("333.33"))).isEqualTo(bdt("23.33"));
        // 7% of 333.36 = 23.3352: 23.34
        assertThat(SEVEN.on(bdt("333.36"))).isEqualTo(bdt("23.34"));
        // 0.5% of 1.00 = 0.005, exactly half a poisha: half up gives 0.01 (half even would give 0.00)
        assertThat(percent("0.5").on(bdt("1.00"))).isEqualTo(bdt("0.01"));
        // 0.5% of 0.99 = 0.00495: 0.00
        assertThat(percent("0.5").on(bdt("0.99"))).isEqualTo(bdt("0"));
        // 0.5% of 40,000.00 = 200.00
        assertThat(percent("0.5").on(bdt("40000"))).isEqualTo(bdt("200"));
        // yen have no minor unit: 7% of 12,345 = 864.15, so 864
        assertThat(SEVEN.on(Money.of("12345", "JPY"))).isEqualTo(Money.of("864", "JPY"));
        // dinars have three decimals: 7% of 10.005 = 0.70035, so 0.700
        assertThat(SEVEN.on(Money.of("10.005", "KWD"))).isEqualTo(Money.of("0.700", "KWD"));
        assertThat(percent("0").on(bdt("40000"))).isEqualTo(bdt("0"));
        assertThat(percent("100").on(bdt("40000"))).isEqualTo(bdt("40000"));
        assertThat(FLAT.on(bdt("333.33"))).as("a fixed amount ignores the fare").isEqualTo(bdt("1000"));
    }

    @Test
    void aPercentageIsKeptWithoutTrailingZeros() {
        assertThat(percent("7.50")).isEqualTo(percent("7.5"));
        assertThat(percent("1E+1")).isEqualTo(percent("10"));
        assertThat(((Commission.Percent) percent("7.00")).percent().toPlainString()).isEqualTo("7");
    }

    @Test
    void aRuleWithAWrongAgreementIsRefused() {
        assertThat(refusal(CommissionRule.builder(percent("100.01")))).contains("100.01%");
        assertThat(refusal(CommissionRule.builder(percent("-0.5")))).contains("-0.5%");
        assertThat(refusal(CommissionRule.builder(FIVE).airline("176", Commission.fixed(bdt("-1")))))
                .contains("negative");
        assertThat(refusal(CommissionRule.builder(FIVE).airline("EK", SEVEN))).as("a designator, not a prefix")
                .contains("three-digit");
        assertThat(refusal(CommissionRule.builder(FIVE).airline("1760", SEVEN))).contains("three-digit");
        assertThat(refusal(CommissionRule.builder(FIVE).bookingClass("176", "j", NINE))).contains("capital");
        assertThat(refusal(CommissionRule.builder(FIVE).bookingClass("176", "JY", NINE))).contains("capital");
        assertThat(refusal(CommissionRule.builder(FIVE).airline("176", SEVEN).airline("176", NINE)))
                .contains("twice");
        assertThat(refusal(CommissionRule.builder(FIVE).bookingClass("176", "J", SEVEN)
                .bookingClass("176", "J", NINE))).contains("twice");
    }

    @Test
    void theBoundsOfAPercentageAreAllowed() {
        assertThat(CommissionRule.builder(percent("0")).airline("176", percent("100")).build().isOk()).isTrue();
        assertThat(CommissionRule.builder(Commission.fixed(bdt("0"))).build().isOk()).isTrue();
    }

    private static String refusal(CommissionRule.Builder builder) {
        Outcome<CommissionRule> built = builder.build();
        assertThat(built).isInstanceOf(Outcome.Refused.class);
        Outcome.Refused<CommissionRule> refused = (Outcome.Refused<CommissionRule>) built;
        assertThat(refused.rejection().code()).isEqualTo(BookingErrorCode.BOOKING_INVALID_COMMAND);
        return refused.rejection().detail();
    }
}
