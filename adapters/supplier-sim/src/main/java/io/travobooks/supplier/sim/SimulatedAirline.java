package io.travobooks.supplier.sim;

import io.travobooks.spi.Money;
import io.travobooks.spi.supplier.ExchangeOffer;
import io.travobooks.spi.supplier.Fare;
import io.travobooks.spi.supplier.Offer;
import io.travobooks.spi.supplier.Passenger;
import io.travobooks.spi.supplier.RefundOffer;
import io.travobooks.spi.supplier.Segment;
import io.travobooks.spi.supplier.SupplierGateway;
import io.travobooks.spi.supplier.SupplierOrder;
import io.travobooks.spi.supplier.SupplierResult;
import io.travobooks.spi.travel.CouponStatus;
import io.travobooks.spi.travel.Document;
import io.travobooks.spi.travel.DocumentType;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An in-process airline reservation system that behaves like a real one where it matters to the saga: orders
 * (PNRs) with a ticketing time limit and a price guarantee, 13-digit ticket numbers with the airline's prefix,
 * fares and penalties per route, void windows, refunds with a penalty, latency, and faults including the ambiguous
 * ones. Issuing an order that is already issued issues again, as a GDS would: re-sending an issue request blindly
 * makes duplicate tickets.
 * Thread-safe; outcomes are deterministic for a seed and a call order.
 *
 * <p>Why one class of this size: it simulates one reservation system, whose operations all read and change the
 * same order book under the same lock and draw from the same fault schedule; its options live in
 * {@link SimulationOptions} and its faults in {@link SimulatedFault}.
 */
public final class SimulatedAirline implements SupplierGateway {
    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";

    private final SimulationOptions options;
    private final Clock clock;
    private final SplittableRandom faults;
    private final SplittableRandom jitter;
    private final Map<String, Offer> offers = new HashMap<>();
    private final Map<String, Order> orders = new HashMap<>();
    private final Map<String, String> pnrByRequest = new HashMap<>();
    private final Map<String, String> pnrByDocument = new HashMap<>();
    private final Map<String, RefundOffer> quotes = new HashMap<>();
    private final Map<String, ExchangeOffer> exchangeQuotes = new HashMap<>();
    private final Set<String> usedQuotes = new HashSet<>();
    private final Deque<SimulatedFault> scripted = new ArrayDeque<>();
    private long nextSerial;
    private long nextId;
    private static final SecureRandom OFFER_IDS = new SecureRandom();

    /** The mutable order behind a {@link SupplierOrder} snapshot. */
    private static final class Order {
        final String pnr;
        final List<Passenger> passengers;
        Offer offer;
        final Instant ticketingTimeLimit;
        Instant priceGuaranteeUntil;
        SupplierOrder.Status status = SupplierOrder.Status.HELD;
        final List<Document> documents = new ArrayList<>();
        final List<String> issueRequestIds = new ArrayList<>();
        Instant issuedAt;

        Order(String pnr, List<Passenger> passengers, Offer offer, Instant ticketingTimeLimit, Instant guarantee) {
            this.pnr = pnr;
            this.passengers = List.copyOf(passengers);
            this.offer = offer;
            this.ticketingTimeLimit = ticketingTimeLimit;
            this.priceGuaranteeUntil = guarantee;
        }

        /** A hold past its ticketing time limit is released, as airlines do on their own. */
        void expireIfDue(Instant now) {
            if (status == SupplierOrder.Status.HELD && !now.isBefore(ticketingTimeLimit)) {
                status = SupplierOrder.Status.EXPIRED;
            }
        }

        SupplierOrder view() {
            return new SupplierOrder(pnr, status, passengers, offer, ticketingTimeLimit, priceGuaranteeUntil,
                    documents, issueRequestIds, Optional.ofNullable(issuedAt));
        }
    }

    public SimulatedAirline(SimulationOptions options, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.faults = new SplittableRandom(options.seed());
        this.jitter = new SplittableRandom(options.seed() ^ 0x5DEECE66DL);
        this.nextSerial = 2_000_000_000L + faults.nextInt(1_000_000) * 1_000L;
    }

    /** Its latency at the most: a simulated timeout answers at once, after the change was made. */
    @Override
    public Duration callTimeout() {
        return options.latency().plus(options.latencyJitter());
    }

    @Override
    public List<Offer> search(String origin, String destination, LocalDate date) {
        pause();
        synchronized (this) {
            Fare fare = options.route(origin, destination).map(SimulatedRoute::fare).orElse(options.fare());
            return List.of(newOffer(origin, destination, date, fare));
        }
    }

