package io.travobooks.spi.webhook;

import io.travobooks.spi.TenantId;
import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.UnitOfWork;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Webhook endpoints, their deliveries and the log of every attempt. Every method runs in the caller's
 * {@link UnitOfWork}; every query is scoped to a tenant, except {@link #claimDue}, which the delivery workers use
 * for all tenants.
 */
public interface WebhookStore {

    TransactionRunner transactions();

    /** Stores the endpoint, replacing the tenant's endpoint with that id. */
    void saveEndpoint(UnitOfWork uow, WebhookEndpoint endpoint);

    Optional<WebhookEndpoint> endpoint(UnitOfWork uow, TenantId tenant, String endpointId);

    List<WebhookEndpoint> endpoints(UnitOfWork uow, TenantId tenant);

    /**
     * Records a delivery unless the endpoint has one for the event already: false then, and nothing is written, so
     * an event that reaches the fan-out twice is delivered once.
     */
    boolean createDelivery(UnitOfWork uow, WebhookDelivery delivery);

    Optional<WebhookDelivery> delivery(UnitOfWork uow, TenantId tenant, String deliveryId);

    /**
     * Claims up to {@code max} pending deliveries due at {@code now} for {@code owner} until {@code leaseUntil}:
     * a delivery another worker claimed and whose lease has not passed is skipped, so two workers never attempt
     * one delivery at once, and a worker that died releases its claims when their lease passes. While claimed, a
     * delivery's next attempt reads as the lease's end: the latest time it is attempted again. The deliveries are
     * returned as they were before the claim.
     */
    List<WebhookDelivery> claimDue(UnitOfWork uow, Instant now, String owner, Instant leaseUntil, int max);

    /** Records an attempt and the delivery's state after it, releasing the claim. */
    void recordAttempt(UnitOfWork uow, DeliveryAttempt attempt, WebhookDelivery.Status status,
                       Instant nextAttemptAt);

    /** An attempt with the delivery's state after it. */
    record AttemptRecord(DeliveryAttempt attempt, WebhookDelivery.Status status, Instant nextAttemptAt) {
    }

    /** Records several attempts at once (a dispatcher's batch), as {@link #recordAttempt} would one by one. */
    default void recordAttempts(UnitOfWork uow, List<AttemptRecord> records) {
        for (AttemptRecord record : records) {
            recordAttempt(uow, record.attempt(), record.status(), record.nextAttemptAt());
        }
    }

    /** Releases a claimed delivery without an attempt, due again at {@code at} (an endpoint's rate limit). */
    void defer(UnitOfWork uow, TenantId tenant, String deliveryId, Instant at);

    List<DeliveryAttempt> attempts(UnitOfWork uow, TenantId tenant, String deliveryId);

    /** The tenant's dead deliveries created in [from, to), oldest first. */
    List<WebhookDelivery> dead(UnitOfWork uow, TenantId tenant, Instant from, Instant to, int max);

    /** Makes a dead delivery pending again, due at {@code at}; false when it is not dead. */
    boolean replay(UnitOfWork uow, TenantId tenant, String deliveryId, Instant at);
}
