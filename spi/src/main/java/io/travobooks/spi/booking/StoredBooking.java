package io.travobooks.spi.booking;

import io.travobooks.spi.TenantId;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A booking as the store keeps it. The store understands only what it queries by: the state, the supplier's PNR
 * and the {@code deadline} (when a sweeper or reconciler must look at it: a hold's ticketing time limit, an
 * ambiguous issue's next retrieve). Everything else is {@code data}, named values the booking module writes and
 * reads back unchanged. {@code version} grows by one with every update (optimistic concurrency). {@code travellers}
 * are the passengers' names as a search finds them, {@code SURNAME/GIVEN} in capitals; a booking's travellers are
 * stored with it once, when it is inserted.
 */
public record StoredBooking(TenantId tenant, String id, long version, String state, Optional<String> pnr,
                            Optional<Instant> deadline, Map<String, String> data, List<String> travellers) {
    public static final int MAX_ID = 64;
    /** The longest surname or given name a search finds. */
    public static final int MAX_NAME = 64;

    public StoredBooking(TenantId tenant, String id, long version, String state, Optional<String> pnr,
                         Optional<Instant> deadline, Map<String, String> data) {
        this(tenant, id, version, state, pnr, deadline, data, List.of());
    }

    public StoredBooking {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.length() > MAX_ID) {
            throw new IllegalArgumentException("a booking id has 1 to " + MAX_ID + " characters");
        }
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1, got " + version);
        }
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(pnr, "pnr");
        Objects.requireNonNull(deadline, "deadline");
        data = Map.copyOf(data);
        travellers = List.copyOf(travellers);
        for (String traveller : travellers) {
            if (!isTraveller(traveller)) {
                throw new IllegalArgumentException("a traveller is SURNAME/GIVEN in capitals, got " + traveller);
            }
        }
    }

    /**
     * A traveller as {@link #travellers} holds them: the names in capitals, without the separators a stored list
     * uses ({@code /} and {@code |}), cut to {@link #MAX_NAME}; empty when there is no surname to find them by.
     */
    public static Optional<String> traveller(String surname, String givenName) {
        String family = name(surname);
        return family.isEmpty() ? Optional.empty() : Optional.of(family + "/" + name(givenName));
    }

    private static String name(String name) {
        String cleaned = name == null ? "" : name.replace('/', ' ').replace('|', ' ').strip().toUpperCase(Locale.ROOT);
        return cleaned.length() > MAX_NAME ? cleaned.substring(0, MAX_NAME).strip() : cleaned;
    }

    /** Whether {@code traveller} is one as {@link #traveller} makes them (what a store keeps and reads back). */
    public static boolean isTraveller(String traveller) {
        int slash = traveller.indexOf('/');
        return slash >= 1 && slash == traveller.lastIndexOf('/') && traveller.indexOf('|') < 0
                && traveller.equals(traveller.toUpperCase(Locale.ROOT)) && slash <= MAX_NAME
                && traveller.length() - slash - 1 <= MAX_NAME;
    }

    /** The next version of this booking. */
    public StoredBooking next(String newState, Optional<String> newPnr, Optional<Instant> newDeadline,
                              Map<String, String> newData) {
        return new StoredBooking(tenant, id, version + 1, newState, newPnr, newDeadline, newData, travellers);
    }
}
