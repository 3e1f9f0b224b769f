package io.travobooks.webhook.http;

import io.travobooks.cache.redis.LettuceRateLimiter;
import io.travobooks.cache.redis.LettuceRedis;
import io.travobooks.cache.redis.RedisConfig;
import io.travobooks.embedded.EmbeddedRateLimiter;
import io.travobooks.messaging.webhook.AddressRange;
import io.travobooks.messaging.webhook.DeliveryPolicy;
import io.travobooks.messaging.webhook.SsrfGuard;
import io.travobooks.messaging.webhook.WebhookDispatcher;
import io.travobooks.messaging.webhook.WebhookSecret;
import io.travobooks.messaging.webhook.WebhookSignature;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.spi.ratelimit.RateLimit;
import io.travobooks.spi.ratelimit.RateLimiter;
import io.travobooks.spi.webhook.DeliveryAttempt;
import io.travobooks.spi.webhook.WebhookDelivery;
import io.travobooks.spi.webhook.WebhookEndpoint;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;
import io.travobooks.testkit.MutableClock;
import io.travobooks.testkit.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dispatcher on H2 with the real HTTP sender and a scripted receiver on loopback (allowlisted), the schedule
 * under a hand-moved clock: every scripted case of the issue (fails then succeeds, 429 with Retry-After, timeout,
 * 410, redirect), exhaustion and replay, rate limits, and an event fanned out twice.
 */
class WebhookDispatcherTest {
    private static final Instant START = Instant.parse("2026-03-10T06:00:00Z");
    private static final String BODY = "{\"id\":\"ev1\",\"type\":\"booking.issued\",\"tenant\":\"t\","
            + "\"occurredAt\":\"2026-03-10T06:00:00Z\",\"data\":{}}";

    private final JdbcStorage storage = JdbcStorage.open(StorageConfig.h2Memory("dispatch_"
            + UUID.randomUUID().toString().substring(0, 8)));
    private final MutableClock clock = new MutableClock(START);
    private final WebhookSender sender = new WebhookSender(SsrfGuard.withAllowed(
            List.of(AddressRange.parse("127.0.0.0/8"))), Duration.ofSeconds(2), Duration.ofMillis(500), 512,
            Clock.systemUTC());
    private final TenantId tenant = TenantId.of("t-" + UUID.randomUUID().toString().substring(0, 8));
    private final WebhookSecret secret = WebhookSecret.generate();

    @AfterEach
    void close() {
        sender.close();
        storage.close();
    }

    private WebhookDispatcher dispatcher(RateLimit perEndpoint) {
        return dispatcher(new EmbeddedRateLimiter(clock), perEndpoint);
    }

    private WebhookDispatcher dispatcher(RateLimiter limiter, RateLimit perEndpoint) {
        return new WebhookDispatcher(storage.webhookStore(), storage.outboxStore(), sender, limiter,
                new DeliveryPolicy(new SplittableRandom(1)), clock,
                new WebhookDispatcher.Options("worker-1", Duration.ofSeconds(30), 50, perEndpoint));
    }

    private WebhookDispatcher dispatcher() {
        return dispatcher(RateLimit.perSecond(1_000, 1_000));
    }

    private void endpoint(String id, URI url) {
        storage.webhookStore().transactions().inTransaction(uow -> {
            storage.webhookStore().saveEndpoint(uow, new WebhookEndpoint(tenant, id, url, Set.of("booking.issued"),
                    true, Optional.empty(), secret.serialized(), Optional.empty(), Optional.empty(),
                    Optional.empty(), START));
            return null;
        });
    }

    private WebhookEndpoint endpointNow(String id) {
        return storage.webhookStore().transactions().inTransaction(uow ->
                storage.webhookStore().endpoint(uow, tenant, id)).orElseThrow();
    }

    private WebhookDelivery onlyDelivery(String endpointId, String eventId) {
        return storage.webhookStore().transactions().inTransaction(uow -> storage.webhookStore().delivery(uow,
                tenant, WebhookDispatcher.deliveryId(tenant, endpointId, eventId))).orElseThrow();
    }

