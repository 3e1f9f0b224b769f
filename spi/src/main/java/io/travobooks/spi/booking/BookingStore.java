package io.travobooks.spi.booking;

import io.travobooks.spi.TenantId;
import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.travel.Document;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Bookings, their documents and their supplier requests. Every method runs in the caller's {@link UnitOfWork}, so
 * that the booking's new state, its tickets, the journal entry and the outbox event commit together; every query
 * is scoped to one tenant, except {@link #due}, which the sweepers use for all tenants.
 */
public interface BookingStore {

    TransactionRunner transactions();

    /** Stores a new booking (version 1, fencing token 0); false when the tenant has a booking with this id. */
    boolean insert(UnitOfWork uow, StoredBooking booking);

    Optional<StoredBooking> find(UnitOfWork uow, TenantId tenant, String id);

    /**
     * Which of a tenant's bookings {@link #search} finds: every condition given must hold. {@code surname} is a
     * traveller's whole surname, {@code givenNamePrefix} the start of that traveller's given name (both in any
     * case); {@code createdFrom} and {@code createdTo} bound when the booking was inserted, [from, to).
     */
    record BookingSearch(Set<String> states, Optional<String> pnr, Optional<String> documentNumber,
                         Optional<String> surname, Optional<String> givenNamePrefix, Optional<Instant> createdFrom,
                         Optional<Instant> createdTo) {
        public static final BookingSearch ALL = new BookingSearch(Set.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        public BookingSearch {
            states = Set.copyOf(states);
            Objects.requireNonNull(pnr, "pnr");
            Objects.requireNonNull(documentNumber, "documentNumber");
            Objects.requireNonNull(surname, "surname");
            Objects.requireNonNull(givenNamePrefix, "givenNamePrefix");
            Objects.requireNonNull(createdFrom, "createdFrom");
            Objects.requireNonNull(createdTo, "createdTo");
            if (givenNamePrefix.isPresent() && surname.isEmpty()) {
                throw new IllegalArgumentException("a given name is searched with a surname");
            }
        }
    }

    /** A booking a search found, and when it was inserted. */
    record Found(StoredBooking booking, Instant createdAt) {
        public Found {
            Objects.requireNonNull(booking, "booking");
            Objects.requireNonNull(createdAt, "createdAt");
        }

        public Position position() {
            return new Position(createdAt, booking.id());
        }
    }

    /** Where a page of a search ended: the last booking's insert time and id. */
    record Position(Instant createdAt, String bookingId) {
        public Position {
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(bookingId, "bookingId");
        }
    }

    /**
     * The tenant's bookings that {@code search} picks, newest first (ties by id, descending), at most {@code max}:
     * those after {@code after} in that order, when given (where the previous page ended). A booking's insert is
     * timed by the store's clock; bookings stored before a store kept that time sort last, as if inserted at the
     * epoch, and have no travellers to be found by.
     */
    List<Found> search(UnitOfWork uow, TenantId tenant, BookingSearch search, Optional<Position> after, int max);

    /** As {@link #find}, holding the booking's row lock until the transaction ends. */
    Optional<StoredBooking> lock(UnitOfWork uow, TenantId tenant, String id);

    /**
     * Replaces the booking with {@code next} when the stored version is {@code next.version() - 1} and no holder
     * of a newer lease wrote it: the stored fencing token must not exceed {@code fencingToken}, which is then
     * stored. False (nothing written) otherwise: a stale owner cannot commit.
     */
    boolean update(UnitOfWork uow, StoredBooking next, long fencingToken);

    /** Bookings in one of {@code states} whose deadline is at or before {@code before}, earliest first. */
    List<BookingRef> due(UnitOfWork uow, Set<String> states, Instant before, int max);

    /**
     * Stores documents issued for the booking. A document number is stored once per tenant: a second insert of
     * the same number fails the transaction, so one issuance can never be stored twice.
     */
    void insertDocuments(UnitOfWork uow, TenantId tenant, String bookingId, List<Document> documents);

    /** Replaces the coupon statuses of documents the booking holds (a void, refund or exchange). */
    void updateDocuments(UnitOfWork uow, TenantId tenant, String bookingId, List<Document> documents);

    /** Which of {@code numbers} the tenant stores already, on any booking. */
    Set<String> storedDocuments(UnitOfWork uow, TenantId tenant, Collection<String> numbers);

    /** The booking's documents in number order. */
    List<Document> documents(UnitOfWork uow, TenantId tenant, String bookingId);

    /**
     * Records a supplier request; false (nothing written) when the request id or the idempotency key is already
     * recorded for the tenant.
     */
    boolean recordRequest(UnitOfWork uow, SupplierRequest request);

    /** Sets the outcome of a recorded request. */
    void settleRequest(UnitOfWork uow, TenantId tenant, String requestId, SupplierRequest.Status status);

    Optional<SupplierRequest> requestByKey(UnitOfWork uow, TenantId tenant, String idempotencyKey);

    /** The booking's supplier requests, oldest first. */
    List<SupplierRequest> requests(UnitOfWork uow, TenantId tenant, String bookingId);
}