    private Offer newOffer(String origin, String destination, LocalDate date, Fare fare) {
        // Unguessable: a tenant that knows one offer's id must not find the offers other tenants searched.
        String offerId = "OF" + ++nextId + "-" + new BigInteger(96, OFFER_IDS).toString(36);
        Segment segment = new Segment(options.carrier(), Integer.toString(580 + (int) (nextId % 10)), origin,
                destination, date.atTime(10, 15));
        Offer offer = new Offer(offerId, options.airlinePrefix(), List.of(segment), fare,
                clock.instant().plus(Duration.ofMinutes(30)));
        offers.put(offerId, offer);
        return offer;
    }

    /** An offer a search made that has not expired. */
    private Optional<Offer> liveOffer(String offerId) {
        return Optional.ofNullable(offers.get(offerId)).filter(offer -> clock.instant().isBefore(offer.expiresAt()));
    }

    @Override
    public SupplierResult<Offer> offer(String offerId) {
        pause();
        synchronized (this) {
            return liveOffer(offerId).<SupplierResult<Offer>>map(SupplierResult.Success::new)
                    .orElseGet(() -> refused("OFFER_EXPIRED", "offer " + offerId + " is unknown or expired"));
        }
    }

    @Override
    public SupplierResult<SupplierOrder> hold(String offerId, List<Passenger> passengers) {
        return mutate(() -> {
            Optional<Offer> live = liveOffer(offerId);
            if (live.isEmpty()) {
                return refused("OFFER_EXPIRED", "offer " + offerId + " is unknown or expired");
            }
            Offer offer = live.get();
            Instant now = clock.instant();
            if (passengers.isEmpty()) {
                return refused("NO_PASSENGER", "an order needs a passenger");
            }
            Order order = new Order(newPnr(), passengers, offer, now.plus(options.holdTime()), offer.expiresAt());
            orders.put(order.pnr, order);
            return new SupplierResult.Success<>(order.view());
        });
    }

    @Override
    public SupplierResult<SupplierOrder> price(String pnr) {
        return mutate(() -> withOrder(pnr, order -> {
            Instant now = clock.instant();
            if (order.status != SupplierOrder.Status.HELD || !now.isBefore(order.ticketingTimeLimit)) {
                return refused("NOT_HELD", pnr + " is " + order.status + " or past its time limit");
            }
            order.priceGuaranteeUntil = now.plus(options.priceGuarantee());
            return new SupplierResult.Success<>(order.view());
        }));
    }

    @Override
    public SupplierResult<SupplierOrder> issue(String pnr, String requestId) {
        Objects.requireNonNull(requestId, "requestId");
        return mutate(() -> withOrder(pnr, order -> {
            Instant now = clock.instant();
            boolean reissue = order.status == SupplierOrder.Status.ISSUED;
            if (!reissue && order.status != SupplierOrder.Status.HELD) {
                return refused("NOT_ISSUABLE", pnr + " is " + order.status);
            }
            if (!reissue && (!now.isBefore(order.ticketingTimeLimit) || !now.isBefore(order.priceGuaranteeUntil))) {
                return refused("TIME_LIMIT", pnr + " is past its ticketing time limit or price guarantee");
            }
            int coupons = order.offer.segments().size();
            for (int i = 0; i < order.passengers.size(); i++) {
                String number = options.airlinePrefix() + String.format("%010d", nextSerial++);
                order.documents.add(Document.issued(number, DocumentType.TICKET, coupons));
                pnrByDocument.put(number, pnr);
            }
            order.status = SupplierOrder.Status.ISSUED;
            order.issuedAt = now;
            order.issueRequestIds.add(requestId);
            pnrByRequest.put(requestId, pnr);
            return new SupplierResult.Success<>(order.view());
        }));
    }

    @Override
    public SupplierResult<SupplierOrder> retrieve(String pnr) {
        pause();
        synchronized (this) {
            return withOrder(pnr, order -> new SupplierResult.Success<>(order.view()));
        }
    }

    @Override
    public SupplierResult<SupplierOrder> retrieveByRequest(String requestId) {
        pause();
        synchronized (this) {
            String pnr = pnrByRequest.get(requestId);
            return pnr == null ? refused(NOT_FOUND, "no order processed request " + requestId) : retrieveNow(pnr);
        }
    }

    @Override
    public SupplierResult<SupplierOrder> retrieveByDocument(String documentNumber) {
        pause();
        synchronized (this) {
            String pnr = pnrByDocument.get(documentNumber);
            return pnr == null ? refused(NOT_FOUND, "no document " + documentNumber) : retrieveNow(pnr);
        }
    }

