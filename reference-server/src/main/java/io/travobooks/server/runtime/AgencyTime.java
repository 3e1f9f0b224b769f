package io.travobooks.server.runtime;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The server's clock and the agency's zone: "today", for a posting's default date or a report's default day, is
 * the agency's day, as the booking service dates its own postings, whatever zone the machine runs in.
 */
public record AgencyTime(Clock clock, ZoneId zone) {
    public static AgencyTime system(ZoneId zone) {
        return new AgencyTime(Clock.systemUTC(), zone);
    }

    public Instant now() {
        return clock.instant();
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }
}
