package io.travobooks.supplier.sim;

import io.travobooks.spi.Money;
import io.travobooks.spi.supplier.Fare;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the simulated airline behaves; build it with {@link #builder()}. Faults apply to every call that changes an
 * order (hold, price, issue, void, refund confirm, exchange confirm, EMD, cancel), drawn in call order from
 * {@code seed}: {@code refuseRate} answers a definite refusal, {@code lostRate} an ambiguous answer for a request
 * that never arrived, {@code timeoutRate} an ambiguous answer for a request the airline did process (the case that
 * makes blind re-sending issue twice). Searches, retrieves and quotes never fail. {@code voidWindowDays}: 0 voids on
 * the issue day (BSP), 1 until the end of the next day (ARC), -1 never (NDC), in {@code zone}.
 *
 * <p>A search on one of {@code routes} offers that route's fare, and its tickets are refunded and exchanged with its
 * penalties; every other route is offered {@code fare}, with {@code refundPenalty} and {@code changePenalty}.
 */
public record SimulationOptions(long seed, Duration latency, Duration latencyJitter, double refuseRate,
                                double lostRate, double timeoutRate, String airlinePrefix, String carrier,
                                Fare fare, Money refundPenalty, Money changePenalty, Duration holdTime,
                                Duration priceGuarantee, int voidWindowDays, ZoneId zone,
                                List<SimulatedRoute> routes) {

    /**
     * Checks every option as {@link Builder#build()} does; a record's constructor must stay public, but
     * {@link #builder()} names each option, which sixteen positional arguments do not.
     *
     * @throws IllegalArgumentException for an option no airline could have: see {@link Builder#build()}
     */
    public SimulationOptions {
        requireNotNegative(latency, "latency");
        requireNotNegative(latencyJitter, "latencyJitter");
        requireRate(refuseRate, "refuseRate");
        requireRate(lostRate, "lostRate");
        requireRate(timeoutRate, "timeoutRate");
        if (refuseRate + lostRate + timeoutRate > 1) {
            throw new IllegalArgumentException("the fault rates add up to at most 1: refuse " + refuseRate
                    + " + lost " + lostRate + " + timeout " + timeoutRate);
        }
        Objects.requireNonNull(airlinePrefix, "airlinePrefix");
        if (airlinePrefix.length() != 3 || !airlinePrefix.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("an airline accounting prefix has 3 digits: " + airlinePrefix);
        }
        Objects.requireNonNull(carrier, "carrier");
        if (carrier.length() != 2 || !carrier.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("an airline designator has two capital letters or digits: " + carrier);
        }
        SimulatedRoute.checkPricing("the default fare", fare, refundPenalty, changePenalty);
        requireNotNegative(holdTime, "holdTime");
        requireNotNegative(priceGuarantee, "priceGuarantee");
        if (voidWindowDays < -1) {
            throw new IllegalArgumentException("voidWindowDays is -1 (no voids), 0 (the issue day) or more: "
                    + voidWindowDays);
        }
        Objects.requireNonNull(zone, "zone");
        routes = List.copyOf(routes);
        Set<String> seen = new HashSet<>();
        for (SimulatedRoute route : routes) {
            if (!seen.add(route.origin() + "-" + route.destination())) {
                throw new IllegalArgumentException("route " + route.origin() + "-" + route.destination()
                        + " is defined twice");
            }
        }
    }

    /**
     * Emirates (176), Dhaka to Dubai, the worked example's fare (base 40,000 + YQ 8,000 + taxes 6,000 BDT: embarkation
     * fee BD 500, passenger service charge OW 2,500, travel tax UT 3,000), a 5,000
     * refund and a 3,000 change penalty, BSP same-day voids in Dhaka, no latency and no faults. The fare and
     * penalties are the defaults, so every route is offered them. These are also the builder's defaults.
     */
    public static SimulationOptions emiratesDhaka(long seed) {
        return builder().seed(seed).build();
    }

    /** A builder with the defaults of {@link #emiratesDhaka(long)}, its faults drawn from the random sequence 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to change some of them. */
    public Builder toBuilder() {
        Builder builder = new Builder().seed(seed).latency(latency).latencyJitter(latencyJitter)
                .refuseRate(refuseRate).lostRate(lostRate).timeoutRate(timeoutRate).airlinePrefix(airlinePrefix)
                .carrier(carrier).fare(fare).refundPenalty(refundPenalty).changePenalty(changePenalty)
                .holdTime(holdTime).priceGuarantee(priceGuarantee).voidWindowDays(voidWindowDays).zone(zone);
        routes.forEach(builder::route);
        return builder;
    }

    /** The route from {@code origin} to {@code destination} if it is one of {@link #routes()}. */
    public Optional<SimulatedRoute> route(String origin, String destination) {
        return routes.stream().filter(route -> route.serves(origin, destination)).findFirst();
    }

    public SimulationOptions withLatency(Duration newLatency, Duration jitter) {
        return toBuilder().latency(newLatency).latencyJitter(jitter).build();
    }

    public SimulationOptions withFaults(double refuse, double lost, double timeout) {
        return toBuilder().refuseRate(refuse).lostRate(lost).timeoutRate(timeout).build();
    }

    public SimulationOptions withVoidWindowDays(int days) {
        return toBuilder().voidWindowDays(days).build();
    }

    private static void requireNotNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " is zero or more: " + duration);
        }
    }

    private static void requireRate(double rate, String name) {
        if (!(rate >= 0 && rate <= 1)) { // also refuses NaN
            throw new IllegalArgumentException(name + " is a rate between 0 and 1: " + rate);
        }
    }

    /**
     * Names each option of the simulated airline. Every option starts at the value of
     * {@link SimulationOptions#emiratesDhaka(long)}, the seed at 0; {@link #build()} checks them all.
     */
    public static final class Builder {
        private long seed;
        private Duration latency = Duration.ZERO;
        private Duration latencyJitter = Duration.ZERO;
        private double refuseRate;
        private double lostRate;
        private double timeoutRate;
        private String airlinePrefix = "176";
        private String carrier = "EK";
        private Fare fare = new Fare(Money.of("40000", "BDT"), Money.of("8000", "BDT"), Money.of("6000", "BDT"),
                Map.of("BD", Money.of("500", "BDT"), "OW", Money.of("2500", "BDT"), "UT", Money.of("3000", "BDT")));
        private Money refundPenalty = Money.of("5000", "BDT");
        private Money changePenalty = Money.of("3000", "BDT");
        private Duration holdTime = Duration.ofHours(24);
        private Duration priceGuarantee = Duration.ofHours(2);
        private int voidWindowDays;
        private ZoneId zone = ZoneId.of("Asia/Dhaka");
        private final List<SimulatedRoute> routes = new ArrayList<>();

        private Builder() {
        }

        /** Seeds the fault draws, the latency jitter, the first ticket number and the record locators; default 0. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** How long every call waits before the airline acts; default zero. */
        public Builder latency(Duration value) {
            this.latency = value;
            return this;
        }

        /** At most this much more waiting, drawn per call from the seed; default zero. */
        public Builder latencyJitter(Duration value) {
            this.latencyJitter = value;
            return this;
        }

        /** The share of changes answered with a definite refusal, 0 to 1; default 0. */
        public Builder refuseRate(double value) {
            this.refuseRate = value;
            return this;
        }

        /** The share of changes that never reach the airline and get an ambiguous answer, 0 to 1; default 0. */
        public Builder lostRate(double value) {
            this.lostRate = value;
            return this;
        }

        /** The share of changes the airline makes but answers ambiguously, 0 to 1; default 0. */
        public Builder timeoutRate(double value) {
            this.timeoutRate = value;
            return this;
        }

        /** The three digits every ticket number starts with; default {@code 176} (Emirates). */
        public Builder airlinePrefix(String value) {
            this.airlinePrefix = value;
            return this;
        }

        /** The two-character designator on every segment; default {@code EK}. */
        public Builder carrier(String value) {
            this.carrier = value;
            return this;
        }

        /**
         * The fare offered on every route not defined with {@link #route}; default base 40,000 + YQ 8,000 + taxes
         * 6,000 BDT (BD 500, OW 2,500, UT 3,000).
         */
        public Builder fare(Fare value) {
            this.fare = value;
            return this;
        }

        /** What a refund keeps per ticket on a route not defined with {@link #route}; default 5,000 BDT. */
        public Builder refundPenalty(Money value) {
            this.refundPenalty = value;
            return this;
        }

        /** What an exchange charges per ticket on a route not defined with {@link #route}; default 3,000 BDT. */
        public Builder changePenalty(Money value) {
            this.changePenalty = value;
            return this;
        }

        /** How long a hold lasts before the airline releases it (the ticketing time limit); default 24 hours. */
        public Builder holdTime(Duration value) {
            this.holdTime = value;
            return this;
        }

        /** How long a pricing holds its fare for the issue; default 2 hours. */
        public Builder priceGuarantee(Duration value) {
            this.priceGuarantee = value;
            return this;
        }

        /** Days after the issue day a void is accepted: 0 that day only (BSP, the default), 1 (ARC), -1 never. */
        public Builder voidWindowDays(int value) {
            this.voidWindowDays = value;
            return this;
        }

        /** The time zone the void window's days are counted in; default Asia/Dhaka. */
        public Builder zone(ZoneId value) {
            this.zone = value;
            return this;
        }

        /** Prices {@code route} on its own; a route is defined once. */
        public Builder route(SimulatedRoute value) {
            routes.add(Objects.requireNonNull(value, "route"));
            return this;
        }

        /** Prices the route from {@code origin} to {@code destination} at these figures: see {@link SimulatedRoute}. */
        public Builder route(String origin, String destination, Fare routeFare, Money routeRefundPenalty,
                             Money routeChangePenalty) {
            return route(new SimulatedRoute(origin, destination, routeFare, routeRefundPenalty, routeChangePenalty));
        }

        /**
         * The options, checked.
         *
         * @throws IllegalArgumentException for a negative latency, jitter, hold time or price guarantee; a fault rate
         *     outside 0..1 or rates adding up to more than 1; an airline prefix that is not three digits or a carrier
         *     that is not two characters; a void window below -1; a default fare and penalties in more than one
         *     currency, negative, or a refund penalty above the fare; a route defined twice
         * @throws NullPointerException for an option set to null
         */
        public SimulationOptions build() {
            return new SimulationOptions(seed, latency, latencyJitter, refuseRate, lostRate, timeoutRate,
                    airlinePrefix, carrier, fare, refundPenalty, changePenalty, holdTime, priceGuarantee,
                    voidWindowDays, zone, routes);
        }
    }
}
