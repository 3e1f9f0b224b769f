package io.travobooks.messaging.inbox;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Something in a customer's message that may name a booking: a PNR (six letters and digits, at least one a
 * letter), a ticket number (13 digits, perhaps written 176-2000000001), or a booking id in the application's format.
 * Whether it names one of the tenant's bookings is the {@link BookingLookup}'s to say.
 */
public record BookingReference(Kind kind, String value) {
    public enum Kind { PNR, TICKET, BOOKING_ID }

    private static final Pattern PNR = Pattern.compile("(?<![A-Za-z0-9])(?=[0-9]*[A-Z])[A-Z0-9]{6}(?![A-Za-z0-9])");
    private static final Pattern TICKET = Pattern.compile("(?<![0-9])([0-9]{3})[- ]?([0-9]{10})(?![0-9])");
    /** The default booking id format: a letter prefix, a dash, then letters, digits and dashes (BK-7F3A-M). */
    public static final Pattern DEFAULT_BOOKING_ID = Pattern.compile(
            "(?<![A-Za-z0-9-])[A-Z]{2,4}-[A-Z0-9][A-Z0-9-]{1,60}(?![A-Za-z0-9-])");

    public BookingReference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    /** Every reference in {@code text}, in the order found, each once. */
    public static Set<BookingReference> findIn(String text, Pattern bookingIds) {
        Set<BookingReference> found = new LinkedHashSet<>();
        Matcher ids = bookingIds.matcher(text);
        while (ids.find()) {
            found.add(new BookingReference(Kind.BOOKING_ID, ids.group()));
        }
        Matcher tickets = TICKET.matcher(text);
        while (tickets.find()) {
            found.add(new BookingReference(Kind.TICKET, tickets.group(1) + tickets.group(2)));
        }
        Matcher pnrs = PNR.matcher(text);
        while (pnrs.find()) {
            found.add(new BookingReference(Kind.PNR, pnrs.group()));
        }
        return found;
    }
}
