package io.travobooks.server.messaging;

import io.travobooks.booking.service.Booking;
import io.travobooks.booking.service.BookingService;
import io.travobooks.messaging.inbox.BookingLookup;
import io.travobooks.messaging.inbox.BookingReference;
import io.travobooks.messaging.notify.Channel;
import io.travobooks.messaging.notify.Notifier;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.booking.BookingStore;
import io.travobooks.spi.outbox.OutboxEvent;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What messaging asks of the bookings: who hears of a booking's event (the recipients following it), what it says
 * to them, and which booking a customer's message names (by id, PNR or ticket number).
 */
final class BookingMessages implements Notifier.Recipients, Notifier.Content, BookingLookup {
    private final BookingService bookings;
    private final RecipientStore recipients;
    private final NotificationContent content;

    BookingMessages(BookingService bookings, RecipientStore recipients, NotificationContent content) {
        this.bookings = bookings;
        this.recipients = recipients;
        this.content = content;
    }

    @Override
    public List<Notifier.Recipient> of(OutboxEvent event) {
        return bookingId(event).map(id -> recipients.following(event.tenant(), id).stream()
                .map(Recipient::toNotifier).toList()).orElse(List.of());
    }

    @Override
    public Optional<Notifier.Rendered> render(OutboxEvent event, Channel channel, String languageTag) {
        return bookingId(event).flatMap(id -> booking(event.tenant(), id))
                .flatMap(booking -> content.render(event.type(), channel, languageTag, booking));
    }

    @Override
    public Optional<String> bookingFor(TenantId tenant, BookingReference reference) {
        if (reference.kind() == BookingReference.Kind.BOOKING_ID) {
            return booking(tenant, reference.value()).map(Booking::id);
        }
        Optional<String> value = Optional.of(reference.value());
        Optional<String> none = Optional.empty();
        boolean pnr = reference.kind() == BookingReference.Kind.PNR;
        BookingStore.BookingSearch search = new BookingStore.BookingSearch(Set.of(), pnr ? value : none,
                pnr ? none : value, none, none, Optional.empty(), Optional.empty());
        // A PNR can be reused by the airline: the newest booking holding it is the one a customer writes about.
        return bookings.search(context(tenant), search, Optional.empty(), 1).stream()
                .findFirst().map(listed -> listed.booking().id());
    }

    private static Optional<String> bookingId(OutboxEvent event) {
        return Optional.ofNullable(event.data().get("bookingId")).map(String::valueOf);
    }

    private Optional<Booking> booking(TenantId tenant, String id) {
        return bookings.find(context(tenant), id);
    }

    private static RequestContext context(TenantId tenant) {
        return new RequestContext(tenant, "messaging");
    }
}
