package io.travobooks.booking.service;

import io.travobooks.booking.BookingStatus;
import io.travobooks.spi.Money;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.supplier.Fare;
import io.travobooks.spi.supplier.Passenger;
import io.travobooks.spi.travel.Document;
import io.travobooks.spi.travel.DocumentType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which passengers a partial exchange's follow-on booking takes. */
class FollowOnPassengersTest {
    private static final Passenger RAHIM = new Passenger("RAHIM", "UDDIN");
    private static final Passenger KARIM = new Passenger("KARIM", "UDDIN");
    private static final Document FIRST = Document.issued("1762000000001", DocumentType.TICKET, 2);
    private static final Document SECOND = Document.issued("1762000000002", DocumentType.TICKET, 2);
    private static final Document BAG = Document.issued("1762000000003", DocumentType.EMD_ASSOCIATED, 1);

    private static Booking booking(List<Document> documents) {
        Money bdt = Money.of("40000", "BDT");
        return new Booking(TenantId.of("t1"), "BK1", 3, "PNR1", "176", List.of(RAHIM, KARIM),
                new Fare(bdt, Money.of("0", "BDT"), Money.of("0", "BDT")),
                BookingTerms.bspAgent(Money.of("2800", "BDT"), Money.of("0", "BDT"), Money.of("0", "BDT")),
                new BookingStatus.Issued(documents, Instant.EPOCH), documents, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    @Test
    void theSecondTicketByNumberIsTheSecondPassengers() {
        // Stored out of order and with an EMD among them: the tickets by number still pair with the passengers.
        Booking booking = booking(List.of(BAG, SECOND, FIRST));
        assertThat(TransitionEffects.passengersOf(booking, Set.of(SECOND.number()))).containsExactly(KARIM);
        assertThat(TransitionEffects.passengersOf(booking, Set.of(FIRST.number(), SECOND.number())))
                .containsExactly(RAHIM, KARIM);
    }

    @Test
    void ticketsThatDoNotPairWithThePassengersKeepThemAll() {
        Document conjunction = Document.issued("1762000000004", DocumentType.TICKET, 4);
        assertThat(TransitionEffects.passengersOf(booking(List.of(FIRST, SECOND, conjunction)),
                Set.of(SECOND.number()))).containsExactly(RAHIM, KARIM);
    }
}
