package io.travobooks.supplier.sim;

import io.travobooks.spi.Money;
import io.travobooks.spi.supplier.Fare;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The builder's defaults are the Emirates preset's, and it refuses options no airline could have. */
class SimulationOptionsTest {
    private static final Fare KUALA_LUMPUR = new Fare(bdt("30000"), bdt("5000"), bdt("3650"),
            Map.of("BD", bdt("500"), "UT", bdt("1000"), "E5", bdt("150"), "OW", bdt("2000")));

    private static Money bdt(String amount) {
        return Money.of(amount, "BDT");
    }

    /** The preset as it was written before the builder, figure by figure. */
    private static SimulationOptions presetAsWritten(long seed) {
        return new SimulationOptions(seed, Duration.ZERO, Duration.ZERO, 0, 0, 0, "176", "EK",
                new Fare(bdt("40000"), bdt("8000"), bdt("6000"),
                        Map.of("BD", bdt("500"), "OW", bdt("2500"), "UT", bdt("3000"))),
                bdt("5000"), bdt("3000"), Duration.ofHours(24), Duration.ofHours(2), 0, ZoneId.of("Asia/Dhaka"),
                List.of());
    }

    @Test
    void theBuildersDefaultsAreThePresetsFigures() {
        SimulationOptions built = SimulationOptions.builder().seed(42).build();

        assertThat(built).isEqualTo(presetAsWritten(42)).isEqualTo(SimulationOptions.emiratesDhaka(42));
        assertThat(SimulationOptions.builder().build()).isEqualTo(presetAsWritten(0));
        assertThat(built.fare().total()).isEqualTo(bdt("54000")); // 40,000 + 8,000 + 6,000
        assertThat(built.routes()).isEmpty();
    }

    @Test
    void theWithMethodsChangeOnlyTheirOptions() {
        SimulationOptions preset = SimulationOptions.emiratesDhaka(7);

        assertThat(preset.withLatency(Duration.ofMillis(30), Duration.ofMillis(5))).isEqualTo(
                SimulationOptions.builder().seed(7).latency(Duration.ofMillis(30)).latencyJitter(Duration.ofMillis(5))
                        .build());
        assertThat(preset.withFaults(0.1, 0.2, 0.3)).isEqualTo(
                SimulationOptions.builder().seed(7).refuseRate(0.1).lostRate(0.2).timeoutRate(0.3).build());
        assertThat(preset.withVoidWindowDays(-1)).isEqualTo(SimulationOptions.builder().seed(7).voidWindowDays(-1)
                .build());
        assertThat(preset.withVoidWindowDays(-1).voidWindowDays()).isEqualTo(-1);
    }

