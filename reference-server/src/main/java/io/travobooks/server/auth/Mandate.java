package io.travobooks.server.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.travobooks.server.http.Json;
import io.travobooks.spi.supplier.Segment;

import java.nio.charset.StandardCharsets;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an AI agent's key may do beyond what its scopes say, set by a person when the key is made and fixed for its
 * life: the MCP tools it may call (all that its scopes allow when absent), what its issues may spend per booking,
 * per day and in total (fares for every passenger, in the tenant's currency, in minor units), above what fare an
 * issue waits for a person's approval, and the airlines ({@code EK}) and journeys ({@code DAC-DXB}: the first
 * departure and the last arrival) it may issue tickets on (any when absent).
 */
public record Mandate(Optional<Set<String>> tools, Currency currency, long perBookingMinor, long perDayMinor,
                      long totalMinor, Optional<Long> approvalAboveMinor, Optional<Set<String>> carriers,
                      Optional<Set<String>> routes) {
    public Mandate {
        tools = tools.map(Set::copyOf);
        carriers = carriers.map(Set::copyOf);
        routes = routes.map(Set::copyOf);
        Objects.requireNonNull(currency, "currency");
        if (perBookingMinor < 0 || perDayMinor < 0 || totalMinor < 0
                || approvalAboveMinor.filter(above -> above < 0).isPresent()) {
            throw new IllegalArgumentException("a mandate's amounts are zero or more");
        }
    }

    public boolean allowsTool(String name) {
        return tools.map(allowed -> allowed.contains(name)).orElse(true);
    }

    /** Whether its tickets may be issued on these flights. */
    public boolean allowsJourney(List<Segment> segments) {
        if (segments.isEmpty()) {
            return carriers.isEmpty() && routes.isEmpty();
        }
        String journey = segments.getFirst().origin() + "-" + segments.getLast().destination();
        return carriers.map(allowed -> segments.stream().allMatch(s -> allowed.contains(s.carrier()))).orElse(true)
                && routes.map(allowed -> allowed.contains(journey)).orElse(true);
    }

    /** Whether it limits the flights at all. */
    public boolean limitsJourneys() {
        return carriers.isPresent() || routes.isPresent();
    }

    /** Whether an issue of {@code fareMinor} waits for a person's approval. */
    public boolean needsApproval(long fareMinor) {
        return approvalAboveMinor.filter(above -> fareMinor > above).isPresent();
    }

    /** As stored with the key. */
    public String toJson() {
        return new String(Json.write(Stored.of(this)), StandardCharsets.UTF_8);
    }

    public static Mandate fromJson(String json) {
        try {
            return Json.MAPPER.readValue(json, Stored.class).mandate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored mandate does not read back: " + e.getOriginalMessage(), e);
        }
    }

    /** The stored form: plain values. */
    private record Stored(Optional<Set<String>> tools, String currency, long perBookingMinor, long perDayMinor,
                          long totalMinor, Optional<Long> approvalAboveMinor, Optional<Set<String>> carriers,
                          Optional<Set<String>> routes) {
        static Stored of(Mandate mandate) {
            return new Stored(mandate.tools(), mandate.currency().getCurrencyCode(), mandate.perBookingMinor(),
                    mandate.perDayMinor(), mandate.totalMinor(), mandate.approvalAboveMinor(), mandate.carriers(),
                    mandate.routes());
        }

        Mandate mandate() {
            return new Mandate(tools, Currency.getInstance(currency), perBookingMinor, perDayMinor, totalMinor,
                    approvalAboveMinor, carriers, routes);
        }
    }
}
