package io.travobooks.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.travobooks.identity.approval.Approvals;
import io.travobooks.server.approvals.ApprovalPolicyStore;
import io.travobooks.server.audit.AuditLog;
import io.travobooks.server.auth.Credentials;
import io.travobooks.server.auth.Bearer;
import io.travobooks.server.auth.Caller;
import io.travobooks.server.auth.Scope;
import io.travobooks.server.contract.Operation;
import io.travobooks.server.contract.RequestChecks;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Call;
import io.travobooks.server.http.FieldError;
import io.travobooks.server.http.Handler;
import io.travobooks.server.http.Json;
import io.travobooks.server.http.Problems;
import io.travobooks.server.http.Response;
import io.travobooks.server.runtime.Metrics;
import io.travobooks.spi.idempotency.IdempotencyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * What every request goes through, in order: a request id, the credential (the only source of the tenant), the
 * rate limits, the operation's scopes, the contract's checks of parameters and body, the Idempotency-Key rules, the
 * maker-checker gate, the handler, the audit line and one access-log line. Failures at any step become problem
 * responses here (requests no operation matches are answered by the router, in the same form).
 */
public final class Pipeline {
    private static final Logger ACCESS = LoggerFactory.getLogger("io.travobooks.server.access");
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    public static final String REQUEST_ID = "X-Request-Id";
    private static final HeaderName REQUEST_ID_HEADER = HeaderNames.create(REQUEST_ID);
    static final HeaderName IDEMPOTENCY_KEY_HEADER = HeaderNames.create(Operation.IDEMPOTENCY_KEY);

    private final Credentials credentials;
    private final RequestChecks checks;
    private final IdempotentReplies idempotency;
    private final long maxBodyBytes;
    private final Metrics metrics;
    private final FailedAuthentications failures;
    private final RequestLimits limits;
    private final RequestAudit audit;
    private final ApprovalGate approvals;

    public Pipeline(Credentials credentials, RequestChecks checks, IdempotencyStore idempotency, long maxBodyBytes,
                    Metrics metrics, FailedAuthentications failures, RequestLimits limits, AuditLog auditLog,
                    boolean auditReads, Clock clock, Approvals approvals, ApprovalPolicyStore approvalPolicies,
                    ApprovalGate.MakerStanding makers) {
        this.credentials = credentials;
        this.checks = checks;
        this.idempotency = new IdempotentReplies(idempotency);
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
        this.failures = failures;
        this.limits = limits;
        this.audit = new RequestAudit(auditLog, auditReads, clock);
        this.approvals = new ApprovalGate(approvals, approvalPolicies, this.idempotency, makers);
    }

    void handle(Operation operation, Handler handler, ServerRequest request, ServerResponse response) {
        long started = System.nanoTime();
        String requestId = requestId(request);
        String path = request.path().rawPath();
        MDC.put("request_id", requestId);
        MDC.put("route", operation.operationId());
        Response answer;
        Exchange exchange = new Exchange();
        try {
            answer = answer(operation, handler, request, requestId, path, exchange);
        } catch (ApiProblem problem) {
            answer = Problems.response(problem, path, requestId);
        } catch (RuntimeException e) {
            LOG.error("{} failed", operation.describe(), e);
            answer = Problems.response(Problems.internal(), path, requestId);
        }
        audit.record(operation, request, requestId, exchange, answer.status());
        exchange.limitHeaders.forEach(response::header);
        send(response, answer, requestId);
        long took = System.nanoTime() - started;
        metrics.request(operation.operationId(), operation.method(), answer.status(), took);
        ACCESS.info("{} {} {} {}ms", operation.method(), operation.pathTemplate(), answer.status(), took / 1_000_000);
        MDC.clear();
    }

    /** The maker-checker gate: it runs approved requests through the handlers routed here. */
    public ApprovalGate approvals() {
        return approvals;
    }

    /** Called by the router for every operation it routes here. */
    void routed(Operation operation, Handler handler) {
        approvals.routed(operation, handler);
    }

    /** An answer outside any operation (no route, wrong method), in the same problem form. */
    static void sendProblem(ApiProblem problem, ServerRequest request, ServerResponse response) {
        String requestId = requestId(request);
        send(response, Problems.response(problem, request.path().rawPath(), requestId), requestId);
    }

