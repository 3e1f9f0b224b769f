package io.travobooks.supplier.sim;

import io.travobooks.spi.Money;
import io.travobooks.spi.supplier.Fare;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A route the simulated airline prices on its own: a search from {@code origin} to {@code destination} (IATA airport
 * codes, this direction only) offers {@code fare} per passenger, a refund of a ticket on the route keeps
 * {@code refundPenalty} and an exchange of one charges {@code changePenalty}. Every amount is in the fare's currency.
 * Routes not defined take the default fare and penalties of {@link SimulationOptions}.
 */
public record SimulatedRoute(String origin, String destination, Fare fare, Money refundPenalty,
                             Money changePenalty) {

    public SimulatedRoute {
        requireAirport(origin, "origin");
        requireAirport(destination, "destination");
        if (origin.equals(destination)) {
            throw new IllegalArgumentException("a route goes somewhere else than where it starts: " + origin);
        }
        checkPricing("route " + origin + "-" + destination, fare, refundPenalty, changePenalty);
    }

    /** The currency of every amount on the route. */
    public Currency currency() {
        return fare.base().currency();
    }

    boolean serves(String from, String to) {
        return origin.equals(from) && destination.equals(to);
    }

    /**
     * Refuses a fare and penalties an airline could not quote: parts in different currencies, negative amounts, or
     * a refund penalty larger than the fare (the refund would be negative). {@code what} names them in the message.
     */
    static void checkPricing(String what, Fare fare, Money refundPenalty, Money changePenalty) {
        Objects.requireNonNull(fare, "fare");
        Objects.requireNonNull(refundPenalty, "refundPenalty");
        Objects.requireNonNull(changePenalty, "changePenalty");
        Currency currency = fare.base().currency();
        List<Map.Entry<String, Money>> amounts = new ArrayList<>(List.of(Map.entry("base fare", fare.base()),
                Map.entry("carrier surcharges", fare.carrierSurcharges()), Map.entry("taxes", fare.taxes()),
                Map.entry("refund penalty", refundPenalty), Map.entry("change penalty", changePenalty)));
        fare.taxesByCode().forEach((code, tax) -> amounts.add(Map.entry("tax " + code, tax)));
        for (Map.Entry<String, Money> amount : amounts) {
            if (!amount.getValue().currency().equals(currency)) {
                throw new IllegalArgumentException(what + ": the " + amount.getKey() + " " + amount.getValue()
                        + " is not in " + currency + ", the currency of the base fare");
            }
            if (amount.getValue().minor() < 0) {
                throw new IllegalArgumentException(what + ": the " + amount.getKey() + " is negative: "
                        + amount.getValue());
            }
        }
        if (refundPenalty.minor() > fare.total().minor()) {
            throw new IllegalArgumentException(what + ": the refund penalty " + refundPenalty
                    + " is more than the fare " + fare.total());
        }
    }

    private static void requireAirport(String code, String name) {
        Objects.requireNonNull(code, name);
        if (code.length() != 3 || !code.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            throw new IllegalArgumentException("an airport code has three capital letters: " + name + " " + code);
        }
    }
}
