package io.travobooks.testkit.storage;

import io.travobooks.spi.RetryPolicy;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.webhook.DeliveryAttempt;
import io.travobooks.spi.webhook.WebhookDelivery;
import io.travobooks.spi.webhook.WebhookEndpoint;
import io.travobooks.spi.webhook.WebhookStore;
import io.travobooks.testkit.ConcurrentWriters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link WebhookStore} must do; one database is shared by the test JVM, tests isolate by tenant. */
public abstract class WebhookStoreContractTest {
    /** Far in the past, so that no other test's deliveries are due when this test claims. */
    private static final Instant NOW = Instant.parse("2001-03-10T06:00:00.123456Z");

    protected abstract WebhookStore store();

    private WebhookStore store;
    private TenantId tenant;
    private TenantId other;

    @BeforeEach
    void setUp() {
        store = store();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        tenant = TenantId.of("t-" + unique);
        other = TenantId.of("o-" + unique);
    }

    private <T> T tx(Function<UnitOfWork, T> work) {
        return store.transactions().inTransaction(work);
    }

    private boolean flag(Function<UnitOfWork, Boolean> work) {
        return tx(work);
    }

    private WebhookEndpoint endpoint(TenantId owner, String id) {
        return new WebhookEndpoint(owner, id, URI.create("https://hooks.partner.example/" + id),
                Set.of("booking.issued", "booking.voided"), true, Optional.empty(), "whsec_current",
                Optional.of("whsec_previous"), Optional.of(NOW.plusSeconds(3600)), Optional.empty(), NOW);
    }

    private WebhookDelivery delivery(String id, String endpointId, String eventId, Instant due) {
        return new WebhookDelivery(tenant, id, endpointId, eventId, "booking.issued", "{\"id\":\"" + eventId + "\"}",
                WebhookDelivery.Status.PENDING, 0, due, due);
    }

    private void save(WebhookEndpoint endpoint) {
        tx(uow -> {
            store.saveEndpoint(uow, endpoint);
            return null;
        });
    }

    private boolean create(WebhookDelivery delivery) {
        return tx(uow -> store.createDelivery(uow, delivery));
    }

    /** The test tenant's deliveries of a claim (other tests' may be due too). */
    private List<WebhookDelivery> claim(String owner, Instant now) {
        return ours(claimToken(owner, now));
    }

    /** Claims every delivery due: other tests' leftovers (300 from the concurrent one) must not crowd ours out. */
    private WebhookStore.Claim claimToken(String owner, Instant now) {
        return tx(uow -> store.claimDue(uow, now, owner, now.plusSeconds(60), 5_000));
    }

    private List<WebhookDelivery> ours(WebhookStore.Claim claim) {
        return claim.deliveries().stream().filter(d -> d.tenant().equals(tenant)).toList();
    }

    private boolean replay(TenantId owner, String deliveryId, Instant at) {
        return tx(uow -> store.replay(uow, owner, deliveryId, at));
    }

    private int record(WebhookStore.Claim claim, String deliveryId, int number, WebhookDelivery.Status status,
                       Instant next) {
        return tx(uow -> store.recordAttempts(uow, claim.token(), List.of(new WebhookStore.AttemptRecord(
                new DeliveryAttempt(tenant, deliveryId, number, NOW, Optional.of(500), "upstream down",
                        Duration.ofMillis(42)), status, next))));
    }

    private boolean defer(WebhookStore.Claim claim, String deliveryId, Instant at) {
        return tx(uow -> store.defer(uow, claim.token(), tenant, deliveryId, at));
    }

    private WebhookDelivery.Status status(String deliveryId) {
        return tx(uow -> store.delivery(uow, tenant, deliveryId)).orElseThrow().status();
    }

    private List<DeliveryAttempt> attempts(String deliveryId) {
        return tx(uow -> store.attempts(uow, tenant, deliveryId));
    }

    @Test
    void endpointsAreStoredReplacedAndScopedToTheirTenant() {
        WebhookEndpoint endpoint = endpoint(tenant, "ep1");
        save(endpoint);
        save(endpoint(other, "ep1"));

        Optional<WebhookEndpoint> read = tx(uow -> store.endpoint(uow, tenant, "ep1"));
        assertThat(read).contains(endpoint);
        WebhookEndpoint disabled = new WebhookEndpoint(tenant, "ep1", endpoint.url(), Set.of(), false,
                Optional.of("410 Gone"), "whsec_next", Optional.empty(), Optional.empty(), Optional.of(NOW), NOW);
        save(disabled);
        List<WebhookEndpoint> all = tx(uow -> store.endpoints(uow, tenant));
        assertThat(all).containsExactly(disabled);
        assertThat(disabled.wants("booking.issued")).isFalse();
        assertThat(endpoint.wants("booking.issued")).isTrue();
        assertThat(endpoint.wants("booking.held")).isFalse();
    }

