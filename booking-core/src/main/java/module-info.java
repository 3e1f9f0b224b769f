/** Bookings, ticket issuance and their postings; the booking machine and the transition step are internal. */
module io.travobooks.booking {
    requires transitive io.travobooks.ledger;
    requires transitive io.travobooks.spi;
    requires org.slf4j;

    exports io.travobooks.booking;
    exports io.travobooks.booking.posting;
    exports io.travobooks.booking.service;
}
