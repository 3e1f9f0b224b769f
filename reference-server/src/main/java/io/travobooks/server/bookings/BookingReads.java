package io.travobooks.server.bookings;

import io.travobooks.booking.service.BookingService;
import io.travobooks.server.http.Json;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.cache.HotCache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Bookings as clients read them, through the hot cache: clients poll a booking's status far more often than it
 * changes. Every change drops the booking's copy on every node ({@link #changed}, called once the writing
 * transaction has ended), and no command reads from here: commands read the database under the booking's lock.
 */
public final class BookingReads {
    static final Duration TTL = Duration.ofMinutes(1);
    private static final String NONE = "";

    private final HotCache cache;

    public BookingReads(HotCache cache) {
        this.cache = cache;
    }

    /** The booking's JSON as the contract shapes it, when the caller's tenant has it ({@code service} loads it). */
    Optional<byte[]> json(BookingService service, RequestContext context, String bookingId) {
        String cached = cache.getOrLoad(key(context.tenant(), bookingId), TTL, () -> service.find(context, bookingId)
                .map(booking -> new String(Json.write(BookingViews.BookingView.of(booking)), StandardCharsets.UTF_8))
                .orElse(NONE));
        return cached.equals(NONE) ? Optional.empty() : Optional.of(cached.getBytes(StandardCharsets.UTF_8));
    }

    /** The booking was written: the next read anywhere loads it afresh. */
    public void changed(TenantId tenant, String bookingId) {
        cache.invalidate(key(tenant, bookingId));
    }

    private static String key(TenantId tenant, String bookingId) {
        return "booking:" + tenant.value() + ":" + bookingId;
    }
}
