package io.travobooks.server.messaging;

import com.ibm.icu.util.Currency;
import com.ibm.icu.util.CurrencyAmount;
import com.ibm.icu.util.ULocale;
import io.travobooks.booking.BookingStatus;
import io.travobooks.booking.service.Booking;
import io.travobooks.messaging.notify.Channel;
import io.travobooks.messaging.notify.Notifier;
import io.travobooks.server.bookings.ETickets;
import io.travobooks.server.runtime.Lazy;
import io.travobooks.spi.Money;
import io.travobooks.spi.channel.ApprovedTemplate;
import io.travobooks.spi.channel.Attachment;
import io.travobooks.spi.supplier.Segment;
import io.travobooks.spi.supplier.SupplierGateway;
import io.travobooks.spi.supplier.SupplierOrder;
import io.travobooks.spi.supplier.SupplierResult;
import io.travobooks.spi.travel.DocumentType;
import io.travobooks.templates.icu.NotificationTemplates;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a booking event says to a person on a channel in their language: the shipped templates (email, and the
 * short SMS text for SMS and WhatsApp) filled from the booking as it is now. An issue's email carries the
 * e-ticket. On WhatsApp the same words go out as free text inside the customer-service window, and outside it as
 * the approved template named after the event type ({@code booking_issued}) with the passenger and PNR.
 */
public final class NotificationContent {
    /**
     * What a message must be able to say, by event type: a message is made only when the booking holds it still.
     * The amounts of an EMD, an exchange and a confirmed refund are in their postings, not in the booking: those
     * messages are not made yet, rather than made with another amount.
     */
    private static final Map<String, Set<String>> NEEDS = Map.of(
            "booking.held", Set.of("deadline", "total"),
            "booking.deposit_held", Set.of("deadline", "total"),
            "booking.expired", Set.of("deadline"),
            "booking.issued", Set.of("departure", "total"),
            "booking.reissued", Set.of("departure"),
            "booking.refunded", Set.of("refund"),
            "booking.partially_refunded", Set.of("refund"));
    private static final Set<String> NOT_YET = Set.of("booking.emd_issued", "booking.exchanged");

    private final SupplierGateway supplier;
    /** Made on the first message: the templates load ICU, which a server that notifies nobody skips. */
    private final Lazy<NotificationTemplates> templates = Lazy.of(NotificationTemplates::new);
    private final ETickets etickets;

    private final ZoneId agencyZone;

    /** @param agencyZone where dates are written as they are (a departure's wall-clock time is the airport's) */
    public NotificationContent(SupplierGateway supplier, ETickets etickets, ZoneId agencyZone) {
        this.supplier = supplier;
        this.etickets = etickets;
        this.agencyZone = agencyZone;
    }

    /**
     * The message about {@code booking} for {@code eventType}; empty when no template says it, or when it would
     * need an amount the booking no longer holds (a refund, once confirmed, is in the ledger, not the booking).
     */
    public Optional<Notifier.Rendered> render(String eventType, Channel channel, String languageTag,
                                              Booking booking) {
        Map<String, Object> arguments = arguments(booking);
        if (NOT_YET.contains(eventType) || !arguments.keySet().containsAll(NEEDS.getOrDefault(eventType, Set.of()))) {
            return Optional.empty();
        }
        ULocale locale = ULocale.forLanguageTag(languageTag);
        String folder = channel == Channel.EMAIL ? "email" : "sms";
        return templates.get().render(eventType, folder, locale, arguments, agencyZone).map(rendered ->
                new Notifier.Rendered(rendered.subject(), rendered.body(),
                        attachments(eventType, channel, booking, languageTag),
                        channel == Channel.WHATSAPP ? Optional.of(new ApprovedTemplate(eventType.replace('.', '_'),
                                rendered.locale().toLanguageTag(), List.of(String.valueOf(arguments.get("passenger")),
                                booking.pnr()))) : Optional.empty()));
    }


    private List<Attachment> attachments(String eventType, Channel channel, Booking booking, String languageTag) {
        if (channel != Channel.EMAIL || !eventType.equals("booking.issued")
                || !(booking.status() instanceof BookingStatus.Issued)) {
            return List.of();
        }
        return List.of(new Attachment("e-ticket-" + booking.pnr() + ".pdf", "application/pdf",
                etickets.pdf(booking, languageTag)));
    }

    /** The arguments every booking template takes, as far as the booking holds them. */
    private Map<String, Object> arguments(Booking booking) {
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("passenger", booking.passengers().getFirst().givenName() + " "
                + booking.passengers().getFirst().surname());
        arguments.put("pnr", booking.pnr());
        long tickets = booking.documents().stream().filter(d -> d.type() == DocumentType.TICKET).count();
        arguments.put("tickets", tickets > 0 ? tickets : booking.passengers().size());
        arguments.put("total", amount(booking.customerTotal()));
        booking.refundToCustomer().ifPresent(refund -> arguments.put("refund", amount(refund)));
        deadline(booking.status()).ifPresent(at -> arguments.put("deadline", Date.from(at)));
        // Written in the agency's zone: the local departure time becomes the instant that shows it there.
        departure(booking).ifPresent(at -> arguments.put("departure", Date.from(at.atZone(agencyZone).toInstant())));
        return arguments;
    }

    private static CurrencyAmount amount(Money money) {
        return new CurrencyAmount(money.toDecimal(), Currency.getInstance(money.currency().getCurrencyCode()));
    }

    private static Optional<Instant> deadline(BookingStatus status) {
        return switch (status) {
            case BookingStatus.Held held -> Optional.of(held.ticketingTimeLimit());
            case BookingStatus.Priced priced -> Optional.of(priced.ticketingTimeLimit());
            default -> Optional.empty();
        };
    }

    private Optional<java.time.LocalDateTime> departure(Booking booking) {
        if (!(supplier.retrieve(booking.pnr()) instanceof SupplierResult.Success<SupplierOrder> order)) {
            return Optional.empty();
        }
        return order.value().offer().segments().stream().findFirst().map(Segment::departure);
    }
}