    private Response answer(Operation operation, Handler handler, ServerRequest request, String requestId,
                            String path, Exchange exchange) {
        Optional<Caller> caller = operation.authenticated() ? Optional.of(authenticate(request)) : Optional.empty();
        exchange.caller = caller;
        caller.ifPresent(c -> MDC.put("tenant", c.tenant().value()));
        if (caller.isPresent()) {
            exchange.limitHeaders.putAll(limits.take(caller.get(), request.remotePeer().host()));
        }
        for (String scope : operation.scopes()) {
            if (caller.isEmpty() || !caller.get().has(Scope.of(scope))) {
                throw ApiProblem.forbidden(scope);
            }
        }
        Optional<byte[]> raw = body(request);
        Optional<JsonNode> body = raw.map(Json::readBody);
        exchange.body = body;
        Map<String, String> pathValues = exchange.pathValues;
        Map<String, String> queryValues = new HashMap<>();
        List<FieldError> errors = checks.check(operation, parameter -> {
            Optional<String> value = value(request, parameter);
            value.ifPresent(v -> (parameter.in() == Operation.Parameter.In.PATH ? pathValues : queryValues)
                    .put(parameter.name(), v));
            return value;
        }, body);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        Call call = new Call(caller, pathValues, queryValues, body.orElse(null), raw.orElse(new byte[0]), requestId,
                name -> request.headers().first(HeaderNames.create(name)), request.remotePeer().host());
        exchange.call = Optional.of(call);
        if (!operation.idempotent()) {
            return approvals.hold(operation, call).orElseGet(() -> Response.of(handler.handle(call)));
        }
        String key = request.headers().first(IDEMPOTENCY_KEY_HEADER).orElseThrow();
        return idempotency.run(call.tenant(), key, IdempotentReplies.fingerprint(operation.operationId(), path, body),
                () -> {
                    try {
                        return approvals.hold(operation, call).orElseGet(() -> Response.of(handler.handle(call)));
                    } catch (ApiProblem refusal) {
                        return Problems.response(refusal, path, requestId); // kept and replayed like any answer
                    }
                });
    }

    private Caller authenticate(ServerRequest request) {
        Optional<String> header = request.headers().first(HeaderNames.AUTHORIZATION);
        if (header.isEmpty()) {
            throw ApiProblem.unauthorized(false);
        }
        Optional<Caller> caller = Bearer.token(header.get()).flatMap(credentials::authenticate);
        if (caller.isEmpty()) {
            failures.failed(request.remotePeer().host()); // answers 429 instead once an address fails too often
            throw ApiProblem.unauthorized(true);
        }
        return caller.get();
    }

    /** The body's bytes, within the size limit and declared as JSON; empty without one. */
    private Optional<byte[]> body(ServerRequest request) {
        if (!request.content().hasEntity()) {
            return Optional.empty();
        }
        if (request.headers().contentLength().orElse(0) > maxBodyBytes) {
            throw new ApiProblem(413, "BODY_TOO_LARGE", "Body too large", "bodies are limited to " + maxBodyBytes
                    + " bytes");
        }
        String type = request.headers().contentType().map(t -> t.mediaType().text()).orElse("");
        if (!type.toLowerCase(Locale.ROOT).equals(Response.JSON)) {
            throw new ApiProblem(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type",
                    "send the body as application/json");
        }
        byte[] bytes = readBody(request);
        if (bytes.length > maxBodyBytes) {
            throw new ApiProblem(413, "BODY_TOO_LARGE", "Body too large", "bodies are limited to " + maxBodyBytes
                    + " bytes");
        }
        return bytes.length == 0 ? Optional.empty() : Optional.of(bytes);
    }

    /** Reads a body of a declared length into an array of that length, not through growing buffers. */
    private byte[] readBody(ServerRequest request) {
        OptionalLong declared = request.headers().contentLength();
        if (declared.isEmpty()) {
            return request.content().as(byte[].class);
        }
        byte[] body = new byte[(int) declared.getAsLong()]; // at most maxBodyBytes: checked before
        try (InputStream in = request.content().inputStream()) {
            int read = in.readNBytes(body, 0, body.length);
            return read == body.length ? body : Arrays.copyOf(body, read);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> value(ServerRequest request, Operation.Parameter parameter) {
        return switch (parameter.in()) {
            case PATH -> Optional.ofNullable(request.path().pathParameters().first(parameter.name()).orElse(null));
            case QUERY -> request.query().first(parameter.name()).asOptional();
            case HEADER -> request.headers().first(HeaderNames.create(parameter.name()));
        };
    }

    private static String requestId(ServerRequest request) {
        return request.headers().first(REQUEST_ID_HEADER)
                .filter(id -> SAFE_REQUEST_ID.matcher(id).matches())
                .orElseGet(Pipeline::newRequestId);
    }

    /**
     * A random version-4 UUID from a per-thread generator: a request id names a request in logs and is no secret, so
     * it need not cost a read of the system's secure random source on every request.
     */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & ~(0xCL << 60) | (0x8L << 60);
        return new UUID(high, low).toString();
    }

    private static void send(ServerResponse response, Response answer, String requestId) {
        response.status(answer.status());
        response.header(HeaderNames.CONTENT_TYPE, answer.contentType());
        response.header(REQUEST_ID_HEADER, requestId);
        answer.headers().forEach(response::header);
        response.send(answer.body());
    }
}
