package io.travobooks.eticket;

import io.travobooks.booking.service.Booking;
import io.travobooks.spi.supplier.Fare;
import io.travobooks.spi.supplier.Passenger;
import io.travobooks.spi.supplier.Segment;
import io.travobooks.spi.travel.Document;
import io.travobooks.spi.travel.DocumentType;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an e-ticket shows: who travels on which ticket, the flights, and the fare, for one issued booking.
 *
 * @param agency    the issuing agency's name, printed in the footer
 * @param issuedAt  when the tickets were issued, printed as a date in {@code agencyZone}
 */
public record ETicket(String agency, String bookingId, String pnr, Instant issuedAt, ZoneId agencyZone,
                      List<Traveller> travellers, List<Segment> segments, Fare farePerPassenger) {

    /** A passenger and the number of the ticket they travel on. */
    public record Traveller(Passenger passenger, String ticketNumber) {
        public Traveller {
            Objects.requireNonNull(passenger, "passenger");
            Objects.requireNonNull(ticketNumber, "ticketNumber");
        }
    }

    public ETicket {
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(pnr, "pnr");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(agencyZone, "agencyZone");
        travellers = List.copyOf(travellers);
        segments = List.copyOf(segments);
        Objects.requireNonNull(farePerPassenger, "farePerPassenger");
        if (travellers.isEmpty() || segments.isEmpty()) {
            throw new IllegalArgumentException("an e-ticket has at least one traveller and one flight");
        }
    }

    /**
     * The e-ticket of an issued booking: its tickets in passenger order (the supplier issues one per passenger, in
     * the order the passengers were held), and the flights of the offer it was held on.
     */
    public static ETicket of(Booking booking, List<Segment> segments, String agency, Instant issuedAt,
                             ZoneId agencyZone) {
        List<Document> tickets = booking.documents().stream().filter(d -> d.type() == DocumentType.TICKET).toList();
        if (tickets.size() != booking.passengers().size()) {
            throw new IllegalArgumentException("booking " + booking.id() + " has " + tickets.size()
                    + " tickets for " + booking.passengers().size() + " passengers: it is not issued");
        }
        List<Traveller> travellers = new ArrayList<>();
        for (int i = 0; i < tickets.size(); i++) {
            travellers.add(new Traveller(booking.passengers().get(i), tickets.get(i).number()));
        }
        return new ETicket(agency, booking.id(), booking.pnr(), issuedAt, agencyZone, travellers, segments,
                booking.farePerPassenger());
    }
}
