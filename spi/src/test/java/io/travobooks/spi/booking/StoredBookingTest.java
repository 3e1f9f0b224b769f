package io.travobooks.spi.booking;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.travobooks.spi.TenantId.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredBookingTest {

    @Test
    void anyPassengerNameBecomesATravellerAStoreCanKeepAndFind() {
        assertThat(StoredBooking.traveller(" uddin ", "rahim")).contains("UDDIN/RAHIM");
        assertThat(StoredBooking.traveller("Al/Amin", "Md|Karim")).as("the separators a stored list uses")
                .contains("AL AMIN/MD KARIM");
        assertThat(StoredBooking.traveller("x".repeat(70), "")).hasValueSatisfying(traveller ->
                assertThat(traveller).hasSize(StoredBooking.MAX_NAME + 1).endsWith("/"));
        assertThat(StoredBooking.traveller("  ", "RAHIM")).as("no surname to find them by").isEmpty();
        assertThat(StoredBooking.traveller("/", "RAHIM")).isEmpty();
        for (String made : List.of("UDDIN/RAHIM", "AL AMIN/MD KARIM")) {
            assertThat(StoredBooking.isTraveller(made)).isTrue();
        }
    }

    @Test
    void aTravellerThatAStoreCouldNotReadBackIsRefused() {
        for (String bad : List.of("uddin/rahim", "UDDIN", "A/B/C", "RA|HIM/X", "/RAHIM")) {
            assertThat(StoredBooking.isTraveller(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> new StoredBooking(of("t1"), "BK1", 1, "HELD", Optional.empty(), Optional.empty(),
                    Map.of(), List.of(bad))).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
