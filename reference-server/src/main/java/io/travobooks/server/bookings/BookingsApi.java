package io.travobooks.server.bookings;

import io.travobooks.booking.BookingErrorCode;
import io.travobooks.booking.service.Booking;
import io.travobooks.booking.service.BookingService;
import io.travobooks.server.auth.Caller;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Call;
import io.travobooks.server.http.Handler;
import io.travobooks.server.http.Page;
import io.travobooks.server.http.Reply;
import io.travobooks.server.http.Response;
import io.travobooks.server.ledger.Postings;
import io.travobooks.server.runtime.ServerDatabase;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.booking.BookingStore;
import io.travobooks.spi.supplier.Offer;
import io.travobooks.spi.supplier.SupplierGateway;
import io.travobooks.spi.supplier.SupplierResult;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Bookings from hold to ticket and after: each operation is one command of the booking service, answered with the
 * booking as it is afterwards. Where the service takes an idempotency key (issue, EMD), the request's Idempotency-Key
 * is that key, so a retry after a lost answer can never reach the airline twice.
 */
public final class BookingsApi {
    private static final Set<BookingErrorCode> BOOKING_MISSING = Set.of(BookingErrorCode.BOOKING_NOT_FOUND);

    private final BookingService service;
    private final BookingReads reads;
    private final SupplierGateway supplier;

    private final ETickets etickets;
    private final ZoneId agencyZone;
    private final IssueApprovals issueApprovals;
    private final IssuePreviews previews;

    /** {@code agentApproval}: whether the caller's mandate holds an issue of the booking for a person's approval. */
    public BookingsApi(BookingService service, BookingReads reads, SupplierGateway supplier, ETickets etickets,
                       ZoneId agencyZone, ServerDatabase database, BiPredicate<Caller, Booking> agentApproval) {
        this.issueApprovals = new IssueApprovals(database, service);
        this.previews = new IssuePreviews(service, agentApproval);
        this.service = service;
        this.agencyZone = agencyZone;
        this.reads = reads;
        this.supplier = supplier;
        this.etickets = etickets;
    }

    public Map<String, Handler> handlers() {
        Map<String, Handler> handlers = new HashMap<>();
        handlers.put("searchOffers", this::searchOffers);
        handlers.put("getOffer", this::offer);
        handlers.put("holdBooking", this::hold);
        handlers.put("getBooking", this::get);
        handlers.put("listBookings", this::list);
        handlers.put("priceBooking", call -> booking(service.price(call.context(), id(call))));
        handlers.put("previewIssue", call -> Reply.ok(previews.preview(call, id(call))));
        handlers.put("issueBooking", call -> {
            previews.check(call, id(call));
            return Reply.ok(BookingViews.BookingView.of(issueApprovals.issued(call, Postings.orThrow(
                    service.issue(call.context(), id(call), idempotencyKey(call)), BOOKING_MISSING))));
        });
        handlers.put("approveBooking", call -> {
            issueApprovals.approving(call, id(call));
            return booking(service.approve(call.context(), id(call)));
        });
        handlers.put("rejectBooking", call -> booking(service.rejectApproval(call.context(), id(call),
                call.bodyAs(BookingRequests.ReasonBody.class).reason())));
        handlers.put("voidBooking", call -> booking(service.voidTickets(call.context(), id(call))));
        handlers.put("quoteRefund", call -> booking(service.quoteRefund(call.context(), id(call),
                new HashSet<>(call.bodyAs(BookingRequests.RefundQuoteBody.class).documentNumbers()))));
        handlers.put("confirmRefund", call -> booking(service.confirmRefund(call.context(), id(call),
                call.path("quote_id"))));
        handlers.put("declineRefund", call -> booking(service.declineRefund(call.context(), id(call),
                call.path("quote_id"))));
        handlers.put("quoteExchange", this::quoteExchange);
        handlers.put("confirmExchange", call -> booking(service.confirmExchange(call.context(), id(call),
                call.path("quote_id"),
                call.bodyAs(BookingRequests.ExchangeConfirmationBody.class).followOnBookingId())));
        handlers.put("issueEmd", this::issueEmd);
        handlers.put("cancelBooking", call -> booking(service.cancel(call.context(), id(call),
                call.bodyAs(BookingRequests.ReasonBody.class).reason())));
        handlers.put("reconcileBooking", call -> booking(service.reconciler().reconcile(call.context(), id(call))));
        handlers.put("holdDeposit", call -> booking(service.holdDeposit(call.context(), id(call),
                call.bodyAs(BookingRequests.DepositBody.class).depositId())));
        handlers.put("listBookingDocuments", call -> Reply.ok(Map.of("items", find(call).documents().stream()
                .map(BookingViews.DocumentView::of).toList())));
        handlers.put("getETicket", call -> Reply.ok(new Response.Raw("application/pdf",
                etickets.pdf(find(call), call.query("locale").orElse("en")))));
        return handlers;
    }

