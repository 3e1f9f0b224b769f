package io.travobooks.messaging.inbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BookingReferenceTest {

    @Test
    void pnrsTicketsAndBookingIdsAreFoundInAMessage() {
        assertThat(BookingReference.findIn("Re: বুকিং QWERTY-এর ই-টিকিট — my ticket 176-2000000001, booking BK-7F3A-M",
                BookingReference.DEFAULT_BOOKING_ID)).containsExactly(
                new BookingReference(BookingReference.Kind.BOOKING_ID, "BK-7F3A-M"),
                new BookingReference(BookingReference.Kind.TICKET, "1762000000001"),
                new BookingReference(BookingReference.Kind.PNR, "QWERTY"));
    }

    @Test
    void wordsNumbersAndLongerCodesAreNotReferences() {
        assertThat(BookingReference.findIn("Call 017110000 or 123456, HELLO there, ABCDEFG and 17620000000012",
                BookingReference.DEFAULT_BOOKING_ID)).isEmpty();
    }
}
