package io.travobooks.testkit.coordination;

import io.travobooks.spi.TenantId;
import io.travobooks.spi.idempotency.Claim;
import io.travobooks.spi.idempotency.IdempotencyOptions;
import io.travobooks.spi.idempotency.IdempotencyStore;
import io.travobooks.spi.idempotency.StoredResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract every {@link IdempotencyStore} implementation passes. */
public abstract class IdempotencyStoreContractTest extends ContractSupport {
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private static final StoredResponse CREATED = new StoredResponse(201, "{\"booking\":\"BK-1\",\"city\":\"Dhaka ঢাকা\"}");

    /** A fresh store whose keys no other test sees. */
    protected abstract IdempotencyStore idempotencyStore(IdempotencyOptions options);

    private IdempotencyStore store() {
        return track(idempotencyStore(IdempotencyOptions.DEFAULTS));
    }

    @Test
    void theFirstClaimRunsTheRequestAndLaterOnesReplayItsResponse() {
        IdempotencyStore store = store();
        Claim first = store.claim(ACME, "key-1", "fp-a");
        assertThat(first).isInstanceOf(Claim.Acquired.class);

        assertThat(store.claim(ACME, "key-1", "fp-a")).isInstanceOf(Claim.InProgress.class);
        assertThat(store.complete((Claim.Acquired) first, CREATED)).isTrue();

        assertThat(store.claim(ACME, "key-1", "fp-a")).isEqualTo(new Claim.Replay(CREATED));
        assertThat(store.claim(ACME, "key-1", "fp-a")).isEqualTo(new Claim.Replay(CREATED));
    }

    @Test
    void aResponseCompletedWithoutWaitingIsReplayedToTheNextClaim() {
        IdempotencyStore store = store();
        Claim.Acquired first = (Claim.Acquired) store.claim(ACME, "key-1", "fp-a");
        AtomicReference<String> notStored = new AtomicReference<>();

        store.completeUnawaited(first, CREATED, notStored::set);

        assertThat(store.claim(ACME, "key-1", "fp-a")).isEqualTo(new Claim.Replay(CREATED));
        assertThat(notStored).as("told it was not stored").hasValue(null);
    }

    @Test
    void completingALapsedClaimWithoutWaitingSaysItWasNotStoredAndKeepsTheNewHolders() throws Exception {
        IdempotencyStore store = track(idempotencyStore(
                new IdempotencyOptions(Duration.ofHours(1), Duration.ofMillis(150))));
        Claim.Acquired crashed = (Claim.Acquired) store.claim(ACME, "key-1", "fp-a");
        sleep(Duration.ofMillis(400));
        Claim.Acquired retry = (Claim.Acquired) store.claim(ACME, "key-1", "fp-a");
        CompletableFuture<String> notStored = new CompletableFuture<>();

        store.completeUnawaited(crashed, new StoredResponse(500, "late"), notStored::complete);

        assertThat(notStored.get(5, TimeUnit.SECONDS)).isEqualTo(IdempotencyStore.LAPSED);
        assertThat(store.claim(ACME, "key-1", "fp-a")).isInstanceOf(Claim.InProgress.class);
        assertThat(store.complete(retry, CREATED)).isTrue();
    }

    @Test
    void anAsyncClaimAnswersAsAClaimDoes() throws Exception {
        IdempotencyStore store = store();
        Claim first = store.claimAsync(ACME, "key-1", "fp-a").get(5, TimeUnit.SECONDS);
        assertThat(first).isInstanceOf(Claim.Acquired.class);

        assertThat(store.claimAsync(ACME, "key-1", "fp-a").get(5, TimeUnit.SECONDS))
                .isInstanceOf(Claim.InProgress.class);
        assertThat(store.claimAsync(ACME, "key-1", "fp-b").get(5, TimeUnit.SECONDS))
                .isInstanceOf(Claim.Mismatch.class);
        assertThat(store.complete((Claim.Acquired) first, CREATED)).isTrue();
        assertThat(store.claimAsync(ACME, "key-1", "fp-a").get(5, TimeUnit.SECONDS))
                .isEqualTo(new Claim.Replay(CREATED));
        assertThat(store.claim(ACME, "key-1", "fp-b")).isInstanceOf(Claim.Mismatch.class);
    }

