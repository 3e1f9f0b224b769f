package io.travobooks.spi;

/**
 * One open database transaction, handed to store methods so that several modules (ledger, bookings, outbox) can
 * write in the same commit. Opaque: only the storage adapter that created it knows what is inside.
 */
public interface UnitOfWork {
}
