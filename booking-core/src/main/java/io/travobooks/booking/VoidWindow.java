package io.travobooks.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How long after issue a supplier and settlement channel accept a void, in the agency's time zone (docs/accounting.md):
 * the same calendar day (BSP, most GDSs), until 23:59 the next day (ARC through some GDSs), or never (many NDC
 * channels).
 */
@FunctionalInterface
public interface VoidWindow {

    boolean isOpen(Instant issuedAt, Instant now);

    static VoidWindow sameDay(ZoneId agencyZone) {
        return daysAfterIssue(agencyZone, 0);
    }

    static VoidWindow untilEndOfNextDay(ZoneId agencyZone) {
        return daysAfterIssue(agencyZone, 1);
    }

    static VoidWindow none() {
        return (issuedAt, now) -> false;
    }

    /** Open from the issue until the end of the calendar day {@code days} after the issue date. */
    private static VoidWindow daysAfterIssue(ZoneId agencyZone, int days) {
        Objects.requireNonNull(agencyZone, "agencyZone");
        return (issuedAt, now) -> {
            LocalDate issueDay = LocalDate.ofInstant(issuedAt, agencyZone);
            LocalDate today = LocalDate.ofInstant(now, agencyZone);
            return !now.isBefore(issuedAt) && !today.isAfter(issueDay.plusDays(days));
        };
    }
}