    private List<DeliveryAttempt> attempts(String deliveryId) {
        return storage.webhookStore().transactions().inTransaction(uow ->
                storage.webhookStore().attempts(uow, tenant, deliveryId));
    }

    /** Runs passes, moving the clock to each due time, until nothing is pending or {@code passes} ran. */
    private void runUntilSettled(WebhookDispatcher dispatcher, int passes) {
        for (int i = 0; i < passes; i++) {
            dispatcher.dispatchDue();
            WebhookDelivery delivery = onlyDelivery("ep1", "ev1");
            if (delivery.status() != WebhookDelivery.Status.PENDING) {
                return;
            }
            clock.set(delivery.nextAttemptAt());
        }
    }

    @Test
    void aDeliveryArrivesSignedOnceEvenWhenTheEventIsFannedOutTwice() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver(ScriptedReceiver.Reply.status(204))) {
            endpoint("ep1", receiver.uri("/hooks"));
            WebhookDispatcher dispatcher = dispatcher();

            assertThat(dispatcher.fanOut(tenant, "ev1", "booking.issued", BODY)).isEqualTo(1);
            assertThat(dispatcher.fanOut(tenant, "ev1", "booking.issued", BODY)).as("fanned out again").isZero();
            assertThat(dispatcher.fanOut(tenant, "ev2", "booking.held", BODY)).as("not subscribed").isZero();
            assertThat(dispatcher.dispatchDue()).isEqualTo(1);
            assertThat(dispatcher.dispatchDue()).isZero();

            ScriptedReceiver.Received got = receiver.received().getFirst();
            assertThat(receiver.received()).hasSize(1);
            assertThat(new String(got.body(), StandardCharsets.UTF_8)).isEqualTo(BODY);
            assertThat(WebhookSignature.verify(List.of(secret), got.headers(), got.body(), START,
                    WebhookSignature.DEFAULT_TOLERANCE)).isEmpty();
            assertThat(got.headers()).containsEntry("webhook-id", WebhookDispatcher.deliveryId(tenant, "ep1", "ev1"));
            assertThat(onlyDelivery("ep1", "ev1").status()).isEqualTo(WebhookDelivery.Status.SUCCEEDED);
        }
    }

    @Test
    void anEndpointFailingTwiceGetsTheLadderThenSucceedsWithTheSameWebhookId() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver(ScriptedReceiver.Reply.status(500),
                ScriptedReceiver.Reply.status(502), ScriptedReceiver.Reply.status(200))) {
            endpoint("ep1", receiver.uri("/hooks"));
            WebhookDispatcher dispatcher = dispatcher();
            dispatcher.fanOut(tenant, "ev1", "booking.issued", BODY);

            runUntilSettled(dispatcher, 10);

            WebhookDelivery delivery = onlyDelivery("ep1", "ev1");
            assertThat(delivery.status()).isEqualTo(WebhookDelivery.Status.SUCCEEDED);
            List<DeliveryAttempt> attempts = attempts(delivery.id());
            assertThat(attempts).extracting(a -> a.status().orElse(0)).containsExactly(500, 502, 200);
            assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at()))
                    .isBetween(Duration.ofSeconds(5), Duration.ofMillis(5_500));
            assertThat(Duration.between(attempts.get(1).at(), attempts.get(2).at()))
                    .isBetween(Duration.ofMinutes(5), Duration.ofSeconds(330));
            assertThat(receiver.received()).extracting(r -> r.headers().get("webhook-id")).containsOnly(delivery.id());
            assertThat(endpointNow("ep1").failingSince()).as("a success ends the failing streak").isEmpty();
        }
    }

    @Test
    void tooManyRequestsWaitsForRetryAfterAndRedirectsAndTimeoutsAreRetried() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver(
                ScriptedReceiver.Reply.status(429).withHeader("Retry-After", "600"),
                ScriptedReceiver.Reply.status(301).withHeader("Location", "/elsewhere"),
                ScriptedReceiver.Reply.status(200).after(2_000),
                ScriptedReceiver.Reply.status(200))) {
            endpoint("ep1", receiver.uri("/hooks"));
            WebhookDispatcher dispatcher = dispatcher();
            dispatcher.fanOut(tenant, "ev1", "booking.issued", BODY);

            runUntilSettled(dispatcher, 10);

            WebhookDelivery delivery = onlyDelivery("ep1", "ev1");
            List<DeliveryAttempt> attempts = attempts(delivery.id());
            assertThat(delivery.status()).isEqualTo(WebhookDelivery.Status.SUCCEEDED);
            assertThat(attempts).hasSize(4);
            assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).as("Retry-After: 600")
                    .isEqualTo(Duration.ofMinutes(10));
            assertThat(attempts.get(1).status()).contains(301);
            assertThat(attempts.get(2).status()).as("the slow answer").isEmpty();
            assertThat(receiver.received()).extracting(ScriptedReceiver.Received::path).containsOnly("/hooks");
        }
    }

    @Test
    void goneDisablesTheEndpointAndRaisesAnOperationalEvent() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver(ScriptedReceiver.Reply.status(410))) {
            endpoint("ep1", receiver.uri("/hooks"));
            WebhookDispatcher dispatcher = dispatcher();
            dispatcher.fanOut(tenant, "ev1", "booking.issued", BODY);

            runUntilSettled(dispatcher, 3);

            assertThat(onlyDelivery("ep1", "ev1").status()).isEqualTo(WebhookDelivery.Status.DEAD);
            WebhookEndpoint endpoint = endpointNow("ep1");
            assertThat(endpoint.enabled()).isFalse();
            assertThat(endpoint.disabledReason()).contains("the endpoint answered 410 Gone");
            assertThat(storage.webhookStore().transactions().inTransaction(uow ->
                    storage.outboxStore().read(uow, 0, 1_000)).stream().map(OutboxStore.Stored::event)
                    .filter(event -> event.tenant().equals(tenant)))
                    .extracting(event -> event.type()).containsExactly("webhook.endpoint_disabled");
            assertThat(dispatcher.fanOut(tenant, "ev2", "booking.issued", BODY)).as("disabled").isZero();
        }
    }

    @Test
    void anExhaustedDeliveryIsDeadAndItsReplayDelivers() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver(ScriptedReceiver.Reply.status(500),
                ScriptedReceiver.Reply.status(500), ScriptedReceiver.Reply.status(500),
                ScriptedReceiver.Reply.status(500), ScriptedReceiver.Reply.status(500),
                ScriptedReceiver.Reply.status(500), ScriptedReceiver.Reply.status(500),
                ScriptedReceiver.Reply.status(500), ScriptedReceiver.Reply.status(200))) {
            endpoint("ep1", receiver.uri("/hooks"));
            WebhookDispatcher dispatcher = dispatcher();
            dispatcher.fanOut(tenant, "ev1", "booking.issued", BODY);

            runUntilSettled(dispatcher, 20);

            WebhookDelivery dead = onlyDelivery("ep1", "ev1");
            assertThat(dead.status()).isEqualTo(WebhookDelivery.Status.DEAD);
            assertThat(dead.attempts()).as("the ladder's eight attempts").isEqualTo(8);
            assertThat(endpointNow("ep1").enabled()).as("32 hours of failure is not days").isTrue();

            assertThat(dispatcher.replay(tenant, dead.id())).isTrue();
            assertThat(dispatcher.replay(tenant, dead.id())).as("pending again, not dead").isFalse();
            dispatcher.dispatchDue();

            assertThat(onlyDelivery("ep1", "ev1").status()).isEqualTo(WebhookDelivery.Status.SUCCEEDED);
            assertThat(receiver.received()).hasSize(9);
        }
    }

    @Test
    void everyDeadDeliveryOfATimeRangeIsReplayedAndOnlyThose() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver(ScriptedReceiver.Reply.status(500))) {
            endpoint("ep1", receiver.uri("/hooks"));
            WebhookDispatcher dispatcher = dispatcher();
            Instant early = clock.instant();
            dispatcher.fanOut(tenant, "ev-early", "booking.issued", BODY);
            clock.advance(Duration.ofHours(1));
            Instant late = clock.instant();
            dispatcher.fanOut(tenant, "ev-late-1", "booking.issued", BODY);
            dispatcher.fanOut(tenant, "ev-late-2", "booking.issued", BODY);
            List<String> events = List.of("ev-early", "ev-late-1", "ev-late-2");
            for (int pass = 0; pass < 30 && events.stream().anyMatch(event ->
                    onlyDelivery("ep1", event).status() == WebhookDelivery.Status.PENDING); pass++) {
                dispatcher.dispatchDue();
                clock.advance(Duration.ofHours(11)); // past the ladder's longest wait (10 h plus jitter)
            }
            assertThat(events).allSatisfy(event ->
                    assertThat(onlyDelivery("ep1", event).status()).isEqualTo(WebhookDelivery.Status.DEAD));

            assertThat(dispatcher.replayDead(tenant, late, late.plus(Duration.ofHours(1)))).isEqualTo(2);

            assertThat(onlyDelivery("ep1", "ev-late-1").status()).isEqualTo(WebhookDelivery.Status.PENDING);
            assertThat(onlyDelivery("ep1", "ev-late-2").status()).isEqualTo(WebhookDelivery.Status.PENDING);
            assertThat(onlyDelivery("ep1", "ev-early").status()).as("outside the range")
                    .isEqualTo(WebhookDelivery.Status.DEAD);
            assertThat(dispatcher.replayDead(tenant, early, late)).isEqualTo(1);
        }
    }

    @Test
    void anEndpointsRateLimitDefersDeliveriesWithoutFailingThem() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver(ScriptedReceiver.Reply.status(200))) {
            endpoint("ep1", receiver.uri("/hooks"));
            WebhookDispatcher dispatcher = dispatcher(RateLimit.perSecond(1, 1));
            for (int i = 0; i < 3; i++) {
                dispatcher.fanOut(tenant, "ev" + i, "booking.issued", BODY);
            }

            assertThat(dispatcher.dispatchDue()).as("one per second").isEqualTo(1);
            assertThat(receiver.received()).hasSize(1);
            for (int second = 1; second <= 3 && receiver.received().size() < 3; second++) {
                clock.advance(Duration.ofSeconds(1));
                dispatcher.dispatchDue();
            }

            assertThat(receiver.received()).hasSize(3);
            assertThat(receiver.received()).extracting(r -> r.headers().get("webhook-id")).doesNotHaveDuplicates();
        }
    }

    @Test
    void aRateLimiterThatCannotBeAskedSendsNothingAndReleasesTheBatchSoon() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver(ScriptedReceiver.Reply.status(200))) {
            endpoint("ep1", receiver.uri("/hooks"));
            LettuceRedis redis = LettuceRedis.connect(RedisConfig.parse(TestServices.requireRedis()));
            RateLimiter unreachable = new LettuceRateLimiter(redis);
            redis.close();
            WebhookDispatcher dispatcher = dispatcher(unreachable, RateLimit.perSecond(1_000, 1_000));
            dispatcher.fanOut(tenant, "ev1", "booking.issued", BODY);

            assertThatThrownBy(dispatcher::dispatchDue).as("the limiter's own failure, passed on")
                    .hasStackTraceContaining("LettuceRateLimiter.tryAcquireUpTo");

            assertThat(receiver.received()).as("no limit checked, nothing sent").isEmpty();
            WebhookDelivery released = onlyDelivery("ep1", "ev1");
            assertThat(released.status()).isEqualTo(WebhookDelivery.Status.PENDING);
            assertThat(released.attempts()).isZero();
            assertThat(released.nextAttemptAt()).as("due again in a second, not at the lease's end")
                    .isEqualTo(START.plusSeconds(1));

            clock.advance(Duration.ofSeconds(1));
            assertThat(dispatcher().dispatchDue()).isEqualTo(1);
            assertThat(receiver.received()).hasSize(1);
        }
    }
}
