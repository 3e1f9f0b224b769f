package io.travobooks.spi.webhook;

import io.travobooks.spi.TenantId;
import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.UnitOfWork;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
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

    /** Stores a new endpoint; false, writing nothing, when the tenant has an endpoint with its id already. */
    boolean createEndpoint(UnitOfWork uow, WebhookEndpoint endpoint);

    Optional<WebhookEndpoint> endpoint(UnitOfWork uow, TenantId tenant, String endpointId);

    /**
     * The endpoint, locked until the unit of work ends: for a change made from what was read, which a concurrent
     * change of the same endpoint must neither overwrite nor be overwritten by.
     */
    Optional<WebhookEndpoint> endpointForUpdate(UnitOfWork uow, TenantId tenant, String endpointId);

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
     * returned as they were before the claim, with a token naming this claim and no other.
     */
    Claim claimDue(UnitOfWork uow, Instant now, String owner, Instant leaseUntil, int max);

    /** Deliveries claimed together, and the token that names the claim. */
    record Claim(String token, List<WebhookDelivery> deliveries) {
        public Claim {
            Objects.requireNonNull(token, "token");
            deliveries = List.copyOf(deliveries);
        }
    }

    /** An attempt with the delivery's state after it. */
    record AttemptRecord(DeliveryAttempt attempt, WebhookDelivery.Status status, Instant nextAttemptAt) {
    }

    /**
     * Records attempts of deliveries the claim {@code claimToken} holds, with each delivery's state after its
     * attempt, releasing it. A delivery the claim no longer holds (its lease passed and another claim took it) is
     * left as it is and its attempt is not logged: the claim that holds it records its own attempt. Returns how
     * many were recorded.
     */
    int recordAttempts(UnitOfWork uow, String claimToken, List<AttemptRecord> records);

    /**
     * Releases a delivery the claim {@code claimToken} holds without an attempt, due again at {@code at} (an
     * endpoint's rate limit); false, changing nothing, when the claim no longer holds it.
     */
    boolean defer(UnitOfWork uow, String claimToken, TenantId tenant, String deliveryId, Instant at);

    List<DeliveryAttempt> attempts(UnitOfWork uow, TenantId tenant, String deliveryId);

    /**
     * The tenant's dead deliveries created in [from, to), oldest first (ties by id), at most {@code max}: those
     * after {@code after} in that order, when given (the last of the previous page).
     */
    List<WebhookDelivery> dead(UnitOfWork uow, TenantId tenant, Instant from, Instant to,
                               Optional<WebhookDelivery> after, int max);

    /** Which of a tenant's deliveries {@link #deliveries} lists: of one endpoint, in one status, or all. */
    record DeliveryQuery(Optional<String> endpointId, Optional<WebhookDelivery.Status> status) {
        public static final DeliveryQuery ALL = new DeliveryQuery(Optional.empty(), Optional.empty());

        public DeliveryQuery {
            Objects.requireNonNull(endpointId, "endpointId");
            Objects.requireNonNull(status, "status");
        }
    }

    /**
     * The tenant's deliveries that {@code query} picks, newest first (ties by id, descending), at most {@code max}:
     * those after {@code after} in that order, when given (the last of the previous page).
     */
    List<WebhookDelivery> deliveries(UnitOfWork uow, TenantId tenant, DeliveryQuery query,
                                     Optional<WebhookDelivery> after, int max);

    /** Makes a dead delivery pending again, due at {@code at}; false when it is not dead. */
    boolean replay(UnitOfWork uow, TenantId tenant, String deliveryId, Instant at);
}
