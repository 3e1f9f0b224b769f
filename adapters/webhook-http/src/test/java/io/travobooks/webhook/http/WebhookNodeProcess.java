package io.travobooks.webhook.http;

import io.travobooks.cache.redis.LettuceRateLimiter;
import io.travobooks.cache.redis.LettuceRedis;
import io.travobooks.cache.redis.OutboxRelay;
import io.travobooks.cache.redis.RedisConfig;
import io.travobooks.cache.redis.RedisStreamsJobQueue;
import io.travobooks.messaging.webhook.AddressRange;
import io.travobooks.messaging.webhook.DeliveryPolicy;
import io.travobooks.messaging.webhook.SsrfGuard;
import io.travobooks.messaging.webhook.WebhookDispatcher;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.spi.queue.QueueOptions;
import io.travobooks.spi.ratelimit.RateLimit;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One server node of the webhook pipeline, as its own JVM for {@link WebhookLossIT}: an outbox relay (MariaDB to a
 * Redis stream) and a pump (stream consumers that fan events out, and a dispatcher that sends the deliveries).
 * It prints {@value #READY} once running and runs until it is killed.
 *
 * <p>Arguments: JDBC URL, user, password, Redis URI, node name.
 */
public final class WebhookNodeProcess {
    static final String READY = "NODE-READY";
    /** Short, so that a dead node's stream entries and delivery claims are taken over within seconds. */
    static final Duration TAKEOVER_AFTER = Duration.ofSeconds(3);

    private WebhookNodeProcess() {
    }

    public static void main(String[] args) throws Exception {
        String node = args[4];
        JdbcStorage storage = JdbcStorage.open(StorageConfig.mysql(args[0], args[1], args[2]));
        LettuceRedis redis = LettuceRedis.connect(RedisConfig.parse(args[3]));
        WebhookSender sender = new WebhookSender(SsrfGuard.withAllowed(List.of(AddressRange.parse("127.0.0.0/8"))),
                Duration.ofSeconds(2), Duration.ofSeconds(2), 64, Clock.systemUTC());
        WebhookDispatcher dispatcher = new WebhookDispatcher(storage.webhookStore(), storage.outboxStore(), sender,
                new LettuceRateLimiter(redis), new DeliveryPolicy(new SplittableRandom()), Clock.systemUTC(),
                new WebhookDispatcher.Options(node, TAKEOVER_AFTER, 50, RateLimit.perSecond(100_000, 100_000)));
        RedisStreamsJobQueue queue = new RedisStreamsJobQueue(redis, new QueueOptions(TAKEOVER_AFTER, 50));
        OutboxRelay.start(storage.queueStore(), redis, OutboxStore.QUEUE, new OutboxRelay.Options(
                Duration.ofMillis(10), Duration.ofMillis(500), Duration.ofHours(1), Set.of())
                .withGroups(OutboxWebhookPump.GROUP), Clock.systemUTC(), WebhookNodeProcess::report);
        OutboxWebhookPump.start(queue, dispatcher, 2, Duration.ofMillis(10), WebhookNodeProcess::report);
        System.out.println(READY + " " + node);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void report(RuntimeException error) {
        System.out.println("node error: " + error);
    }
}