    @Override
    public SupplierResult<SupplierOrder> voidDocuments(String pnr) {
        return mutate(() -> withOrder(pnr, order -> {
            if (order.status != SupplierOrder.Status.ISSUED) {
                return refused("NOT_ISSUED", pnr + " is " + order.status);
            }
            if (!insideVoidWindow(order.issuedAt, clock.instant())) {
                return refused("VOID_WINDOW_CLOSED", "issued " + order.issuedAt);
            }
            if (!order.documents.stream().allMatch(Document::allCouponsOpen)) {
                return refused("COUPON_NOT_OPEN", "a coupon of " + pnr + " was used");
            }
            order.documents.replaceAll(document -> document.withAllCoupons(CouponStatus.VOID));
            order.status = SupplierOrder.Status.VOIDED;
            return new SupplierResult.Success<>(order.view());
        }));
    }

    @Override
    public SupplierResult<RefundOffer> refundQuote(String pnr, Set<String> documentNumbers) {
        pause();
        synchronized (this) {
            Order order = orders.get(pnr);
            if (order == null || order.status != SupplierOrder.Status.ISSUED) {
                return refused("NOT_ISSUED", pnr + " is not issued");
            }
            if (documentNumbers.isEmpty()) {
                return refused("NOT_REFUNDABLE", "a refund names at least one document");
            }
            // The route's configured fare, not the order's: the refund of a repriced or exchanged order too.
            Optional<SimulatedRoute> route = routeOf(order);
            Fare fare = route.map(SimulatedRoute::fare).orElse(options.fare());
            Money penalty = route.map(SimulatedRoute::refundPenalty).orElse(options.refundPenalty());
            Money refundable = new Money(0, fare.base().currency());
            for (String number : documentNumbers) {
                Document document = order.documents.stream().filter(d -> d.number().equals(number)).findFirst()
                        .orElse(null);
                if (document == null || !document.allCouponsOpen()) {
                    return refused("NOT_REFUNDABLE", number + " is not an open document of " + pnr);
                }
                refundable = refundable.plus(fare.total()).minus(penalty);
            }
            RefundOffer quote = new RefundOffer("RQ" + ++nextId, pnr, documentNumbers, refundable,
                    new Money(penalty.minor() * documentNumbers.size(), penalty.currency()),
                    clock.instant().plus(Duration.ofMinutes(30)));
            quotes.put(quote.quoteId(), quote);
            return new SupplierResult.Success<>(quote);
        }
    }

    @Override
    public SupplierResult<SupplierOrder> refundConfirm(String pnr, String quoteId) {
        return mutate(() -> withOrder(pnr, order -> {
            if (usedQuotes.contains(quoteId)) {
                return new SupplierResult.Success<>(order.view()); // a confirmation sent again: already refunded
            }
            RefundOffer quote = quotes.get(quoteId);
            if (quote == null || !quote.pnr().equals(pnr) || !clock.instant().isBefore(quote.expiresAt())) {
                return refused("QUOTE_EXPIRED", "quote " + quoteId + " is unknown or expired");
            }
            boolean stillOpen = order.documents.stream().filter(d -> quote.documentNumbers().contains(d.number()))
                    .allMatch(Document::allCouponsOpen);
            if (order.status != SupplierOrder.Status.ISSUED || !stillOpen) {
                return refused("NOT_REFUNDABLE", "the documents of quote " + quoteId + " changed since it was made");
            }
            quotes.remove(quoteId);
            usedQuotes.add(quoteId);
            order.documents.replaceAll(document -> quote.documentNumbers().contains(document.number())
                    ? document.withAllCoupons(CouponStatus.REFUNDED) : document);
            if (order.documents.stream().allMatch(d -> d.coupons().stream().allMatch(CouponStatus.REFUNDED::equals))) {
                order.status = SupplierOrder.Status.REFUNDED;
            }
            return new SupplierResult.Success<>(order.view());
        }));
    }

    /**
     * An offer on the carrier's route at {@code fare} instead of the configured one (the route's or the default):
     * a fare change, for example the new itinerary of an exchange.
     */
    public synchronized Offer offerAt(String origin, String destination, LocalDate date, Fare fare) {
        return newOffer(origin, destination, date, fare);
    }

