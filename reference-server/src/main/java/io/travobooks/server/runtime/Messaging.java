package io.travobooks.server.runtime;

import io.travobooks.messaging.EventCatalog;
import io.travobooks.messaging.webhook.DeliveryPolicy;
import io.travobooks.messaging.webhook.SsrfGuard;
import io.travobooks.messaging.webhook.WebhookDispatcher;
import io.travobooks.messaging.webhook.WebhookEndpoints;
import io.travobooks.server.config.ServerConfig;
import io.travobooks.spi.Coordination;
import io.travobooks.spi.ratelimit.RateLimit;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.webhook.http.WebhookSender;

import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The messaging side of a server process: the event catalog, the tenant's webhook endpoints and the dispatcher
 * that delivers to them. Its workers run only where the process runs them ({@link Workers}).
 */
public final class Messaging implements AutoCloseable {
    /** How long a worker's claim on deliveries lasts: a process that dies leaves them to others after this. */
    static final Duration DELIVERY_LEASE = Duration.ofSeconds(30);
    /** Deliveries one endpoint takes per second at most (bursts of as many). */
    static final RateLimit PER_ENDPOINT = RateLimit.perSecond(50, 50);

    private final EventCatalog catalog;
    private final WebhookEndpoints endpoints;
    private final WebhookSender sender;
    private final WebhookDispatcher dispatcher;

    private Messaging(EventCatalog catalog, WebhookEndpoints endpoints, WebhookSender sender,
                      WebhookDispatcher dispatcher) {
        this.catalog = catalog;
        this.endpoints = endpoints;
        this.sender = sender;
        this.dispatcher = dispatcher;
    }

    static Messaging open(JdbcStorage storage, Coordination coordination, ServerConfig.Messaging config,
                          Clock clock) {
        SsrfGuard guard = SsrfGuard.withAllowed(config.webhookAllowed());
        EventCatalog catalog = EventCatalog.standard();
        WebhookEndpoints endpoints = new WebhookEndpoints(storage.webhookStore(), guard, catalog, clock);
        WebhookSender sender = new WebhookSender(guard, Duration.ofSeconds(5), Duration.ofSeconds(10), 2_048, clock);
        // Each process claims deliveries under a name of its own, so that one never holds another's claims.
        String worker = "server-" + UUID.randomUUID().toString().substring(0, 8);
        WebhookDispatcher dispatcher = new WebhookDispatcher(storage.webhookStore(),
                storage.outboxStore(), sender, coordination.rateLimiter(),
                new DeliveryPolicy(new SplittableRandom()), clock,
                new WebhookDispatcher.Options(worker, DELIVERY_LEASE, 50, PER_ENDPOINT));
        return new Messaging(catalog, endpoints, sender, dispatcher);
    }

    public EventCatalog catalog() {
        return catalog;
    }

    public WebhookEndpoints endpoints() {
        return endpoints;
    }

    public WebhookDispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    public void close() {
        sender.close();
    }
}
