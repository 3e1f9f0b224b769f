package io.travobooks.booking.service;

import io.travobooks.booking.BookingErrorCode;
import io.travobooks.booking.posting.PostingRules;
import io.travobooks.ledger.Ledger;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.Rejection;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.booking.BookingStore;
import io.travobooks.spi.booking.StoredBooking;
import io.travobooks.spi.lock.Lease;
import io.travobooks.spi.lock.LockManager;
import io.travobooks.spi.outbox.OutboxEvent;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.spi.supplier.SupplierGateway;
import io.travobooks.spi.travel.Document;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every part of the booking service works with: its collaborators, the booking's lock, transactions, loading,
 * the one fenced write and the outbox. Each part (the commands, the transition step, supplier calls, the
 * reconciler) gets this.
 */
record BookingRuntime(BookingStore store, OutboxStore outbox, Ledger ledger, LockManager locks,
                      SupplierGateway supplier, Function<TenantId, PostingRules> rules, ApprovalPolicy approval,
                      Clock clock, BookingServiceOptions options, IssuanceObserver observer,
                      BookingPostings postings) {
    /** The longest booking id: ids go into event ids, lock keys and journal entry ids. */
    static final int MAX_BOOKING_ID_LENGTH = 24;
    /** The context the service's own sweeps act in. */
    static final String SWEEPER = "booking-sweeper";

    BookingRuntime {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(locks, "locks");
        Objects.requireNonNull(supplier, "supplier");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(approval, "approval");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(postings, "postings");
    }

    Instant now() {
        return clock.instant();
    }

    /** The day of {@code instant} in the agency's zone: the date entries post on. */
    LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, options.agencyZone());
    }

    /**
     * Runs {@code work} in a transaction, again when the database reports a lost race (a deadlock, a lock wait
     * timeout, a unique key a concurrent writer took): every transaction here reloads what it decides on, so a
     * retry decides on fresh state.
     */
    <T> T inTransaction(Function<UnitOfWork, T> work) {
        return store.transactions().inTransactionRetrying(work, options.retryPolicy());
    }

    /** As {@link #inTransaction}, rolled back when {@code work} answers a refusal: a refusal is never half-written. */
    <T> Outcome<T> inTransactionUnlessRefused(Function<UnitOfWork, Outcome<T>> work) {
        return store.transactions().inTransactionUnlessRefused(work, options.retryPolicy());
    }

    Optional<Booking> find(RequestContext context, String bookingId) {
        return inTransaction(uow -> load(uow, context.tenant(), bookingId, false));
    }

    List<BookingService.Listed> search(RequestContext context, BookingStore.BookingSearch search,
                                       Optional<BookingStore.Position> after, int max) {
        return inTransaction(uow -> store.search(uow, context.tenant(), search, after, max).stream()
                .map(found -> new BookingService.Listed(BookingCodec.decode(found.booking(),
                        store.documents(uow, context.tenant(), found.booking().id())), found.createdAt()))
                .toList());
    }

    Optional<Booking> load(UnitOfWork uow, TenantId tenant, String bookingId, boolean lock) {
        Optional<StoredBooking> stored = lock ? store.lock(uow, tenant, bookingId) : store.find(uow, tenant, bookingId);
        return stored.map(booking -> BookingCodec.decode(booking, store.documents(uow, tenant, bookingId)));
    }

    Outcome<Booking> loadLocked(UnitOfWork uow, TenantId tenant, String bookingId) {
        return load(uow, tenant, bookingId, true).<Outcome<Booking>>map(Outcome::ok)
                .orElseGet(() -> notFound(bookingId));
    }

    Optional<Instant> deadline(Booking booking, Instant now) {
        return BookingCodec.deadline(booking, now, options.issuingGrace());
    }

    /** Writes the booking's next version, with the deadline its status gives, under the lease's fencing token. */
    Outcome<Booking> writeFenced(UnitOfWork uow, Booking next, Lease lease, Instant now) {
        return writeFenced(uow, BookingCodec.encode(next, deadline(next, now)), lease).map(written -> next);
    }

    /**
     * The one way a booking is updated: the store checks the lease's fencing token, so a lock holder whose lease
     * expired (paused, partitioned) cannot overwrite what a newer holder wrote.
     */
    Outcome<StoredBooking> writeFenced(UnitOfWork uow, StoredBooking next, Lease lease) {
        return store.update(uow, next, lease.fencingToken()) ? Outcome.ok(next)
                : Outcome.refused(BookingErrorCode.BOOKING_LEASE_LOST, "booking " + next.id()
                + " was written by a newer lock holder; nothing of this request was kept");
    }

    /** Runs {@code work} holding the booking's lock; refused when another request holds it past the wait. */
    <T> Outcome<T> locked(RequestContext context, String bookingId, Function<Lease, Outcome<T>> work) {
        Optional<Rejection> invalid = checkBookingId(bookingId);
        if (invalid.isPresent()) {
            return new Outcome.Refused<>(invalid.get());
        }
        String key = "booking:" + context.tenant().value() + ":" + bookingId;
        Optional<Lease> lease;
        try {
            lease = locks.acquire(key, options.lease(), options.lockWait());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.refused(BookingErrorCode.BOOKING_BUSY, "interrupted while waiting for booking "
                    + bookingId);
        }
        if (lease.isEmpty()) {
            return Outcome.refused(BookingErrorCode.BOOKING_BUSY, "another request holds booking " + bookingId);
        }
        try {
            return work.apply(lease.get());
        } finally {
            locks.release(lease.get());
        }
    }

    void publish(UnitOfWork uow, Booking booking, String type, Instant now) {
        publish(uow, booking, type, now, Map.of());
    }

    void publish(UnitOfWork uow, Booking booking, String type, Instant now, Map<String, Object> extra) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("bookingId", booking.id());
        data.put("pnr", booking.pnr());
        data.put("state", booking.status().state().name());
        data.put("airline", booking.airlinePrefix());
        data.put("passengers", booking.passengers().size());
        data.put("documents", booking.documents().stream().map(Document::number).toList());
        data.putAll(extra);
        // Consumers de-duplicate by id: the tenant is part of it, since two tenants may both have a booking BK1.
        outbox.append(uow, new OutboxEvent(booking.tenant().value() + "/" + booking.id() + "/" + type + "/"
                + booking.version(), type, booking.tenant(), now, data));
    }

    /**
     * 1 to {@value #MAX_BOOKING_ID_LENGTH} letters, digits, '.', '_' or '-', starting with a letter or digit: no '/'
     * or ':', which separate the parts of event ids and lock keys (a tenant id may contain them).
     */
    static Optional<Rejection> checkBookingId(String bookingId) {
        Objects.requireNonNull(bookingId, "bookingId");
        boolean valid = !bookingId.isEmpty() && bookingId.length() <= MAX_BOOKING_ID_LENGTH
                && Character.isLetterOrDigit(bookingId.charAt(0))
                && bookingId.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_'
                || c == '-'));
        return valid ? Optional.empty() : Optional.of(new Rejection(BookingErrorCode.BOOKING_INVALID_COMMAND,
                "a booking id has 1 to " + MAX_BOOKING_ID_LENGTH + " letters, digits, '.', '_' or '-': "
                        + bookingId));
    }

    static <T> Outcome<T> exists(String bookingId) {
        return Outcome.refused(BookingErrorCode.BOOKING_INVALID_COMMAND, "booking " + bookingId + " exists");
    }

    static <T> Outcome<T> notFound(String bookingId) {
        return Outcome.refused(BookingErrorCode.BOOKING_NOT_FOUND, "no booking " + bookingId);
    }
}
