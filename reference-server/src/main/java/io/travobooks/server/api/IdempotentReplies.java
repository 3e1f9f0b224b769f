package io.travobooks.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.DeferredHandler;
import io.travobooks.server.http.Json;
import io.travobooks.server.http.Response;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.idempotency.Claim;
import io.travobooks.spi.idempotency.IdempotencyStore;
import io.travobooks.spi.idempotency.StoredResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Idempotency-Key rules: one key space per tenant shared by every operation that takes a key; the first request
 * runs, a retry with the same request gets the stored answer, the same key for another request is refused. What
 * counts as "the same request" is the fingerprint: operation, path and the body's canonical JSON.
 */
final class IdempotentReplies {
    private static final Logger LOG = LoggerFactory.getLogger(IdempotentReplies.class);

    private final IdempotencyStore store;

    IdempotentReplies(IdempotencyStore store) {
        this.store = store;
    }

    Response run(TenantId tenant, String key, String fingerprint, Supplier<Response> request) {
        return switch (store.claim(tenant, key, fingerprint)) {
            case Claim.Acquired acquired -> runClaimed(acquired, request);
            case Claim other -> notRun(other);
        };
    }

    /**
     * As {@link #run}, for a prepared effect: it starts from the claim's answer when the claim is this request's
     * own, and this thread waits once, for the effect's outcome. {@code refused} answers a refusal the effect fails
     * with or its reply throws.
     */
    <T> Response runDeferred(TenantId tenant, String key, String fingerprint, DeferredHandler.Effect<T> effect,
                             Function<ApiProblem, Response> refused) {
        Started<T> started = DeferredHandler.Effect.join(store.claimAsync(tenant, key, fingerprint)
                .thenCompose(claim -> claim instanceof Claim.Acquired
                        ? start(effect).handle((outcome, failure) -> new Started<>(claim, outcome, failure))
                        : CompletableFuture.completedFuture(new Started<T>(claim, null, null))));
        if (!(started.claim() instanceof Claim.Acquired acquired)) {
            return notRun(started.claim());
        }
        return runClaimed(acquired, () -> {
            try {
                if (started.failure() != null) {
                    throw DeferredHandler.Effect.asRuntime(started.failure());
                }
                return Response.of(effect.reply().apply(started.outcome()));
            } catch (ApiProblem refusal) {
                return refused.apply(refusal); // kept and replayed, as a refusal after a claim always is
            }
        });
    }

    /** A claim answered, and for a claim of this request's own, its effect's outcome or failure. */
    private record Started<T>(Claim claim, T outcome, Throwable failure) {
    }

    /** Starts the effect; whatever it throws (an Error too) becomes its failure, so that the key is released. */
    private static <T> CompletableFuture<T> start(DeferredHandler.Effect<T> effect) {
        try {
            CompletableFuture<T> started = effect.start().get();
            return started != null ? started
                    : CompletableFuture.failedFuture(new IllegalStateException("the effect did not start"));
        } catch (Throwable failure) {
            return CompletableFuture.failedFuture(failure);
        }
    }

    /** The answer to a request whose claim was not its own: the kept answer, or why it cannot run now. */
    private static Response notRun(Claim claim) {
        return switch (claim) {
            case Claim.Replay replay -> Response.replayed(replay.response().status(), replay.response().body());
            // Retry-After tells clients that sending the same request again is the way out
            case Claim.InProgress ignored -> throw new ApiProblem(409, "IDEMPOTENCY_KEY_IN_USE", "Conflict",
                    "a request with this Idempotency-Key is still running; retry it later", List.of(),
                    Map.of("Retry-After", "1"));
            case Claim.Mismatch ignored -> throw new ApiProblem(422, "IDEMPOTENCY_KEY_REUSED", "Idempotency-Key reused",
                    "this Idempotency-Key was used for a different request");
            case Claim.Acquired ignored -> throw new IllegalStateException("a claim of this request's own runs it");
        };
    }

    private Response runClaimed(Claim.Acquired claim, Supplier<Response> request) {
        Response response;
        try {
            response = request.get();
        } catch (RuntimeException e) {
            store.release(claim);
            throw e;
        }
        if (response.status() >= 500) {
            store.release(claim); // the client may retry a failure of ours
        } else {
            // Sent before the answer, so that a retry that follows the answer finds it; not awaited, which would
            // hold every answer for one more round trip to the store.
            Map<String, String> logContext = MDC.getCopyOfContextMap(); // the callback may run on the store's thread
            store.completeUnawaited(claim, new StoredResponse(response.status(), response.replayText()), why -> {
                Map<String, String> callers = MDC.getCopyOfContextMap();
                MDC.setContextMap(logContext == null ? Map.of() : logContext);
                LOG.warn("the answer to the request with Idempotency-Key {} was not kept, so a retry may run it "
                        + "again: {}", claim.key(), why);
                MDC.setContextMap(callers == null ? Map.of() : callers);
            });
        }
        return response;
    }

    /** The SHA-256 of "operation resource", a newline and the body's canonical JSON, streamed into the digest. */
    static String fingerprint(String operationId, String resource, Optional<JsonNode> body) {
        MessageDigest digest = sha256();
        digest.update((operationId + " " + resource + "\n").getBytes(StandardCharsets.UTF_8));
        body.map(IdempotentReplies::withoutPasswords).ifPresent(json -> Json.writeCanonical(json,
                new DigestOutputStream(OutputStream.nullOutputStream(), digest)));
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The body without its passwords (top-level fields named {@code password} or {@code ..._password}): the
     * fingerprint is kept with the key, and a fast hash of a password is a password an attacker can guess offline.
     * A retry with the same key is the same request whatever password it carries.
     */
    static JsonNode withoutPasswords(JsonNode body) {
        if (!(body instanceof ObjectNode object)) {
            return body;
        }
        List<String> passwords = new ArrayList<>();
        object.fieldNames().forEachRemaining(name -> {
            if (isPassword(name)) {
                passwords.add(name);
            }
        });
        if (passwords.isEmpty()) {
            return body;
        }
        ObjectNode copy = object.deepCopy();
        copy.remove(passwords);
        return copy;
    }

    static boolean isPassword(String field) {
        return field.equals("password") || field.endsWith("_password");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
