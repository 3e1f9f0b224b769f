package io.travobooks.supplier.sim;

import io.travobooks.spi.Money;
import io.travobooks.spi.supplier.Fare;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * How the simulated airline behaves. Faults apply to every call that changes an order (hold, price, issue, void,
 * refund confirm, cancel), drawn in call order from {@code seed}: {@code refuseRate} answers a definite refusal,
 * {@code lostRate} an ambiguous answer for a request that never arrived, {@code timeoutRate} an ambiguous answer
 * for a request the airline did process (the case that makes blind re-sending issue twice). Searches and
 * retrieves never fail. {@code voidWindowDays}: 0 voids on the issue day (BSP), 1 until the end of the next day
 * (ARC), -1 never (NDC), in {@code zone}.
 */
public record SimulationOptions(long seed, Duration latency, Duration latencyJitter, double refuseRate,
                                double lostRate, double timeoutRate, String airlinePrefix, String carrier,
                                Fare fare, Money refundPenalty, Money changePenalty, Duration holdTime,
                                Duration priceGuarantee, int voidWindowDays, ZoneId zone) {

    public SimulationOptions {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(latencyJitter, "latencyJitter");
        Objects.requireNonNull(airlinePrefix, "airlinePrefix");
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(fare, "fare");
        Objects.requireNonNull(refundPenalty, "refundPenalty");
        Objects.requireNonNull(changePenalty, "changePenalty");
        Objects.requireNonNull(holdTime, "holdTime");
        Objects.requireNonNull(priceGuarantee, "priceGuarantee");
        Objects.requireNonNull(zone, "zone");
        if (refuseRate < 0 || lostRate < 0 || timeoutRate < 0 || refuseRate + lostRate + timeoutRate > 1) {
            throw new IllegalArgumentException("fault rates are between 0 and 1 and add up to at most 1");
        }
        if (airlinePrefix.length() != 3 || !airlinePrefix.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("an airline accounting prefix has 3 digits: " + airlinePrefix);
        }
    }

    /**
     * Emirates (176), Dhaka to Dubai, the worked example's fare (base 40,000 + YQ 8,000 + taxes 6,000 BDT: embarkation
     * fee BD 500, passenger service charge OW 2,500, travel tax UT 3,000), a 5,000
     * refund and a 3,000 change penalty, BSP same-day voids in Dhaka, no latency and no faults.
     */
    public static SimulationOptions emiratesDhaka(long seed) {
        return new SimulationOptions(seed, Duration.ZERO, Duration.ZERO, 0, 0, 0, "176", "EK",
                new Fare(Money.of("40000", "BDT"), Money.of("8000", "BDT"), Money.of("6000", "BDT"),
                        Map.of("BD", Money.of("500", "BDT"), "OW", Money.of("2500", "BDT"),
                                "UT", Money.of("3000", "BDT"))),
                Money.of("5000", "BDT"), Money.of("3000", "BDT"), Duration.ofHours(24), Duration.ofHours(2), 0,
                ZoneId.of("Asia/Dhaka"));
    }

    public SimulationOptions withLatency(Duration newLatency, Duration jitter) {
        return new SimulationOptions(seed, newLatency, jitter, refuseRate, lostRate, timeoutRate, airlinePrefix,
                carrier, fare, refundPenalty, changePenalty, holdTime, priceGuarantee, voidWindowDays, zone);
    }

    public SimulationOptions withFaults(double refuse, double lost, double timeout) {
        return new SimulationOptions(seed, latency, latencyJitter, refuse, lost, timeout, airlinePrefix, carrier,
                fare, refundPenalty, changePenalty, holdTime, priceGuarantee, voidWindowDays, zone);
    }

    public SimulationOptions withVoidWindowDays(int days) {
        return new SimulationOptions(seed, latency, latencyJitter, refuseRate, lostRate, timeoutRate, airlinePrefix,
                carrier, fare, refundPenalty, changePenalty, holdTime, priceGuarantee, days, zone);
    }
}
