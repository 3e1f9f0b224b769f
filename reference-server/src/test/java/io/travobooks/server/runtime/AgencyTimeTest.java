package io.travobooks.server.runtime;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class AgencyTimeTest {
    @Test
    void todayIsTheAgencysDayNotTheMachines() {
        // 20:00 UTC on the 9th is 02:00 on the 10th in Dhaka (UTC+6).
        Clock clock = Clock.fixed(Instant.parse("2026-03-09T20:00:00Z"), ZoneOffset.UTC);
        assertThat(new AgencyTime(clock, ZoneId.of("Asia/Dhaka")).today()).isEqualTo(LocalDate.of(2026, 3, 10));
        assertThat(new AgencyTime(clock, ZoneId.of("America/New_York")).today()).isEqualTo(LocalDate.of(2026, 3, 9));
    }
}
