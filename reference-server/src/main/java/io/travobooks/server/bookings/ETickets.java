package io.travobooks.server.bookings;

import com.ibm.icu.util.ULocale;
import io.travobooks.booking.BookingStatus;
import io.travobooks.booking.service.Booking;
import io.travobooks.eticket.ETicket;
import io.travobooks.eticket.ETicketRenderer;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.runtime.Lazy;
import io.travobooks.spi.supplier.SupplierGateway;
import io.travobooks.spi.supplier.SupplierOrder;
import io.travobooks.spi.supplier.SupplierResult;
import io.travobooks.templates.icu.NotificationTemplates;

import java.time.ZoneId;

/**
 * E-tickets of issued bookings, drawn from the booking and the flights the supplier holds for its PNR. The renderer
 * (fonts, templates) is made on the first e-ticket asked for, not at the server's start.
 */
public final class ETickets {
    private final SupplierGateway supplier;
    private final ZoneId agencyZone;
    private final Lazy<ETicketRenderer> renderer = Lazy.of(() -> new ETicketRenderer(new NotificationTemplates()));

    public ETickets(SupplierGateway supplier, ZoneId agencyZone) {
        this.supplier = supplier;
        this.agencyZone = agencyZone;
    }

    public byte[] pdf(Booking booking, String locale) {
        if (!(booking.status() instanceof BookingStatus.Issued issued)) {
            throw new ApiProblem(422, "BOOKING_NOT_ISSUED", "Refused", "booking " + booking.id() + " is "
                    + booking.status().state() + ": only an issued booking has an e-ticket");
        }
        SupplierOrder order = switch (supplier.retrieve(booking.pnr())) {
            case SupplierResult.Success<SupplierOrder> found -> found.value();
            case SupplierResult.Refused<SupplierOrder> refused -> throw new ApiProblem(422,
                    "BOOKING_SUPPLIER_REFUSED", "Refused", "the airline has no order " + booking.pnr() + ": "
                    + refused.message());
            case SupplierResult.Unknown<SupplierOrder> unknown -> throw new ApiProblem(503,
                    "BOOKING_SUPPLIER_UNAVAILABLE", "Supplier unavailable", "the airline did not answer: "
                    + unknown.reason());
        };
        ETicket ticket = ETicket.of(booking, order.offer().segments(), booking.tenant().value(), issued.issuedAt(),
                agencyZone);
        return renderer.get().render(ticket, ULocale.forLanguageTag(locale));
    }

}
