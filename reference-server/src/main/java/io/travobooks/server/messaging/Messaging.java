package io.travobooks.server.messaging;

import io.travobooks.cache.redis.OutboxRelay;
import io.travobooks.channel.http.DeliveryCallbacks;
import io.travobooks.messaging.EventCatalog;
import io.travobooks.messaging.inbox.Inbox;
import io.travobooks.messaging.notify.Channel;
import io.travobooks.messaging.notify.Notifier;
import io.travobooks.messaging.notify.ProviderChain;
import io.travobooks.messaging.webhook.DeliveryPolicy;
import io.travobooks.messaging.webhook.SsrfGuard;
import io.travobooks.messaging.webhook.WebhookDispatcher;
import io.travobooks.messaging.webhook.WebhookEndpoints;
import io.travobooks.server.config.ServerConfig;
import io.travobooks.server.config.Worker;
import io.travobooks.server.runtime.Backends;
import io.travobooks.server.runtime.Metrics;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.spi.queue.QueueWorker;
import io.travobooks.spi.ratelimit.RateLimit;
import io.travobooks.storage.jdbc.JdbiOutboxStore;
import io.travobooks.webhook.http.OutboxWebhookPump;
import io.travobooks.webhook.http.WebhookSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The messaging side of a server process: the event catalog, webhook endpoints and the dispatcher that delivers
 * to them, the notification channels (email to an SMTP relay or a mail folder, SMS and WhatsApp through HTTP
 * providers once configured), the notifier, the recipients it reads, and the unified inbox. Its three workers
 * (the outbox relay, the webhook pump, the notifier) run only where the process is told to run them.
 */
public final class Messaging implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Messaging.class);
    /** The outbox queue's consumer group of the notifier. */
    public static final String NOTIFICATIONS = "notifications";
    /** How long a worker's claim on deliveries lasts: a process that dies leaves them to others after this. */
    static final Duration DELIVERY_LEASE = Duration.ofSeconds(30);
    /** Deliveries one endpoint takes per second at most (bursts of as many). */
    static final RateLimit PER_ENDPOINT = RateLimit.perSecond(50, 50);
    /** Outbox consumers of the webhook pump in one process. */
    static final int WEBHOOK_CONSUMERS = 2;
    /** How long the webhook dispatcher waits when nothing was due. */
    static final Duration DISPATCH_IDLE = Duration.ofMillis(50);

    private final Backends backends;
    private final EventCatalog catalog;
    private final WebhookEndpoints endpoints;
    private final LazySender sender;
    private final WebhookDispatcher dispatcher;
    private final RecipientStore recipients;
    private final NotificationContent content;
    private final Inbox inbox;
    private final InboundSourceStore sources;
    private final DeliveryCallbacks callbacks;
    private final Notifier notifier;

    private Messaging(Backends backends, ServerConfig.Messaging config, NotificationContent content, Metrics metrics,
                      Clock clock) {
        this.backends = backends;
        this.catalog = EventCatalog.standard();
        SsrfGuard guard = SsrfGuard.withAllowed(config.webhookAllowed());
        this.endpoints = new WebhookEndpoints(backends.storage().webhookStore(), guard, catalog, clock);
        // The HTTP client takes a sixth of a second to make: made on the first delivery, not at every start.
        this.sender = new LazySender(() -> new WebhookSender(guard, Duration.ofSeconds(5), Duration.ofSeconds(10),
                2_048, clock));
        // Each process claims deliveries under a name of its own, so that one never holds another's claims.
        String worker = "server-" + UUID.randomUUID().toString().substring(0, 8);
        this.dispatcher = new WebhookDispatcher(backends.storage().webhookStore(), backends.storage().outboxStore(),
                new CountedTransport(sender, metrics), backends.coordination().rateLimiter(),
                new DeliveryPolicy(new SplittableRandom()), clock,
                new WebhookDispatcher.Options(worker, DELIVERY_LEASE, 50, PER_ENDPOINT));
        this.recipients = new RecipientStore(backends.database());
        this.content = content;
        BookingMessages bookingMessages = new BookingMessages(backends.bookings(), recipients, content);
        Map<Channel, ProviderChain> channels = MessageChannels.open(config);
        this.inbox = new Inbox(backends.storage().inboxStore(), bookingMessages, channels, clock);
        this.sources = new InboundSourceStore(backends.database());
        this.callbacks = new DeliveryCallbacks(backends.storage().messageStore(),
                MessageChannels.callbackSecrets(config), clock);
        this.notifier = new Notifier(backends.storage().messageStore(), channels, bookingMessages, bookingMessages,
                inbox.window(), clock);
    }

    /** Opens the messaging side, and counts its webhook attempts and queue backlogs in {@code metrics}. */
    public static Messaging open(Backends backends, ServerConfig.Messaging config, NotificationContent content,
                                 Metrics metrics) {
        Messaging messaging = new Messaging(backends, config, content, metrics, Clock.systemUTC());
        for (String group : List.of(OutboxWebhookPump.GROUP, NOTIFICATIONS)) {
            metrics.queue(OutboxStore.QUEUE, group, () -> backends.coordination().jobQueue()
                    .stats(OutboxStore.QUEUE, group));
        }
        return messaging;
    }

    /** Starts a messaging worker; empty when this setup does not need it. */
    public Optional<AutoCloseable> start(Worker worker) {
        return switch (worker) {
            case OUTBOX_RELAY -> backends.redisClient().map(redis -> (AutoCloseable) OutboxRelay.start(
                    backends.storage().queueStore(), redis, OutboxStore.QUEUE, OutboxRelay.Options.DEFAULTS
                            .withGroups(OutboxWebhookPump.GROUP, NOTIFICATIONS),
                    Clock.systemUTC(), error -> LOG.error("outbox-relay failed; it goes on", error)))
                    .or(() -> {
                        LOG.info("outbox-relay: not needed, the embedded queue reads the outbox itself");
                        return Optional.empty();
                    });
            case WEBHOOK_DISPATCHER -> Optional.of(OutboxWebhookPump.start(backends.coordination().jobQueue(),
                    dispatcher, WEBHOOK_CONSUMERS, DISPATCH_IDLE,
                    error -> LOG.error("webhook-dispatcher failed; it goes on", error)));
            case NOTIFIER -> Optional.of(QueueWorker.start(backends.coordination().jobQueue(), OutboxStore.QUEUE,
                    NOTIFICATIONS, 1, delivery -> notifier.handle(JdbiOutboxStore.event(delivery.payload())),
                    Messaging::notifierFailed));
            default -> throw new IllegalArgumentException(worker + " is not a messaging worker");
        };
    }

    private static void notifierFailed(RuntimeException error) {
        if (error instanceof Notifier.Deferred deferred) {
            LOG.info("notifier: {}; the event is handled again later", deferred.getMessage());
        } else {
            LOG.error("notifier failed; the event is handled again later", error);
        }
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

    public RecipientStore recipients() {
        return recipients;
    }

    public NotificationContent content() {
        return content;
    }

    public Inbox inbox() {
        return inbox;
    }

    public InboundSourceStore sources() {
        return sources;
    }

    public DeliveryCallbacks callbacks() {
        return callbacks;
    }

    @Override
    public void close() {
        sender.close();
    }
}