    @Test
    void anEndpointIsCreatedOnceAndASecondCreationWritesNothing() {
        WebhookEndpoint first = endpoint(tenant, "ep1");
        WebhookEndpoint second = new WebhookEndpoint(tenant, "ep1", URI.create("https://elsewhere.example/"),
                Set.of(), true, Optional.empty(), "whsec_other", Optional.empty(), Optional.empty(), Optional.empty(),
                NOW);

        assertThat(flag(uow -> store.createEndpoint(uow, first))).isTrue();
        assertThat(flag(uow -> store.createEndpoint(uow, second))).isFalse();
        assertThat(flag(uow -> store.createEndpoint(uow, endpoint(other, "ep1")))).as("another tenant").isTrue();

        Optional<WebhookEndpoint> read = tx(uow -> store.endpoint(uow, tenant, "ep1"));
        assertThat(read).contains(first);
    }

    @Test
    void changesOfAnEndpointReadForUpdateAreNeverLost() throws Exception {
        save(new WebhookEndpoint(tenant, "ep1", URI.create("https://hooks.partner.example/"), Set.of(), true,
                Optional.empty(), "whsec_current", Optional.empty(), Optional.empty(), Optional.empty(), NOW));
        int perThread = 20;
        ConcurrentWriters.run(3, perThread, (writer, i) -> store.transactions().inTransactionRetrying(uow -> {
            WebhookEndpoint read = store.endpointForUpdate(uow, tenant, "ep1").orElseThrow();
            Set<String> types = new HashSet<>(read.eventTypes());
            types.add(writer + i);
            store.saveEndpoint(uow, new WebhookEndpoint(tenant, "ep1", read.url(), types, true, Optional.empty(),
                    read.secret(), Optional.empty(), Optional.empty(), Optional.empty(), read.createdAt()));
            return null;
        }, RetryPolicy.DEFAULT.withAttempts(20)));
        WebhookEndpoint last = tx(uow -> store.endpoint(uow, tenant, "ep1")).orElseThrow();
        assertThat(last.eventTypes()).as("every writer's every change").hasSize(3 * perThread);
    }

    @Test
    void anEventIsDeliveredOnceToAnEndpoint() {
        assertThat(create(delivery("d1", "ep1", "ev1", NOW))).isTrue();
        assertThat(create(delivery("d2", "ep1", "ev1", NOW))).as("the same event again").isFalse();
        assertThat(create(delivery("d3", "ep2", "ev1", NOW))).as("another endpoint").isTrue();

        Optional<WebhookDelivery> second = tx(uow -> store.delivery(uow, tenant, "d2"));
        assertThat(second).isEmpty();
        Optional<WebhookDelivery> stranger = tx(uow -> store.delivery(uow, other, "d1"));
        assertThat(stranger).isEmpty();
    }

    @Test
    void dueDeliveriesAreClaimedByOneWorkerUntilTheLeasePasses() {
        create(delivery("d1", "ep1", "ev1", NOW));
        create(delivery("d2", "ep1", "ev2", NOW.plusSeconds(90)));

        assertThat(claim("worker-a", NOW)).extracting(WebhookDelivery::id).containsExactly("d1");
        assertThat(claim("worker-b", NOW.plusSeconds(30))).as("leased to worker-a").isEmpty();
        assertThat(claim("worker-b", NOW.plusSeconds(61))).as("worker-a's lease passed")
                .extracting(WebhookDelivery::id).containsExactly("d1");
        assertThat(claim("worker-c", NOW.plusSeconds(100))).as("d1 is worker-b's until +121 s")
                .extracting(WebhookDelivery::id).containsExactly("d2");
    }

