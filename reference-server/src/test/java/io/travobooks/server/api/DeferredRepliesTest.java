package io.travobooks.server.api;

import io.travobooks.embedded.EmbeddedIdempotencyStore;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.DeferredHandler;
import io.travobooks.server.http.Reply;
import io.travobooks.server.http.Response;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.idempotency.Claim;
import io.travobooks.spi.idempotency.IdempotencyOptions;
import io.travobooks.spi.idempotency.IdempotencyStore;
import io.travobooks.spi.idempotency.StoredResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Effects started from the Idempotency-Key claim's answer, under the same rules as requests run after it. */
class DeferredRepliesTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final String STORE_THREAD = "store-answers";

    private final ExecutorService answers = Executors.newSingleThreadExecutor(task -> new Thread(task, STORE_THREAD));
    private final IdempotencyStore embedded = new EmbeddedIdempotencyStore(IdempotencyOptions.DEFAULTS);
    /** The embedded store, answering claims on a thread of its own as a networked store does. */
    private final IdempotencyStore store = new AnsweringElsewhere(embedded, answers);
    private final IdempotentReplies replies = new IdempotentReplies(store);

    @AfterEach
    void stop() {
        answers.shutdownNow();
    }

    private static Response refused(ApiProblem problem) {
        return Response.of(Reply.of(problem.status(), Map.of("code", problem.code())));
    }

    @Test
    void theEffectStartsOnTheThreadThatAnswersTheClaimAndItsAnswerIsKept() {
        AtomicReference<String> startedOn = new AtomicReference<>();
        AtomicReference<String> repliedOn = new AtomicReference<>();
        AtomicInteger runs = new AtomicInteger();
        ExecutorService writer = Executors.newSingleThreadExecutor(task -> new Thread(task, "writer"));
        // The outcome comes later, from a third thread, as a ledger's commit does.
        DeferredHandler.Effect<String> effect = new DeferredHandler.Effect<>(() -> {
            startedOn.set(Thread.currentThread().getName());
            runs.incrementAndGet();
            return CompletableFuture.supplyAsync(() -> "posted", writer);
        }, outcome -> {
            repliedOn.set(Thread.currentThread().getName());
            return Reply.of(201, Map.of("result", outcome));
        });

        Response first = replies.runDeferred(ACME, "key-1", "fp-a", effect, DeferredRepliesTest::refused);
        Response again = replies.runDeferred(ACME, "key-1", "fp-a", effect, DeferredRepliesTest::refused);
        writer.shutdownNow();

        assertThat(startedOn).hasValue(STORE_THREAD);
        assertThat(repliedOn).as("the reply is made on the request's thread").hasValue(Thread.currentThread()
                .getName());
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.headers()).containsEntry("Idempotent-Replayed", "true");
        assertThat(again.replayText()).isEqualTo(first.replayText()).contains("posted");
        assertThat(runs).hasValue(1);
    }

    @Test
    void aClaimThatIsNotThisRequestsOwnStartsNothing() {
        AtomicInteger runs = new AtomicInteger();
        DeferredHandler.Effect<String> effect = counted(runs);
        Claim.Acquired running = (Claim.Acquired) embedded.claim(ACME, "key-1", "fp-a");

        assertThatThrownBy(() -> replies.runDeferred(ACME, "key-1", "fp-a", effect, DeferredRepliesTest::refused))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.status()).isEqualTo(409));
        assertThatThrownBy(() -> replies.runDeferred(ACME, "key-1", "fp-b", effect, DeferredRepliesTest::refused))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.status()).isEqualTo(422));
        assertThat(runs).hasValue(0);
        assertThat(embedded.complete(running, new StoredResponse(201, "{}"))).isTrue();
    }

    @Test
    void aRefusalInTheReplyIsKeptAndReplayed() {
        DeferredHandler.Effect<String> effect = new DeferredHandler.Effect<>(
                () -> CompletableFuture.completedFuture("refused"), outcome -> {
                    throw ApiProblem.invalid("/lines", "do not balance");
                });

        assertTheRefusalIsKept(effect);
    }

    @Test
    void anEffectThatFailsOrDoesNotStartGivesTheKeyBack() {
        List<DeferredHandler.Effect<String>> failing = List.of(
                new DeferredHandler.Effect<>(() -> CompletableFuture.failedFuture(new IllegalStateException("db down")),
                        outcome -> Reply.of(201, Map.of())),
                new DeferredHandler.Effect<>(() -> {
                    throw new StackOverflowError("an Error, not an exception");
                }, outcome -> Reply.of(201, Map.of())),
                new DeferredHandler.Effect<>(() -> null, outcome -> Reply.of(201, Map.of())));
        for (int i = 0; i < failing.size(); i++) {
            String key = "key-" + i;
            DeferredHandler.Effect<String> effect = failing.get(i);

            assertThatThrownBy(() -> replies.runDeferred(ACME, key, "fp-a", effect, DeferredRepliesTest::refused))
                    .isInstanceOf(RuntimeException.class);

            assertThat(embedded.claim(ACME, key, "fp-a")).as(key).isInstanceOf(Claim.Acquired.class);
        }
    }

    @Test
    void aRefusalAsTheEffectsFailureIsKeptAndReplayedToo() {
        DeferredHandler.Effect<String> effect = new DeferredHandler.Effect<>(
                () -> CompletableFuture.failedFuture(ApiProblem.invalid("/id", "taken")),
                outcome -> Reply.of(201, Map.of()));

        assertTheRefusalIsKept(effect);
    }

    @Test
    void aClaimTheStoreFailsToAnswerStartsNothing() {
        AtomicInteger runs = new AtomicInteger();
        DeferredHandler.Effect<String> effect = counted(runs);
        IdempotentReplies unreachable = new IdempotentReplies(new AnsweringElsewhere(embedded, answers) {
            @Override
            public CompletableFuture<Claim> claimAsync(TenantId tenant, String key, String fingerprint) {
                return CompletableFuture.failedFuture(new IllegalStateException("Redis is unreachable"));
            }
        });

        assertThatThrownBy(() -> unreachable.runDeferred(ACME, "key-1", "fp-a", effect, DeferredRepliesTest::refused))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unreachable");
        assertThat(runs).hasValue(0);
    }

    @Test
    void anAnswerOfOursThatFailsGivesTheKeyBack() {
        DeferredHandler.Effect<String> effect = new DeferredHandler.Effect<>(
                () -> CompletableFuture.completedFuture("x"), outcome -> Reply.of(503, Map.of("code", "DOWN")));

        assertThat(replies.runDeferred(ACME, "key-1", "fp-a", effect, DeferredRepliesTest::refused).status())
                .isEqualTo(503);

        assertThat(embedded.claim(ACME, "key-1", "fp-a")).isInstanceOf(Claim.Acquired.class);
    }

    /** An effect that posts at once and counts its starts. */
    private static DeferredHandler.Effect<String> counted(AtomicInteger runs) {
        return new DeferredHandler.Effect<>(() -> {
            runs.incrementAndGet();
            return CompletableFuture.completedFuture("posted");
        }, outcome -> Reply.of(201, Map.of("result", outcome)));
    }

    /** The effect's 400 refusal is answered, and kept as the key's answer. */
    private void assertTheRefusalIsKept(DeferredHandler.Effect<String> effect) {
        Response first = replies.runDeferred(ACME, "key-1", "fp-a", effect, DeferredRepliesTest::refused);

        assertThat(first.status()).isEqualTo(400);
        assertThat(embedded.claim(ACME, "key-1", "fp-a")).isEqualTo(
                new Claim.Replay(new StoredResponse(400, first.replayText())));
    }

    /** A store answering claims on another thread; everything else as the store it wraps. */
    private static class AnsweringElsewhere implements IdempotencyStore {
        private final IdempotencyStore store;
        private final ExecutorService thread;

        AnsweringElsewhere(IdempotencyStore store, ExecutorService thread) {
            this.store = store;
            this.thread = thread;
        }

        @Override
        public Claim claim(TenantId tenant, String key, String fingerprint) {
            return store.claim(tenant, key, fingerprint);
        }

        /** Answered on the store's thread once the caller has chained to it, as a reply over a network would be. */
        @Override
        public CompletableFuture<Claim> claimAsync(TenantId tenant, String key, String fingerprint) {
            CompletableFuture<Claim> answer = new CompletableFuture<>();
            thread.execute(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (answer.getNumberOfDependents() == 0 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                try {
                    answer.complete(store.claim(tenant, key, fingerprint));
                } catch (RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            });
            return answer;
        }

        @Override
        public boolean complete(Claim.Acquired claim, StoredResponse response) {
            return store.complete(claim, response);
        }

        @Override
        public void completeUnawaited(Claim.Acquired claim, StoredResponse response, Consumer<String> notStored) {
            store.completeUnawaited(claim, response, notStored);
        }

        @Override
        public void release(Claim.Acquired claim) {
            store.release(claim);
        }
    }
}
