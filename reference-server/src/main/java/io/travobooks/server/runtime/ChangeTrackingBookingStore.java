package io.travobooks.server.runtime;

import io.travobooks.spi.TenantId;
import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.booking.BookingRef;
import io.travobooks.spi.booking.BookingStore;
import io.travobooks.spi.booking.StoredBooking;
import io.travobooks.spi.booking.SupplierRequest;
import io.travobooks.spi.travel.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The booking store, telling its listeners about every booking whose row or documents a transaction wrote, once
 * that transaction has ended: after its commit, or after a failure (whose outcome may be unknown), never before,
 * so that a reader cannot fetch the old state again after hearing of the change. Every booking write of the
 * library goes through a store's transactions, so none goes unheard.
 */
public final class ChangeTrackingBookingStore implements BookingStore {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeTrackingBookingStore.class);

    private final BookingStore delegate;
    private final Iterable<BiConsumer<TenantId, String>> listeners;
    private final Map<UnitOfWork, Set<Written>> open = new ConcurrentHashMap<>();
    private final TransactionRunner transactions;

    private record Written(TenantId tenant, String bookingId) {
    }

    /** @param listeners told of each change, in order; the list may grow while the store is in use */
    public ChangeTrackingBookingStore(BookingStore delegate, Iterable<BiConsumer<TenantId, String>> listeners) {
        this.delegate = delegate;
        this.listeners = listeners;
        this.transactions = new TransactionRunner() {
            @Override
            public <T> T inTransaction(Function<UnitOfWork, T> work) {
                Set<Written> written = ConcurrentHashMap.newKeySet();
                try {
                    return delegate.transactions().inTransaction(uow -> {
                        open.put(uow, written);
                        try {
                            return work.apply(uow);
                        } finally {
                            open.remove(uow);
                        }
                    });
                } finally {
                    written.forEach(w -> tell(w.tenant(), w.bookingId()));
                }
            }
        };
    }

    private void wrote(UnitOfWork uow, TenantId tenant, String bookingId) {
        Set<Written> written = open.get(uow);
        if (written != null) {
            written.add(new Written(tenant, bookingId));
        } else {
            tell(tenant, bookingId); // a transaction not begun here: tell now rather than never
        }
    }

    /**
     * A listener that fails (Redis away for a moment) must not turn a committed command into an error, nor keep the
     * other bookings of the transaction from being told: it is logged, and the copies it could not drop age out.
     */
    private void tell(TenantId tenant, String bookingId) {
        for (BiConsumer<TenantId, String> listener : listeners) {
            try {
                listener.accept(tenant, bookingId);
            } catch (RuntimeException e) {
                LOG.warn("could not pass on the change of booking {} of tenant {}", bookingId, tenant, e);
            }
        }
    }

    @Override
    public TransactionRunner transactions() {
        return transactions;
    }

    @Override
    public boolean insert(UnitOfWork uow, StoredBooking booking) {
        boolean inserted = delegate.insert(uow, booking);
        wrote(uow, booking.tenant(), booking.id());
        return inserted;
    }

    @Override
    public Optional<StoredBooking> find(UnitOfWork uow, TenantId tenant, String id) {
        return delegate.find(uow, tenant, id);
    }

    @Override
    public List<Found> search(UnitOfWork uow, TenantId tenant, BookingSearch search, Optional<Position> after,
                              int max) {
        return delegate.search(uow, tenant, search, after, max);
    }

    @Override
    public Optional<StoredBooking> lock(UnitOfWork uow, TenantId tenant, String id) {
        return delegate.lock(uow, tenant, id);
    }

    @Override
    public boolean update(UnitOfWork uow, StoredBooking next, long fencingToken) {
        boolean updated = delegate.update(uow, next, fencingToken);
        wrote(uow, next.tenant(), next.id());
        return updated;
    }

    @Override
    public List<BookingRef> due(UnitOfWork uow, Set<String> states, Instant before, int max) {
        return delegate.due(uow, states, before, max);
    }

    @Override
    public void insertDocuments(UnitOfWork uow, TenantId tenant, String bookingId, List<Document> documents) {
        delegate.insertDocuments(uow, tenant, bookingId, documents);
        wrote(uow, tenant, bookingId);
    }

    @Override
    public void updateDocuments(UnitOfWork uow, TenantId tenant, String bookingId, List<Document> documents) {
        delegate.updateDocuments(uow, tenant, bookingId, documents);
        wrote(uow, tenant, bookingId);
    }

    @Override
    public Set<String> storedDocuments(UnitOfWork uow, TenantId tenant, Collection<String> numbers) {
        return delegate.storedDocuments(uow, tenant, numbers);
    }

    @Override
    public List<Document> documents(UnitOfWork uow, TenantId tenant, String bookingId) {
        return delegate.documents(uow, tenant, bookingId);
    }

    @Override
    public boolean recordRequest(UnitOfWork uow, SupplierRequest request) {
        return delegate.recordRequest(uow, request);
    }

    @Override
    public void settleRequest(UnitOfWork uow, TenantId tenant, String requestId, SupplierRequest.Status status) {
        delegate.settleRequest(uow, tenant, requestId, status);
    }

    @Override
    public Optional<SupplierRequest> requestByKey(UnitOfWork uow, TenantId tenant, String idempotencyKey) {
        return delegate.requestByKey(uow, tenant, idempotencyKey);
    }

    @Override
    public List<SupplierRequest> requests(UnitOfWork uow, TenantId tenant, String bookingId) {
        return delegate.requests(uow, tenant, bookingId);
    }
}