    @Test
    void concurrentWorkersClaimDisjointBatchesAndTogetherEveryDueDelivery() throws Exception {
        Set<String> due = new HashSet<>();
        tx(uow -> {
            for (int i = 0; i < 300; i++) {
                TenantId owner = i % 2 == 0 ? tenant : other;
                store.createDelivery(uow, new WebhookDelivery(owner, "d" + i, "ep1", "ev" + i, "booking.issued",
                        "{}", WebhookDelivery.Status.PENDING, 0, NOW, NOW));
                due.add(owner.value() + "/d" + i);
            }
            return null;
        });
        List<String> claimed = Collections.synchronizedList(new ArrayList<>());
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            String worker = "worker-" + w;
            workers.add(Thread.ofPlatform().start(() -> {
                List<WebhookDelivery> batch;
                do {
                    batch = store.transactions().inTransactionRetrying(uow ->
                            store.claimDue(uow, NOW, worker, NOW.plusSeconds(60), 20), RetryPolicy.DEFAULT).deliveries();
                    batch.stream().filter(d -> d.tenant().equals(tenant) || d.tenant().equals(other))
                            .forEach(d -> claimed.add(d.tenant().value() + "/" + d.id()));
                } while (!batch.isEmpty());
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }

        assertThat(claimed).as("no delivery claimed twice").doesNotHaveDuplicates();
        assertThat(new HashSet<>(claimed)).isEqualTo(due);
    }

    @Test
    void aClaimThatLostItsDeliveryToAnotherRecordsNothing() {
        create(delivery("d1", "ep1", "ev1", NOW));
        create(delivery("d2", "ep1", "ev2", NOW));
        WebhookStore.Claim lapsed = claimToken("worker-a", NOW);
        assertThat(ours(lapsed)).hasSize(2);
        WebhookStore.Claim current = claimToken("worker-b", NOW.plusSeconds(61));
        assertThat(ours(current)).as("worker-a's lease passed").hasSize(2);
        assertThat(current.token()).isNotEqualTo(lapsed.token());

        assertThat(record(lapsed, "d1", 1, WebhookDelivery.Status.SUCCEEDED, NOW)).isZero();
        assertThat(defer(lapsed, "d2", NOW.plusSeconds(3600))).isFalse();
        assertThat(status("d1")).isEqualTo(WebhookDelivery.Status.PENDING);
        assertThat(attempts("d1")).as("the late attempt is not logged").isEmpty();

        assertThat(record(current, "d1", 1, WebhookDelivery.Status.SUCCEEDED, NOW)).isOne();
        assertThat(record(current, "d1", 1, WebhookDelivery.Status.SUCCEEDED, NOW)).as("recorded already").isZero();
        assertThat(defer(current, "d2", NOW.plusSeconds(90))).isTrue();
        assertThat(status("d1")).isEqualTo(WebhookDelivery.Status.SUCCEEDED);
        assertThat(attempts("d1")).hasSize(1);
        assertThat(claim("worker-c", NOW.plusSeconds(90))).as("deferred to +90 s, before the lease's end")
                .extracting(WebhookDelivery::id).containsExactly("d2");
    }

    @Test
    void aLapsedClaimNobodyTookOverStillRecords() {
        create(delivery("d1", "ep1", "ev1", NOW));
        // Whether the lease has passed is not the store's to judge when recording: only whether another claim took
        // the delivery since. Nobody did, so the slow worker's attempt counts.
        WebhookStore.Claim slow = claimToken("worker-a", NOW);

        assertThat(record(slow, "d1", 1, WebhookDelivery.Status.SUCCEEDED, NOW)).as("past its lease").isOne();
        assertThat(status("d1")).isEqualTo(WebhookDelivery.Status.SUCCEEDED);
    }

    @Test
    void aBatchRecordsOnlyTheDeliveriesItsClaimHolds() {
        create(delivery("d1", "ep1", "ev1", NOW));
        WebhookStore.Claim claim = claimToken("worker-a", NOW);
        create(delivery("d2", "ep1", "ev2", NOW));

        int recorded = tx(uow -> store.recordAttempts(uow, claim.token(), List.of(
                new WebhookStore.AttemptRecord(new DeliveryAttempt(tenant, "d1", 1, NOW, Optional.of(204), "",
                        Duration.ofMillis(3)), WebhookDelivery.Status.SUCCEEDED, NOW),
                new WebhookStore.AttemptRecord(new DeliveryAttempt(tenant, "d2", 1, NOW, Optional.of(204), "",
                        Duration.ofMillis(3)), WebhookDelivery.Status.SUCCEEDED, NOW),
                new WebhookStore.AttemptRecord(new DeliveryAttempt(tenant, "nope", 1, NOW, Optional.of(204), "",
                        Duration.ofMillis(3)), WebhookDelivery.Status.SUCCEEDED, NOW))));

        assertThat(recorded).isOne();
        assertThat(attempts("d1")).hasSize(1);
        assertThat(attempts("d2")).as("never claimed").isEmpty();
        assertThat(status("d2")).isEqualTo(WebhookDelivery.Status.PENDING);
    }

    @Test
    void aDeferredDeliveryIsReleasedWithoutAnAttempt() {
        create(delivery("d1", "ep1", "ev1", NOW));
        WebhookStore.Claim claim = claimToken("worker-a", NOW);

        assertThat(defer(claim, "d1", NOW.plusSeconds(2))).isTrue();

        assertThat(claim("worker-b", NOW.plusSeconds(1))).isEmpty();
        assertThat(claim("worker-b", NOW.plusSeconds(2))).extracting(WebhookDelivery::attempts).containsExactly(0);
        assertThat(attempts("d1")).isEmpty();
    }

    @Test
    void attemptsAreLoggedAndMoveTheDelivery() {
        create(delivery("d1", "ep1", "ev1", NOW));
        WebhookStore.Claim first = claimToken("worker-a", NOW);

        record(first, "d1", 1, WebhookDelivery.Status.PENDING, NOW.plusSeconds(5));
        assertThat(claim("worker-b", NOW.plusSeconds(1))).as("not due until its retry").isEmpty();
        WebhookStore.Claim second = claimToken("worker-b", NOW.plusSeconds(5));
        assertThat(ours(second)).as("the attempt released the lease").hasSize(1);
        record(second, "d1", 2, WebhookDelivery.Status.DEAD, NOW.plusSeconds(5));

        List<DeliveryAttempt> attempts = attempts("d1");
        assertThat(attempts).extracting(DeliveryAttempt::number).containsExactly(1, 2);
        assertThat(attempts.getFirst().status()).contains(500);
        assertThat(attempts.getFirst().took()).isEqualTo(Duration.ofMillis(42));
        Optional<WebhookDelivery> dead = tx(uow -> store.delivery(uow, tenant, "d1"));
        assertThat(dead.orElseThrow().status()).isEqualTo(WebhookDelivery.Status.DEAD);
        assertThat(dead.orElseThrow().attempts()).isEqualTo(2);
        assertThat(claim("worker-b", NOW.plusSeconds(3600))).as("dead is not due").isEmpty();
    }

    @Test
    void aBatchOfAttemptsIsRecordedAsOneByOne() {
        create(delivery("d1", "ep1", "ev1", NOW));
        create(delivery("d2", "ep1", "ev2", NOW));
        WebhookStore.Claim claim = claimToken("worker-a", NOW);

        tx(uow -> {
            store.recordAttempts(uow, claim.token(), List.of(
                    new WebhookStore.AttemptRecord(new DeliveryAttempt(tenant, "d1", 1, NOW, Optional.of(204), "",
                            Duration.ofMillis(3)), WebhookDelivery.Status.SUCCEEDED, NOW),
                    new WebhookStore.AttemptRecord(new DeliveryAttempt(tenant, "d2", 1, NOW, Optional.empty(),
                            "timeout", Duration.ofSeconds(5)), WebhookDelivery.Status.PENDING, NOW.plusSeconds(5))));
            return null;
        });

        Optional<WebhookDelivery> first = tx(uow -> store.delivery(uow, tenant, "d1"));
        assertThat(first.orElseThrow().status()).isEqualTo(WebhookDelivery.Status.SUCCEEDED);
        List<DeliveryAttempt> second = tx(uow -> store.attempts(uow, tenant, "d2"));
        assertThat(second).extracting(DeliveryAttempt::detail).containsExactly("timeout");
        assertThat(claim("worker-b", NOW.plusSeconds(5))).as("released and due again")
                .extracting(WebhookDelivery::id).containsExactly("d2");
    }

    @Test
    void deliveriesAreListedNewestFirstByEndpointAndStatusAndPagedWithoutSkippingTies() {
        for (int i = 1; i <= 5; i++) {
            create(delivery("d" + i, i <= 3 ? "ep1" : "ep2", "ev" + i, i <= 2 ? NOW : NOW.plusSeconds(i)));
        }
        tx(uow -> store.createDelivery(uow, new WebhookDelivery(other, "d9", "ep1", "ev9", "booking.issued", "{}",
                WebhookDelivery.Status.PENDING, 0, NOW, NOW)));
        WebhookStore.Claim claim = claimToken("worker-a", NOW.plusSeconds(5));
        record(claim, "d3", 1, WebhookDelivery.Status.DEAD, NOW);

        List<String> pages = new ArrayList<>();
        Optional<WebhookDelivery> after = Optional.empty();
        for (int page = 0; page < 5; page++) {
            List<WebhookDelivery> listed = listed(tenant, WebhookStore.DeliveryQuery.ALL, after, 2);
            if (listed.isEmpty()) {
                break;
            }
            pages.add(String.join(",", listed.stream().map(WebhookDelivery::id).toList()));
            after = Optional.of(listed.getLast());
        }
        assertThat(pages).as("newest first; d1 and d2 tie on time").containsExactly("d5,d4", "d3,d2", "d1");
        assertThat(listed(tenant, new WebhookStore.DeliveryQuery(Optional.of("ep1"), Optional.empty()),
                Optional.empty(), 10)).extracting(WebhookDelivery::id).containsExactly("d3", "d2", "d1");
        assertThat(listed(tenant, new WebhookStore.DeliveryQuery(Optional.of("ep1"),
                Optional.of(WebhookDelivery.Status.DEAD)), Optional.empty(), 10)).extracting(WebhookDelivery::id)
                .containsExactly("d3");
        assertThat(listed(other, WebhookStore.DeliveryQuery.ALL, Optional.empty(), 10))
                .as("the other tenant sees its own only").extracting(WebhookDelivery::id).containsExactly("d9");
    }

    private List<WebhookDelivery> listed(TenantId owner, WebhookStore.DeliveryQuery query,
                                         Optional<WebhookDelivery> after, int max) {
        return tx(uow -> store.deliveries(uow, owner, query, after, max));
    }

    @Test
    void deadDeliveriesArePagedByTimeThenIdWithoutSkippingTies() {
        for (int i = 1; i <= 6; i++) {
            create(delivery("d" + i, "ep1", "ev" + i, i == 6 ? NOW.plusSeconds(1) : NOW));
        }
        WebhookStore.Claim claim = claimToken("worker-a", NOW.plusSeconds(1));
        for (int i = 1; i <= 6; i++) {
            record(claim, "d" + i, 1, WebhookDelivery.Status.DEAD, NOW);
        }

        List<String> pages = new ArrayList<>();
        Optional<WebhookDelivery> after = Optional.empty();
        for (int page = 0; page < 5; page++) {
            Optional<WebhookDelivery> cursor = after;
            List<WebhookDelivery> dead = tx(uow -> store.dead(uow, tenant, NOW, NOW.plusSeconds(60), cursor, 2));
            if (dead.isEmpty()) {
                break;
            }
            pages.add(String.join(",", dead.stream().map(WebhookDelivery::id).toList()));
            after = Optional.of(dead.getLast());
        }
        assertThat(pages).containsExactly("d1,d2", "d3,d4", "d5,d6");
    }

    @Test
    void deadDeliveriesAreListedByTimeAndReplayedOnce() {
        create(delivery("d1", "ep1", "ev1", NOW));
        create(delivery("d2", "ep1", "ev2", NOW.plusSeconds(100)));
        WebhookStore.Claim claim = claimToken("worker-a", NOW.plusSeconds(100));
        record(claim, "d1", 1, WebhookDelivery.Status.DEAD, NOW);
        record(claim, "d2", 1, WebhookDelivery.Status.DEAD, NOW);

        List<WebhookDelivery> firstMinute = tx(uow -> store.dead(uow, tenant, NOW, NOW.plusSeconds(60),
                Optional.empty(), 10));
        assertThat(firstMinute).extracting(WebhookDelivery::id).containsExactly("d1");
        List<WebhookDelivery> others = tx(uow -> store.dead(uow, other, NOW, NOW.plusSeconds(600),
                Optional.empty(), 10));
        assertThat(others).isEmpty();

        assertThat(replay(tenant, "d1", NOW.plusSeconds(200))).isTrue();
        assertThat(replay(tenant, "d1", NOW.plusSeconds(200))).as("pending now").isFalse();
        assertThat(replay(other, "d2", NOW)).as("another tenant's").isFalse();
        assertThat(claim("worker-b", NOW.plusSeconds(200))).extracting(WebhookDelivery::id).containsExactly("d1");
    }
}