    @Test
    void aDifferentFingerprintIsAMismatchWhileRunningAndAfterwards() {
        IdempotencyStore store = store();
        Claim.Acquired first = (Claim.Acquired) store.claim(ACME, "key-1", "fp-a");

        assertThat(store.claim(ACME, "key-1", "fp-b")).isInstanceOf(Claim.Mismatch.class);
        store.complete(first, CREATED);
        assertThat(store.claim(ACME, "key-1", "fp-b")).isInstanceOf(Claim.Mismatch.class);
        assertThat(store.claim(ACME, "key-1", "fp-a")).isEqualTo(new Claim.Replay(CREATED));
    }

    @Test
    void aReleasedClaimLetsTheNextCallerRunTheRequest() {
        IdempotencyStore store = store();
        Claim.Acquired first = (Claim.Acquired) store.claim(ACME, "key-1", "fp-a");

        store.release(first);

        assertThat(store.claim(ACME, "key-1", "fp-a")).isInstanceOf(Claim.Acquired.class);
    }

    @Test
    void keysBelongToOneTenant() {
        IdempotencyStore store = store();
        Claim.Acquired acme = (Claim.Acquired) store.claim(ACME, "key-1", "fp-a");
        store.complete(acme, CREATED);

        assertThat(store.claim(GLOBEX, "key-1", "fp-other")).isInstanceOf(Claim.Acquired.class);
    }

    @Test
    void aClaimWhoseHolderVanishedLapsesAndTheLateHolderCannotCompleteIt() {
        IdempotencyStore store = track(idempotencyStore(
                new IdempotencyOptions(Duration.ofHours(1), Duration.ofMillis(150))));
        Claim.Acquired crashed = (Claim.Acquired) store.claim(ACME, "key-1", "fp-a");
        sleep(Duration.ofMillis(400));

        Claim.Acquired retry = (Claim.Acquired) store.claim(ACME, "key-1", "fp-a");

        assertThat(store.complete(crashed, new StoredResponse(500, "late"))).isFalse();
        assertThat(store.complete(retry, CREATED)).isTrue();
        assertThat(store.claim(ACME, "key-1", "fp-a")).isEqualTo(new Claim.Replay(CREATED));
    }

    @Test
    void aCompletedRecordExpiresAfterItsTtl() {
        IdempotencyStore store = track(idempotencyStore(
                new IdempotencyOptions(Duration.ofMillis(200), Duration.ofSeconds(30))));
        store.complete((Claim.Acquired) store.claim(ACME, "key-1", "fp-a"), CREATED);
        assertThat(store.claim(ACME, "key-1", "fp-a")).isInstanceOf(Claim.Replay.class);

        sleep(Duration.ofMillis(450));

        assertThat(store.claim(ACME, "key-1", "fp-b")).isInstanceOf(Claim.Acquired.class);
    }

    @Test
    void aThousandConcurrentRequestsWithOneKeyRunItOnce() throws Exception {
        IdempotencyStore store = store();
        int requests = 1_000;
        AtomicInteger executions = new AtomicInteger();
        AtomicInteger replays = new AtomicInteger();
        AtomicInteger inProgress = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            boolean asynchronously = i % 2 == 0; // every other caller claims with claimAsync
            callers.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                Claim claim = asynchronously
                        ? store.claimAsync(ACME, "pay-once", "fp-a").join() : store.claim(ACME, "pay-once", "fp-a");
                switch (claim) {
                    case Claim.Acquired acquired -> {
                        executions.incrementAndGet();
                        sleep(Duration.ofMillis(50)); // the request's work, while others arrive
                        store.complete(acquired, CREATED);
                    }
                    case Claim.Replay replay -> {
                        assertThat(replay.response()).isEqualTo(CREATED);
                        replays.incrementAndGet();
                    }
                    case Claim.InProgress ignored -> inProgress.incrementAndGet();
                    case Claim.Mismatch ignored -> other.incrementAndGet();
                }
            }));
        }
        start.countDown();
        for (Thread caller : callers) {
            caller.join();
        }

        assertThat(executions.get()).isEqualTo(1);
        assertThat(other.get()).isZero();
        assertThat(replays.get() + inProgress.get()).isEqualTo(requests - 1);
        assertThat(inProgress.get()).as("requests that arrived while it ran").isPositive();
    }
}
