package io.travobooks.spi.channel;

import io.travobooks.spi.TenantId;
import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.UnitOfWork;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The delivery status of every message sent for an event, per recipient and channel. Every method runs in the
 * caller's {@link UnitOfWork} and is scoped to a tenant, except {@link #updateFromProvider} and
 * {@link #findByProvider}, which a provider's callback reaches by the provider's own message id.
 */
public interface MessageStore {

    TransactionRunner transactions();

    /**
     * Records a queued message unless the tenant has one with its id already: false then, and nothing is written,
     * so an event handled twice sends each message once.
     */
    boolean queue(UnitOfWork uow, MessageRecord message);

    Optional<MessageRecord> find(UnitOfWork uow, TenantId tenant, String messageId);

    /** The message a provider took under {@code providerMessageId}, whichever tenant's it is. */
    Optional<MessageRecord> findByProvider(UnitOfWork uow, String provider, String providerMessageId);

    /** The messages of one event, in the order they were queued. */
    List<MessageRecord> forEvent(UnitOfWork uow, TenantId tenant, String eventId);

    /** A provider took a queued message; false when the message is not queued (any more). */
    boolean markSent(UnitOfWork uow, TenantId tenant, String messageId, String provider, String providerMessageId,
                     Instant at);

    /**
     * A queued message went to {@code provider}, whose answer did not come back: it stays queued, bound to that
     * provider (its {@link MessageRecord#provider()}), which alone may be asked again, since another could send it a
     * second time. False when the message is not queued (any more).
     */
    boolean markUnknown(UnitOfWork uow, TenantId tenant, String messageId, String provider, String reason,
                        Instant at);

    /** No provider will take a queued message; false when the message is not queued (any more). */
    boolean markFailed(UnitOfWork uow, TenantId tenant, String messageId, String reason, Instant at);

    /**
     * What a provider's callback reported, {@link MessageRecord.Status#DELIVERED} or
     * {@link MessageRecord.Status#FAILED}, for the message it knows by {@code providerMessageId}: false when it
     * knows no such sent message, or when the message's status is final already.
     */
    boolean updateFromProvider(UnitOfWork uow, String provider, String providerMessageId,
                               MessageRecord.Status status, Optional<String> reason, Instant at);
}
