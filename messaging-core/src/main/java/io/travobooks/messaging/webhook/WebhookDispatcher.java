package io.travobooks.messaging.webhook;

import io.travobooks.spi.TenantId;
import io.travobooks.spi.outbox.OutboxEvent;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.spi.ratelimit.RateDecision;
import io.travobooks.spi.ratelimit.RateLimit;
import io.travobooks.spi.ratelimit.RateLimiter;
import io.travobooks.spi.webhook.DeliveryAttempt;
import io.travobooks.spi.webhook.WebhookDelivery;
import io.travobooks.spi.webhook.WebhookEndpoint;
import io.travobooks.spi.webhook.WebhookStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Delivers events to webhook endpoints. {@link #fanOut} turns an event into one delivery per endpoint of its
 * tenant that wants its type (a second fan-out of the same event adds nothing); {@link #dispatchDue} claims the
 * due deliveries, signs each attempt (Standard Webhooks, with both secrets during a rotation), sends it through
 * the transport, and records the attempt and what the {@link DeliveryPolicy} decides: done, retry at a time, dead
 * (replayable), or the endpoint disabled (410 Gone, or every delivery failing for days; an operational event
 * {@code webhook.endpoint_disabled} is written to the outbox with it). An endpoint's rate limit defers deliveries
 * past it instead of dropping or failing them. A worker that dies mid-attempt leaves its claim to lapse; the
 * delivery is attempted again, with the same {@code webhook-id}.
 */
public final class WebhookDispatcher {

    /**
     * @param workerId     names this worker's claims
     * @param lease        how long a claim holds: longer than an attempt's timeout
     * @param batch        deliveries claimed per pass
     * @param perEndpoint  the rate each endpoint is sent at, at most
     */
    public record Options(String workerId, Duration lease, int batch, RateLimit perEndpoint) {
        public Options {
            Objects.requireNonNull(workerId, "workerId");
            Objects.requireNonNull(lease, "lease");
            Objects.requireNonNull(perEndpoint, "perEndpoint");
            if (batch < 1) {
                throw new IllegalArgumentException("a batch has at least one delivery");
            }
        }
    }

    private final WebhookStore store;
    private final OutboxStore outbox;
    private final WebhookTransport transport;
    private final RateLimiter limiter;
    private final DeliveryPolicy policy;
    private final Clock clock;
    private final Options options;

    public WebhookDispatcher(WebhookStore store, OutboxStore outbox, WebhookTransport transport, RateLimiter limiter,
                             DeliveryPolicy policy, Clock clock, Options options) {
        this.store = Objects.requireNonNull(store, "store");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Records a delivery of the event ({@code body}: its envelope, the webhook's body) for every endpoint of the
     * tenant that wants its type; returns how many it added.
     */
    public int fanOut(TenantId tenant, String eventId, String eventType, String body) {
        return store.transactions().inTransactionRetrying(uow -> {
            Instant now = clock.instant();
            int added = 0;
            for (WebhookEndpoint endpoint : store.endpoints(uow, tenant)) {
                if (endpoint.wants(eventType) && store.createDelivery(uow, new WebhookDelivery(tenant,
                        deliveryId(tenant, endpoint.id(), eventId), endpoint.id(), eventId, eventType, body,
                        WebhookDelivery.Status.PENDING, 0, now, now))) {
                    added++;
                }
            }
            return added;
        }, 10);
    }

    /**
     * The delivery's id, which every attempt sends as {@code webhook-id}: derived from the tenant, endpoint and
     * event, so that the same event to the same endpoint always has the same id (and can be looked up by it).
     */
    public static String deliveryId(TenantId tenant, String endpointId, String eventId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((tenant.value() + "\n" + endpointId + "\n"
                    + eventId).getBytes(StandardCharsets.UTF_8));
            return "msg_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Attempts every delivery due now (up to a batch), concurrently, one virtual thread each, since an attempt
     * mostly waits for the endpoint; returns how many attempts it made. An attempt that failed unexpectedly is
     * rethrown once the others are done; its delivery is taken over when its claim lapses.
     */
    public int dispatchDue() {
        Instant now = clock.instant();
        List<WebhookDelivery> claimed = store.transactions().inTransactionRetrying(uow ->
                store.claimDue(uow, now, options.workerId(), now.plus(options.lease()), options.batch()), 10);
        List<java.util.concurrent.Future<Boolean>> attempts = new java.util.ArrayList<>();
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (WebhookDelivery delivery : claimed) {
                attempts.add(executor.submit(() -> attempt(delivery)));
            }
        }
        int attempted = 0;
        RuntimeException failure = null;
        for (java.util.concurrent.Future<Boolean> attempt : attempts) {
            try {
                attempted += attempt.resultNow() ? 1 : 0;
            } catch (IllegalStateException notSuccessful) {
                Throwable cause = attempt.exceptionNow();
                failure = cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return attempted;
    }

    /** One attempt of a claimed delivery; false when it was deferred or could not be sent at all. */
    private boolean attempt(WebhookDelivery delivery) {
        Instant now = clock.instant();
        Optional<WebhookEndpoint> endpoint = store.transactions().inTransaction(uow ->
                store.endpoint(uow, delivery.tenant(), delivery.endpointId()));
        if (endpoint.isEmpty() || !endpoint.get().enabled()) {
            record(delivery, now, Optional.empty(), "not sent: the endpoint is "
                    + (endpoint.isEmpty() ? "gone" : "disabled"), Duration.ZERO, WebhookDelivery.Status.DEAD, now);
            return false;
        }
        RateDecision rate = limiter.tryAcquire("webhook:" + delivery.tenant().value() + ":" + delivery.endpointId(),
                options.perEndpoint());
        if (!rate.allowed()) {
            store.transactions().inTransaction(uow -> {
                store.defer(uow, delivery.tenant(), delivery.id(), now.plus(rate.retryAfter()));
                return null;
            });
            return false;
        }
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = WebhookSignature.headers(secrets(endpoint.get()).signingAt(now), delivery.id(),
                now, body);
        switch (transport.send(endpoint.get().url(), headers, body)) {
            case WebhookTransport.Outcome.Refused refused -> {
                record(delivery, now, Optional.empty(), "not sent: " + refused.detail(), Duration.ZERO,
                        WebhookDelivery.Status.DEAD, now);
                return false;
            }
            case WebhookTransport.Outcome.Sent sent -> {
                settle(delivery, endpoint.get(), sent.result(), now);
                return true;
            }
        }
    }

    /** Per endpoint: settles of one endpoint's attempts update its failing streak one at a time in this JVM. */
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.locks.ReentrantLock>
            endpointLocks = new java.util.concurrent.ConcurrentHashMap<>();

    private void settle(WebhookDelivery delivery, WebhookEndpoint endpoint, WebhookTransport.Result result,
                        Instant now) {
        // A lock, not synchronized: virtual threads must not pin their carrier across the database work.
        java.util.concurrent.locks.ReentrantLock lock = endpointLocks.computeIfAbsent(endpoint.tenant().value()
                + "\n" + endpoint.id(), key -> new java.util.concurrent.locks.ReentrantLock());
        lock.lock();
        try {
            settleLocked(delivery, endpoint, result, now);
        } finally {
            lock.unlock();
        }
    }

    private void settleLocked(WebhookDelivery delivery, WebhookEndpoint endpoint, WebhookTransport.Result result,
                              Instant now) {
        int number = delivery.attempts() + 1;
        String detail = result.attempt() instanceof DeliveryPolicy.Attempt.NoAnswer noAnswer
                ? noAnswer.reason() : result.responseExcerpt();
        DeliveryPolicy.Next next = policy.after(number, result.attempt(), now);
        store.transactions().inTransactionRetrying(uow -> {
            WebhookEndpoint current = store.endpoint(uow, endpoint.tenant(), endpoint.id()).orElse(endpoint);
            DeliveryAttempt attempt = new DeliveryAttempt(delivery.tenant(), delivery.id(), number, now,
                    result.status(), detail, result.took());
            switch (next) {
                case DeliveryPolicy.Next.Succeeded ignored -> {
                    store.recordAttempt(uow, attempt, WebhookDelivery.Status.SUCCEEDED, now);
                    if (current.failingSince().isPresent()) {
                        store.saveEndpoint(uow, withFailingSince(current, Optional.empty()));
                    }
                }
                case DeliveryPolicy.Next.RetryAt retry -> {
                    store.recordAttempt(uow, attempt, WebhookDelivery.Status.PENDING, retry.at());
                    failed(uow, current, now);
                }
                case DeliveryPolicy.Next.Exhausted ignored -> {
                    store.recordAttempt(uow, attempt, WebhookDelivery.Status.DEAD, now);
                    failed(uow, current, now);
                }
                case DeliveryPolicy.Next.DisableEndpoint ignored -> {
                    store.recordAttempt(uow, attempt, WebhookDelivery.Status.DEAD, now);
                    disable(uow, current, "the endpoint answered 410 Gone", now);
                }
            }
            return null;
        }, 10);
    }

    /** A failure starts or continues the endpoint's failing streak; one too long disables it. */
    private void failed(io.travobooks.spi.UnitOfWork uow, WebhookEndpoint endpoint, Instant now) {
        Instant since = endpoint.failingSince().orElse(now);
        if (DeliveryPolicy.shouldDisable(Optional.of(since), now)) {
            disable(uow, withFailingSince(endpoint, Optional.of(since)), "every delivery failed since " + since, now);
        } else if (endpoint.failingSince().isEmpty()) {
            store.saveEndpoint(uow, withFailingSince(endpoint, Optional.of(since)));
        }
    }

    private void disable(io.travobooks.spi.UnitOfWork uow, WebhookEndpoint endpoint, String reason, Instant now) {
        if (!endpoint.enabled()) {
            return;
        }
        store.saveEndpoint(uow, new WebhookEndpoint(endpoint.tenant(), endpoint.id(), endpoint.url(),
                endpoint.eventTypes(), false, Optional.of(reason), endpoint.secret(), endpoint.previousSecret(),
                endpoint.previousSecretUntil(), endpoint.failingSince(), endpoint.createdAt()));
        outbox.append(uow, new OutboxEvent(endpoint.tenant().value() + "/" + endpoint.id()
                + "/webhook.endpoint_disabled/" + now.toEpochMilli(), "webhook.endpoint_disabled",
                endpoint.tenant(), now, Map.of("endpointId", endpoint.id(), "reason", reason)));
    }

    private static WebhookEndpoint withFailingSince(WebhookEndpoint endpoint, Optional<Instant> since) {
        return new WebhookEndpoint(endpoint.tenant(), endpoint.id(), endpoint.url(), endpoint.eventTypes(),
                endpoint.enabled(), endpoint.disabledReason(), endpoint.secret(), endpoint.previousSecret(),
                endpoint.previousSecretUntil(), since, endpoint.createdAt());
    }

    private static EndpointSecrets secrets(WebhookEndpoint endpoint) {
        WebhookSecret current = WebhookSecret.parse(endpoint.secret());
        return endpoint.previousSecret().isPresent() && endpoint.previousSecretUntil().isPresent()
                ? new EndpointSecrets(current, endpoint.previousSecret().map(WebhookSecret::parse),
                endpoint.previousSecretUntil())
                : EndpointSecrets.of(current);
    }

    private void record(WebhookDelivery delivery, Instant at, Optional<Integer> status, String detail,
                        Duration took, WebhookDelivery.Status outcome, Instant next) {
        store.transactions().inTransactionRetrying(uow -> {
            store.recordAttempt(uow, new DeliveryAttempt(delivery.tenant(), delivery.id(), delivery.attempts() + 1,
                    at, status, detail, took), outcome, next);
            return null;
        }, 10);
    }
}