    @Override
    public SupplierResult<ExchangeOffer> exchangeQuote(String pnr, Set<String> documentNumbers, String newOfferId) {
        pause();
        synchronized (this) {
            Order order = orders.get(pnr);
            Offer newOffer = offers.get(newOfferId);
            if (order == null || order.status != SupplierOrder.Status.ISSUED) {
                return refused("NOT_ISSUED", pnr + " is not issued");
            }
            if (newOffer == null || !clock.instant().isBefore(newOffer.expiresAt())) {
                return refused("OFFER_EXPIRED", "offer " + newOfferId + " is unknown or expired");
            }
            if (documentNumbers.isEmpty() || !documentNumbers.stream().allMatch(number -> order.documents.stream()
                    .anyMatch(d -> d.number().equals(number) && d.type() == DocumentType.TICKET
                            && d.allCouponsOpen()))) {
                return refused("NOT_EXCHANGEABLE", "an exchange names open tickets of " + pnr);
            }
            Money oldTotal = order.offer.farePerPassenger().total();
            Money newTotal = newOffer.farePerPassenger().total();
            if (!newTotal.currency().equals(oldTotal.currency())) {
                return refused("NOT_EXCHANGEABLE", "offer " + newOfferId + " is in " + newTotal.currency()
                        + ", the tickets of " + pnr + " in " + oldTotal.currency());
            }
            Money difference = newTotal.minus(oldTotal);
            // The penalty of the route the tickets are on, not of the new itinerary's.
            Money changePenalty = routeOf(order).map(SimulatedRoute::changePenalty).orElse(options.changePenalty());
            ExchangeOffer quote = new ExchangeOffer("XQ" + ++nextId, pnr, documentNumbers, newOfferId,
                    difference.isPositive() ? difference : new Money(0, difference.currency()),
                    changePenalty, clock.instant().plus(Duration.ofMinutes(30)));
            exchangeQuotes.put(quote.quoteId(), quote);
            return new SupplierResult.Success<>(quote);
        }
    }

    @Override
    public SupplierResult<SupplierOrder> exchangeConfirm(String pnr, String quoteId) {
        return mutate(() -> withOrder(pnr, order -> {
            if (usedQuotes.contains(quoteId)) {
                return new SupplierResult.Success<>(order.view()); // a confirmation sent again: already exchanged
            }
            ExchangeOffer quote = exchangeQuotes.get(quoteId);
            if (quote == null || !quote.pnr().equals(pnr) || !clock.instant().isBefore(quote.expiresAt())) {
                return refused("QUOTE_EXPIRED", "quote " + quoteId + " is unknown or expired");
            }
            boolean stillOpen = order.documents.stream().filter(d -> quote.documentNumbers().contains(d.number()))
                    .allMatch(Document::allCouponsOpen);
            if (order.status != SupplierOrder.Status.ISSUED || !stillOpen) {
                return refused("NOT_EXCHANGEABLE", "the documents of quote " + quoteId + " changed since");
            }
            exchangeQuotes.remove(quoteId);
            usedQuotes.add(quoteId);
            Offer newOffer = offers.get(quote.newOfferId());
            order.documents.replaceAll(document -> quote.documentNumbers().contains(document.number())
                    ? document.withAllCoupons(CouponStatus.EXCHANGED) : document);
            for (int i = 0; i < quote.documentNumbers().size(); i++) {
                String number = options.airlinePrefix() + String.format("%010d", nextSerial++);
                order.documents.add(Document.issued(number, DocumentType.TICKET, newOffer.segments().size()));
                pnrByDocument.put(number, pnr);
            }
            order.offer = newOffer;
            return new SupplierResult.Success<>(order.view());
        }));
    }

    @Override
    public SupplierResult<SupplierOrder> issueEmd(String pnr, String requestId, Money amount, String reason) {
        Objects.requireNonNull(requestId, "requestId");
        return mutate(() -> withOrder(pnr, order -> {
            if (order.status != SupplierOrder.Status.ISSUED) {
                return refused("NOT_ISSUED", pnr + " is " + order.status);
            }
            if (!amount.isPositive()) {
                return refused("INVALID_AMOUNT", "an EMD is for a positive amount");
            }
            for (int i = 0; i < order.passengers.size(); i++) {
                String number = options.airlinePrefix() + String.format("%010d", nextSerial++);
                order.documents.add(Document.issued(number, DocumentType.EMD_ASSOCIATED, 1));
                pnrByDocument.put(number, pnr);
            }
            order.issueRequestIds.add(requestId);
            pnrByRequest.put(requestId, pnr);
            return new SupplierResult.Success<>(order.view());
        }));
    }

    @Override
    public SupplierResult<SupplierOrder> cancel(String pnr) {
        return mutate(() -> withOrder(pnr, order -> {
            if (order.status != SupplierOrder.Status.HELD) {
                return refused("NOT_HELD", pnr + " is " + order.status);
            }
            order.status = SupplierOrder.Status.CANCELLED;
            return new SupplierResult.Success<>(order.view());
        }));
    }