    private Reply searchOffers(Call call) {
        LocalDate date = call.queryDate("date").orElseThrow();
        return Reply.ok(Map.of("items", supplier.search(call.query("origin").orElseThrow(),
                call.query("destination").orElseThrow(), date).stream().map(BookingViews.OfferView::of).toList()));
    }

    private Reply offer(Call call) {
        String id = call.path("offer_id");
        return switch (supplier.offer(id)) {
            case SupplierResult.Success<Offer> found -> Reply.ok(BookingViews.OfferView.of(found.value()));
            case SupplierResult.Refused<Offer> refused -> throw switch (refused.code()) {
                case "OFFER_EXPIRED" -> ApiProblem.notFound("OFFER_NOT_FOUND", "no offer " + id
                        + ": unknown or expired");
                case "UNSUPPORTED" -> new ApiProblem(501, "OFFER_LOOKUP_UNSUPPORTED", "Not implemented",
                        "this supplier does not look offers up: search again");
                default -> new ApiProblem(503, "SUPPLIER_UNAVAILABLE", "Unavailable", refused.message());
            };
            case SupplierResult.Unknown<Offer> unknown -> throw new ApiProblem(503, "SUPPLIER_UNAVAILABLE",
                    "Unavailable", "the airline did not answer: " + unknown.reason());
        };
    }

    private Reply hold(Call call) {
        BookingRequests.NewBooking request = call.bodyAs(BookingRequests.NewBooking.class);
        Outcome<Booking> held = service.hold(call.context(), request.id(), request.offerId(),
                request.passengers().stream().map(BookingRequests.PassengerBody::toPassenger).toList(),
                request.terms().toTerms());
        return Reply.created(BookingViews.BookingView.of(Postings.orThrow(held, Set.of())));
    }

    private Reply get(Call call) {
        return reads.json(service, call.context(), id(call))
                .map(json -> Reply.ok(new Response.Raw(Response.JSON, json)))
                .orElseThrow(() -> missing(call));
    }

    /** A booking a search found, with when it was made (absent: before the server kept it). */
    record ListedView(Optional<Instant> createdAt, BookingViews.BookingView booking) {
        static ListedView of(BookingService.Listed listed) {
            return new ListedView(Optional.of(listed.createdAt()).filter(at -> at.isAfter(Instant.EPOCH)),
                    BookingViews.BookingView.of(listed.booking()));
        }
    }

    private Reply list(Call call) {
        int limit = Page.limit(call);
        Optional<BookingStore.Position> after = Page.timeAndId(call)
                .map(p -> new BookingStore.Position(p.at(), p.id()));
        Optional<String> passenger = call.query("passenger");
        BookingStore.BookingSearch search = new BookingStore.BookingSearch(
                call.query("status").map(Set::of).orElse(Set.of()), call.query("pnr"), call.query("ticket_number"),
                passenger.map(p -> p.split("/", 2)[0]),
                passenger.filter(p -> p.contains("/")).map(p -> p.split("/", 2)[1]),
                call.queryDate("from").map(day -> day.atStartOfDay(agencyZone).toInstant()),
                call.queryDate("to").map(day -> day.plusDays(1).atStartOfDay(agencyZone).toInstant()));
        List<BookingService.Listed> rows = service.search(call.context(), search, after, limit + 1);
        return Reply.ok(Page.of(rows, limit, listed -> Page.TimeAndId.of(listed.createdAt(), listed.booking().id()),
                ListedView::of));
    }

    private Reply quoteExchange(Call call) {
        BookingRequests.ExchangeQuoteBody request = call.bodyAs(BookingRequests.ExchangeQuoteBody.class);
        return Reply.ok(BookingViews.ExchangeQuoteView.of(Postings.orThrow(request.documentNumbers()
                .map(tickets -> service.quoteExchange(call.context(), id(call), request.newOfferId(),
                        new HashSet<>(tickets)))
                .orElseGet(() -> service.quoteExchange(call.context(), id(call), request.newOfferId())),
                BOOKING_MISSING)));
    }

    private Reply issueEmd(Call call) {
        BookingRequests.EmdBody request = call.bodyAs(BookingRequests.EmdBody.class);
        return booking(service.issueEmd(call.context(), id(call), request.amount(), request.reason(),
                idempotencyKey(call)));
    }

    private Booking find(Call call) {
        return service.find(call.context(), id(call)).orElseThrow(() -> missing(call));
    }

    private static ApiProblem missing(Call call) {
        return ApiProblem.notFound(BookingErrorCode.BOOKING_NOT_FOUND, "no booking " + id(call));
    }

    private static Reply booking(Outcome<Booking> outcome) {
        return Reply.ok(BookingViews.BookingView.of(Postings.orThrow(outcome, BOOKING_MISSING)));
    }

    private static String id(Call call) {
        return call.path("booking_id");
    }

    private static String idempotencyKey(Call call) {
        return call.header("Idempotency-Key").orElseThrow(); // required by the contract, checked before this runs
    }
}
