package io.travobooks.testkit;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Time zones for tests whose outcome depends on the local day. */
public final class TestZones {
    /**
     * The zone for a test server's agency: a fixed offset in which it was around noon when this JVM's tests began.
     * A rule bound to the local day (a void window, a day's sales) then gives the same answer throughout a run of a
     * few hours, where a real zone's midnight can fall between two steps of one test (Dhaka's falls at 18:00 UTC).
     * It has a name of the zone database, so that a browser can be put in it too.
     */
    public static final ZoneId MIDDAY = middayAt(LocalTime.now(ZoneOffset.UTC).getHour());

    private TestZones() {
    }

    /** The zone in which {@code utcHour} o'clock UTC is noon. The database's names write the offset's sign reversed. */
    static ZoneId middayAt(int utcHour) {
        int hoursAhead = 12 - utcHour;
        String offset = hoursAhead == 0 ? "" : (hoursAhead > 0 ? "-" : "+") + Math.abs(hoursAhead);
        return ZoneId.of("Etc/GMT" + offset);
    }
}
