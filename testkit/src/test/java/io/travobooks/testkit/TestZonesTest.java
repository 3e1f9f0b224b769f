package io.travobooks.testkit;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class TestZonesTest {
    @Test
    void everyHourOfTheDayIsNoonInItsZone() {
        LocalDate day = LocalDate.of(2026, 12, 7);
        for (int hour = 0; hour < 24; hour++) {
            ZonedDateTime utc = day.atTime(hour, 30).atZone(ZoneOffset.UTC);
            assertThat(utc.withZoneSameInstant(TestZones.middayAt(hour)).toLocalTime())
                    .as("%02d:30 UTC", hour).isEqualTo(LocalTime.of(12, 30));
        }
    }
}