    @Test
    void toBuilderKeepsEveryOptionAndRoute() {
        SimulationOptions options = SimulationOptions.builder().seed(3).latency(Duration.ofMillis(10))
                .timeoutRate(0.5).airlinePrefix("997").carrier("BG").holdTime(Duration.ofHours(6))
                .priceGuarantee(Duration.ofMinutes(30)).voidWindowDays(1).zone(ZoneId.of("America/New_York"))
                .route("DAC", "KUL", KUALA_LUMPUR, bdt("4000"), bdt("2500")).build();

        assertThat(options.toBuilder().build()).isEqualTo(options);
        assertThat(options.route("DAC", "KUL")).hasValueSatisfying(route -> {
            assertThat(route.fare()).isEqualTo(KUALA_LUMPUR);
            assertThat(route.currency().getCurrencyCode()).isEqualTo("BDT");
        });
        assertThat(options.route("KUL", "DAC")).as("a route goes one way").isEmpty();
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(
            UnaryOperator<SimulationOptions.Builder> set) {
        return assertThatThrownBy(() -> set.apply(SimulationOptions.builder()).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timesAndRatesOutsideTheirRangeAreRefused() {
        refused(b -> b.latency(Duration.ofMillis(-1))).hasMessageContaining("latency is zero or more");
        refused(b -> b.latencyJitter(Duration.ofMillis(-1))).hasMessageContaining("latencyJitter is zero or more");
        refused(b -> b.holdTime(Duration.ofHours(-1))).hasMessageContaining("holdTime");
        refused(b -> b.priceGuarantee(Duration.ofHours(-1))).hasMessageContaining("priceGuarantee");
        refused(b -> b.refuseRate(1.5)).hasMessageContaining("refuseRate is a rate between 0 and 1: 1.5");
        refused(b -> b.lostRate(-0.1)).hasMessageContaining("lostRate");
        refused(b -> b.timeoutRate(Double.NaN)).hasMessageContaining("timeoutRate");
        // 0.5 + 0.4 + 0.2 = 1.1: each is a rate, together they are more than every call
        refused(b -> b.refuseRate(0.5).lostRate(0.4).timeoutRate(0.2)).hasMessageContaining("add up to at most 1");
        refused(b -> b.voidWindowDays(-2)).hasMessageContaining("voidWindowDays");
        assertThat(SimulationOptions.builder().refuseRate(0.5).lostRate(0.25).timeoutRate(0.25).build().timeoutRate())
                .as("rates adding up to exactly 1").isEqualTo(0.25);
    }

    @Test
    void codesAndFiguresNoAirlineCouldHaveAreRefused() {
        refused(b -> b.airlinePrefix("17A")).hasMessageContaining("3 digits: 17A");
        refused(b -> b.carrier("EKK")).hasMessageContaining("two capital letters or digits: EKK");
        refused(b -> b.refundPenalty(Money.of("50", "USD")))
                .hasMessageContaining("the default fare: the refund penalty 50.00 USD is not in BDT");
        refused(b -> b.changePenalty(bdt("-1"))).hasMessageContaining("the change penalty is negative");
        // the default fare totals 54,000: a penalty of 54,001 would refund -1
        refused(b -> b.refundPenalty(bdt("54001"))).hasMessageContaining("is more than the fare 54000.00 BDT");
        assertThat(SimulationOptions.builder().refundPenalty(bdt("54000")).build().refundPenalty())
                .as("a penalty of the whole fare").isEqualTo(bdt("54000"));
        assertThatThrownBy(() -> SimulationOptions.builder().zone(null).build())
                .isInstanceOf(NullPointerException.class).hasMessage("zone");
    }

    @Test
    void routesNoAirlineCouldPriceAreRefused() {
        assertThatThrownBy(() -> new SimulatedRoute("dac", "KUL", KUALA_LUMPUR, bdt("4000"), bdt("2500")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("three capital letters: origin dac");
        assertThatThrownBy(() -> new SimulatedRoute("DAC", "DAC", KUALA_LUMPUR, bdt("4000"), bdt("2500")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("somewhere else");
        assertThatThrownBy(() -> new SimulatedRoute("DAC", "KUL", KUALA_LUMPUR, Money.of("40", "MYR"), bdt("2500")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("route DAC-KUL: the refund penalty 40.00 MYR is not in BDT");
        Fare mixed = new Fare(bdt("30000"), Money.of("100", "USD"), bdt("3650"));
        assertThatThrownBy(() -> new SimulatedRoute("DAC", "KUL", mixed, bdt("4000"), bdt("2500")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the carrier surcharges");
        // 30,000 + 5,000 + 3,650 = 38,650
        assertThatThrownBy(() -> new SimulatedRoute("DAC", "KUL", KUALA_LUMPUR, bdt("38651"), bdt("2500")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than the fare 38650.00 BDT");
        refused(b -> b.route("DAC", "KUL", KUALA_LUMPUR, bdt("4000"), bdt("2500"))
                .route("DAC", "KUL", KUALA_LUMPUR, bdt("3000"), bdt("2500")))
                .hasMessageContaining("route DAC-KUL is defined twice");
    }
}