    /** The airline changed the fare of a held order: its next pricing quotes {@code fare}. */
    public synchronized void changeFare(String pnr, Fare fare) {
        Order order = orders.get(pnr);
        order.offer = new Offer(order.offer.offerId(), order.offer.airlinePrefix(), order.offer.segments(), fare,
                order.offer.expiresAt());
    }

    /** The passenger checked in on the document's first coupon: it can no longer be voided. */
    public synchronized void checkIn(String documentNumber) {
        Order order = orders.get(pnrByDocument.get(documentNumber));
        order.documents.replaceAll(document -> {
            if (!document.number().equals(documentNumber)) {
                return document;
            }
            List<CouponStatus> coupons = new ArrayList<>(document.coupons());
            coupons.set(0, CouponStatus.CHECKED_IN);
            return new Document(document.number(), document.type(), coupons);
        });
    }

    // ---------------------------------------------------------------- machinery

    /** Answers the next change with {@code fault}, before any drawn one: for tests that need one exact case. */
    public synchronized void failNext(SimulatedFault fault) {
        scripted.add(Objects.requireNonNull(fault, "fault"));
    }

    /** Runs a change with latency and the next fault: refused, lost (not run) or timed out (run), or none. */
    private <T> SupplierResult<T> mutate(Supplier<SupplierResult<T>> change) {
        pause();
        synchronized (this) {
            SimulatedFault fault = scripted.isEmpty() ? drawFault() : scripted.poll();
            if (fault == null) {
                return change.get();
            }
            return switch (fault) {
                case REFUSE -> refused("SIM_UNAVAILABLE", "the simulated airline refused the request");
                case LOST -> new SupplierResult.Unknown<>("no answer: the request never reached the airline");
                case TIMEOUT -> {
                    change.get();
                    yield new SupplierResult.Unknown<>("no answer: the airline processed the request");
                }
            };
        }
    }

    /** The next fault drawn from the seed at the configured rates; null for none. */
    private SimulatedFault drawFault() {
        double draw = faults.nextDouble();
        if (draw < options.refuseRate()) {
            return SimulatedFault.REFUSE;
        }
        if (draw < options.refuseRate() + options.lostRate()) {
            return SimulatedFault.LOST;
        }
        if (draw < options.refuseRate() + options.lostRate() + options.timeoutRate()) {
            return SimulatedFault.TIMEOUT;
        }
        return null;
    }

    /** The configured route of the order's itinerary, from its first origin to its last destination. */
    private Optional<SimulatedRoute> routeOf(Order order) {
        List<Segment> segments = order.offer.segments();
        return options.route(segments.getFirst().origin(), segments.getLast().destination());
    }

    private SupplierResult<SupplierOrder> retrieveNow(String pnr) {
        return withOrder(pnr, order -> new SupplierResult.Success<>(order.view()));
    }

    private <T> SupplierResult<T> withOrder(String pnr, Function<Order, SupplierResult<T>> action) {
        Order order = orders.get(pnr);
        if (order == null) {
            return refused(NOT_FOUND, "no order " + pnr);
        }
        order.expireIfDue(clock.instant());
        return action.apply(order);
    }

    private boolean insideVoidWindow(Instant issuedAt, Instant now) {
        if (options.voidWindowDays() < 0 || now.isBefore(issuedAt)) {
            return false;
        }
        LocalDate issueDay = LocalDate.ofInstant(issuedAt, options.zone());
        return !LocalDate.ofInstant(now, options.zone()).isAfter(issueDay.plusDays(options.voidWindowDays()));
    }

    private String newPnr() {
        StringBuilder pnr = new StringBuilder(6);
        do {
            pnr.setLength(0);
            for (int i = 0; i < 6; i++) {
                pnr.append(LETTERS.charAt(faults.nextInt(LETTERS.length())));
            }
        } while (orders.containsKey(pnr.toString()));
        return pnr.toString();
    }

    /** The configured latency plus jitter, outside the lock: concurrent callers wait in parallel, as on a network. */
    private void pause() {
        long nanos = options.latency().toNanos();
        if (!options.latencyJitter().isZero()) {
            synchronized (jitter) {
                nanos += jitter.nextLong(options.latencyJitter().toNanos() + 1);
            }
        }
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left); // may return early (a spurious wake-up): park again for the rest
        }
    }

    private static <T> SupplierResult<T> refused(String code, String message) {
        return new SupplierResult.Refused<>(code, message);
    }
}
