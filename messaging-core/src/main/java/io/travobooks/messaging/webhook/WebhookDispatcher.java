package io.travobooks.messaging.webhook;

import io.travobooks.spi.RetryPolicy;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.outbox.OutboxEvent;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.spi.ratelimit.RateGrant;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Delivers events to webhook endpoints. {@link #fanOut} turns an event into one delivery per endpoint of its
 * tenant that wants its type (a second fan-out of the same event adds nothing); {@link #dispatchDue} claims the
 * due deliveries, signs each attempt (Standard Webhooks, with both secrets during a rotation), sends it through
 * the transport, and records the attempt and what the {@link DeliveryPolicy} decides: done, retry at a time, dead
 * (replayable), or the endpoint disabled (410 Gone, or every delivery failing for days; an operational event
 * {@code webhook.endpoint_disabled} is written to the outbox with it). An endpoint's rate limit defers deliveries
 * past it instead of dropping or failing them. A worker that dies mid-attempt leaves its claim to lapse; the
 * delivery is attempted again, with the same {@code webhook-id}.
 *
 * <p>Why one class of this size: fan-out and dispatch share the claim, the signing and the recording of an
 * attempt; the decisions live in {@link DeliveryPolicy}, the signature in {@link WebhookSignature} and the address
 * checks in {@link SsrfGuard}.
 */
public final class WebhookDispatcher {
    private static final int REPLAY_BATCH = 500;
    /** How soon a batch is due again when the rate limiter could not be asked. */
    private static final Duration LIMITER_UNAVAILABLE_RETRY = Duration.ofSeconds(1);

    /**
     * @param workerId     names this worker's claims
     * @param lease        how long a claim holds: longer than an attempt's timeout plus the pause between two
     *                     calls of {@link #dispatchDue}, since a batch is claimed when the previous one is recorded
     * @param batch        deliveries claimed per pass
     * @param perEndpoint  the rate each endpoint is sent at, at most
     */
    public record Options(String workerId, Duration lease, int batch, RateLimit perEndpoint, RetryPolicy retryPolicy) {
        public Options {
            Objects.requireNonNull(workerId, "workerId");
            if (workerId.isBlank() || workerId.length() > 27) {
                // A claim's token is the worker id, a slash and a UUID, in at most 64 characters.
                throw new IllegalArgumentException("a worker id has 1 to 27 characters");
            }
            Objects.requireNonNull(lease, "lease");
            Objects.requireNonNull(perEndpoint, "perEndpoint");
            if (batch < 1) {
                throw new IllegalArgumentException("a batch has at least one delivery");
            }
            Objects.requireNonNull(retryPolicy, "retryPolicy");
        }

        /** Options that run lost races again under {@link RetryPolicy#DEFAULT}. */
        public Options(String workerId, Duration lease, int batch, RateLimit perEndpoint) {
            this(workerId, lease, batch, perEndpoint, RetryPolicy.DEFAULT);
        }

        public Options withRetryPolicy(RetryPolicy policy) {
            return new Options(workerId, lease, batch, perEndpoint, policy);
        }
    }

    private final WebhookStore store;
    /** The batch claimed with the last record, attempted by the next call. */
    private Claimed next;
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
        }, options.retryPolicy());
    }

    /** Makes a dead delivery due again now, with its attempts so far kept; false when it is not dead. */
    public boolean replay(TenantId tenant, String deliveryId) {
        return store.transactions().inTransactionRetrying(uow ->
                store.replay(uow, tenant, deliveryId, clock.instant()), options.retryPolicy());
    }

    /**
     * Makes every dead delivery of the tenant created in [from, to) due again now, in batches of at most
     * {@value #REPLAY_BATCH} per transaction; returns how many. Each is replayed once: one that dies again while
     * this runs (its endpoint still down) is not picked up a second time.
     */
    public int replayDead(TenantId tenant, Instant from, Instant to) {
        int replayed = 0;
        Optional<WebhookDelivery> after = Optional.empty();
        while (true) {
            Optional<WebhookDelivery> cursor = after;
            ReplayPage page = store.transactions().inTransactionRetrying(uow -> {
                List<WebhookDelivery> dead = store.dead(uow, tenant, from, to, cursor, REPLAY_BATCH);
                int count = (int) dead.stream().filter(d -> store.replay(uow, tenant, d.id(), clock.instant()))
                        .count();
                return new ReplayPage(dead, count);
            }, options.retryPolicy());
            replayed += page.replayed();
            if (page.read().size() < REPLAY_BATCH) {
                return replayed;
            }
            after = Optional.of(page.read().getLast()); // past every row read, replayed by us or not
        }
    }

    /** The dead deliveries one page read, and how many of them it replayed (another replay may have got some). */
    private record ReplayPage(List<WebhookDelivery> read, int replayed) {
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

    /** What became of one claimed delivery in a pass, to record with the rest of its batch. */
    private sealed interface Disposition {
        WebhookDelivery delivery();

        /** Over the endpoint's rate: due again at {@code at}, no attempt counted. */
        record Deferred(WebhookDelivery delivery, Instant at) implements Disposition {
        }

        /** Not sent at all (endpoint gone or disabled, target refused): dead, with why. */
        record NotSent(WebhookDelivery delivery, String reason) implements Disposition {
        }

        record Sent(WebhookDelivery delivery, WebhookEndpoint endpoint, WebhookTransport.Result result, Instant at)
                implements Disposition {
        }
    }

    /**
     * Attempts every delivery due now (up to a batch), concurrently, one virtual thread each, since an attempt
     * mostly waits for the endpoint; then, in one transaction, records the whole batch (the attempts, what the
     * policy decided for each, and each endpoint's failing streak) and claims the next batch, which the next call
     * attempts without another transaction. Returns how many attempts it made. An attempt that failed unexpectedly
     * is rethrown after the others are recorded; its delivery is taken over when its claim lapses.
     *
     * <p>One thread calls a dispatcher: several workers each have their own. A dispatcher that is no longer called
     * leaves its next batch claimed until the lease passes, when other workers take it over.
     */
    public int dispatchDue() {
        Claimed batch = next != null ? next : store.transactions().inTransactionRetrying(
                uow -> claim(uow, clock.instant()), options.retryPolicy());
        next = null;
        if (batch.deliveries().isEmpty()) {
            return 0;
        }
        Map<String, RateGrant> grants;
        try {
            grants = permits(batch);
        } catch (RuntimeException limiterDown) {
            // Nothing is sent past a limit that cannot be checked: the batch is released, due again shortly.
            Instant retry = clock.instant().plus(LIMITER_UNAVAILABLE_RETRY);
            List<Disposition> deferred = batch.deliveries().stream().<Disposition>map(d -> new Disposition.Deferred(d, retry)).toList();
            try {
                store.transactions().inTransactionRetrying(uow -> {
                    record(uow, batch.token(), deferred);
                    return null;
                }, options.retryPolicy());
            } catch (RuntimeException releaseFailed) {
                limiterDown.addSuppressed(releaseFailed); // the claim then lapses at the lease's end
            }
            throw limiterDown;
        }
        Map<String, Long> used = new HashMap<>();
        List<Disposition> done = new ArrayList<>();
        List<Future<Disposition>> attempts = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (WebhookDelivery delivery : batch.deliveries()) {
                String key = endpointKey(delivery.tenant(), delivery.endpointId());
                Optional<WebhookEndpoint> endpoint = batch.endpoints().get(key);
                RateGrant grant = grants.get(key);
                if (grant != null && used.merge(key, 1L, Long::sum) > grant.granted()) {
                    done.add(new Disposition.Deferred(delivery, clock.instant().plus(grant.retryAfter())));
                } else {
                    attempts.add(executor.submit(() -> attempt(delivery, endpoint)));
                }
            }
        }
        RuntimeException failure = null;
        for (Future<Disposition> attempt : attempts) {
            if (attempt.state() == Future.State.SUCCESS) {
                done.add(attempt.resultNow());
            } else {
                Throwable cause = attempt.exceptionNow();
                failure = cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
            }
        }
        Claimed claimedNext = store.transactions().inTransactionRetrying(uow -> {
            record(uow, batch.token(), done);
            return claim(uow, clock.instant());
        }, options.retryPolicy());
        next = claimedNext.deliveries().isEmpty() ? null : claimedNext; // none due: the next call looks afresh
        if (failure != null) {
            throw failure;
        }
        return (int) done.stream().filter(d -> d instanceof Disposition.Sent).count();
    }

    /**
     * Each enabled endpoint's permits for its deliveries in the batch, asked for at once: deliveries beyond what
     * the endpoint's bucket grants are deferred, not attempted.
     */
    private Map<String, RateGrant> permits(Claimed batch) {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        Map<String, WebhookDelivery> anyDelivery = new HashMap<>();
        for (WebhookDelivery delivery : batch.deliveries()) {
            String key = endpointKey(delivery.tenant(), delivery.endpointId());
            if (batch.endpoints().get(key).filter(WebhookEndpoint::enabled).isPresent()) {
                wanted.merge(key, 1, Integer::sum);
                anyDelivery.putIfAbsent(key, delivery);
            }
        }
        Map<String, RateGrant> grants = new HashMap<>();
        wanted.forEach((key, count) -> {
            WebhookDelivery delivery = anyDelivery.get(key);
            grants.put(key, limiter.tryAcquireUpTo("webhook:" + delivery.tenant().value() + ":"
                    + delivery.endpointId(), options.perEndpoint(), count));
        });
        return grants;
    }

    /** Claims the deliveries due at {@code now}, with the endpoints they go to. */
    private Claimed claim(UnitOfWork uow, Instant now) {
        WebhookStore.Claim claim = store.claimDue(uow, now, options.workerId(), now.plus(options.lease()),
                options.batch());
        Map<String, Optional<WebhookEndpoint>> found = new HashMap<>();
        for (WebhookDelivery delivery : claim.deliveries()) {
            found.computeIfAbsent(endpointKey(delivery.tenant(), delivery.endpointId()),
                    key -> store.endpoint(uow, delivery.tenant(), delivery.endpointId()));
        }
        return new Claimed(claim.token(), claim.deliveries(), found);
    }

    /** A claimed batch with the endpoints it goes to, read in the claim's transaction. */
    private record Claimed(String token, List<WebhookDelivery> deliveries,
                           Map<String, Optional<WebhookEndpoint>> endpoints) {
    }

    private static String endpointKey(TenantId tenant, String endpointId) {
        return tenant.value() + "\n" + endpointId;
    }

    /** One attempt of a claimed delivery, without writing anything. */
    private Disposition attempt(WebhookDelivery delivery, Optional<WebhookEndpoint> endpoint) {
        if (endpoint.isEmpty() || !endpoint.get().enabled()) {
            return new Disposition.NotSent(delivery, "not sent: the endpoint is " + (endpoint.isEmpty() ? "gone"
                    : "disabled"));
        }
        Instant now = clock.instant();
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = WebhookSignature.headers(secrets(endpoint.get()).signingAt(now), delivery.id(),
                now, body);
        return switch (transport.send(endpoint.get().url(), headers, body)) {
            case WebhookTransport.Transmission.Refused refused -> new Disposition.NotSent(delivery, "not sent: "
                    + refused.detail());
            case WebhookTransport.Transmission.Sent sent -> new Disposition.Sent(delivery, endpoint.get(), sent.result(), now);
        };
    }

    /**
     * Records a batch: every delivery's outcome, then each endpoint's streak. Deliveries the claim lost (its lease
     * passed and another worker took them) are left to that worker by the store.
     */
    private void record(UnitOfWork uow, String claimToken, List<Disposition> batch) {
        Instant now = clock.instant();
        // Sorted: endpoints are locked in one order by every dispatcher, so two batches never deadlock on them.
        Map<String, Streak> streaks = new TreeMap<>();
        List<WebhookStore.AttemptRecord> records = new ArrayList<>();
        for (Disposition done : batch) {
            WebhookDelivery delivery = done.delivery();
            int number = delivery.attempts() + 1;
            switch (done) {
                case Disposition.Deferred deferred -> store.defer(uow, claimToken, delivery.tenant(), delivery.id(),
                        deferred.at());
                case Disposition.NotSent notSent -> records.add(new WebhookStore.AttemptRecord(new DeliveryAttempt(
                        delivery.tenant(), delivery.id(), number, now, Optional.empty(), notSent.reason(),
                        Duration.ZERO), WebhookDelivery.Status.DEAD, now));
                case Disposition.Sent sent -> {
                    WebhookTransport.Result result = sent.result();
                    String detail = result.attempt() instanceof DeliveryPolicy.Attempt.NoAnswer noAnswer
                            ? noAnswer.reason() : result.responseExcerpt();
                    DeliveryAttempt attempt = new DeliveryAttempt(delivery.tenant(), delivery.id(), number,
                            sent.at(), result.status(), detail, result.took());
                    Streak streak = streaks.computeIfAbsent(endpointKey(delivery.tenant(), delivery.endpointId()),
                            key -> new Streak(sent.endpoint()));
                    switch (policy.after(number, result.attempt(), sent.at())) {
                        case DeliveryPolicy.Next.Succeeded ignored -> {
                            records.add(new WebhookStore.AttemptRecord(attempt, WebhookDelivery.Status.SUCCEEDED,
                                    now));
                            streak.succeeded = true;
                        }
                        case DeliveryPolicy.Next.RetryAt retry -> {
                            records.add(new WebhookStore.AttemptRecord(attempt, WebhookDelivery.Status.PENDING,
                                    retry.at()));
                            streak.failed = true;
                        }
                        case DeliveryPolicy.Next.Exhausted ignored -> {
                            records.add(new WebhookStore.AttemptRecord(attempt, WebhookDelivery.Status.DEAD, now));
                            streak.failed = true;
                        }
                        case DeliveryPolicy.Next.DisableEndpoint ignored -> {
                            records.add(new WebhookStore.AttemptRecord(attempt, WebhookDelivery.Status.DEAD, now));
                            streak.gone = true;
                        }
                    }
                }
            }
        }
        if (store.recordAttempts(uow, claimToken, records) < records.size()) {
            // The claim lapsed and another worker holds some of these deliveries now: it judges the endpoints.
            return;
        }
        for (Streak streak : streaks.values()) {
            updateEndpoint(uow, streak, now);
        }
    }

    /** What a batch's attempts said about one endpoint. */
    private static final class Streak {
        final WebhookEndpoint endpoint;
        boolean succeeded;
        boolean failed;
        boolean gone;

        Streak(WebhookEndpoint endpoint) {
            this.endpoint = endpoint;
        }
    }

    /**
     * A success ends the endpoint's failing streak; failures start or continue it, and one too long disables the
     * endpoint, as 410 Gone does at once. The endpoint row is only written when something changes.
     */
    private void updateEndpoint(UnitOfWork uow, Streak streak, Instant now) {
        if (!streak.gone && !streak.failed && streak.endpoint.failingSince().isEmpty()) {
            // Successes only, and the endpoint was not failing when the batch was claimed: nothing to write. A
            // streak another worker started since then is ended by the next batch, which reads it at its claim.
            return;
        }
        Optional<WebhookEndpoint> locked = store.endpointForUpdate(uow, streak.endpoint.tenant(),
                streak.endpoint.id());
        if (locked.isEmpty()) {
            return; // deleted meanwhile: nothing to keep a streak for
        }
        WebhookEndpoint current = locked.get();
        if (streak.gone) {
            disable(uow, current, "the endpoint answered 410 Gone", now);
        } else if (streak.succeeded) {
            if (current.failingSince().isPresent()) {
                store.saveEndpoint(uow, current.withFailingSince(Optional.empty()));
            }
        } else if (streak.failed) {
            Instant since = current.failingSince().orElse(now);
            if (DeliveryPolicy.shouldDisable(Optional.of(since), now)) {
                disable(uow, current.withFailingSince(Optional.of(since)), "every delivery failed since " + since,
                        now);
            } else if (current.failingSince().isEmpty()) {
                store.saveEndpoint(uow, current.withFailingSince(Optional.of(since)));
            }
        }
    }

    private void disable(UnitOfWork uow, WebhookEndpoint endpoint, String reason, Instant now) {
        if (!endpoint.enabled()) {
            return;
        }
        store.saveEndpoint(uow, endpoint.withEnabled(false, Optional.of(reason)));
        outbox.append(uow, new OutboxEvent(endpoint.tenant().value() + "/" + endpoint.id()
                + "/webhook.endpoint_disabled/" + now.toEpochMilli(), "webhook.endpoint_disabled",
                endpoint.tenant(), now, Map.of("endpointId", endpoint.id(), "reason", reason)));
    }

    private static EndpointSecrets secrets(WebhookEndpoint endpoint) {
        WebhookSecret current = WebhookSecret.parse(endpoint.secret());
        return endpoint.previousSecret().isPresent() && endpoint.previousSecretUntil().isPresent()
                ? new EndpointSecrets(current, endpoint.previousSecret().map(WebhookSecret::parse),
                endpoint.previousSecretUntil())
                : EndpointSecrets.of(current);
    }
}
