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
import io.travobooks.server.http.DeferredHandler;
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

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * What every request goes through, in order: a request id, the credential (the only source of the tenant), the
 * rate limits, the operation's scopes, the contract's checks of parameters and body, the Idempotency-Key rules, the
 * maker-checker gate, the handler, the audit line and one access-log line. A {@link DeferredHandler} not held by the
 * gate is prepared before its key is claimed, and its effect starts from the claim's answer. Failures at any step
 * become problem responses here (requests no operation matches are answered by the router, in the same form).
 */
public final class Pipeline {
    /** The operations on the calling person's own account. */
    private static final String OWN_ACCOUNT = "/v1/me/";
    private static final Logger ACCESS = LoggerFactory.getLogger("io.travobooks.server.access");
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    public static final String REQUEST_ID = "X-Request-Id";
    private static final HeaderName REQUEST_ID_HEADER = HeaderNames.create(REQUEST_ID);

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
                    ApprovalGate.MakerStanding makers, ApprovalGate.HoldRule agentHolds) {
        this.credentials = credentials;
        this.checks = checks;
        this.idempotency = new IdempotentReplies(idempotency);
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
        this.failures = failures;
        this.limits = limits;
        this.audit = new RequestAudit(auditLog, auditReads, clock);
        this.approvals = new ApprovalGate(approvals, approvalPolicies, this.idempotency, makers, agentHolds);
    }

    void handle(Operation operation, Handler handler, ServerRequest request, ServerResponse response) {
        String requestId = requestId(request);
        Exchange exchange = new Exchange();
        Response answer = run(operation, handler, new HttpIncoming(request, maxBodyBytes), requestId, exchange);
        exchange.limitHeaders.forEach(response::header);
        send(response, answer, requestId);
    }

    /**
     * Runs an operation of the contract for a caller already authenticated, admitted by {@link #admit} for the
     * request that carried it, through the steps that follow: scopes, the contract's checks, the Idempotency-Key,
     * the maker-checker gate, the handler, the audit line, metrics and the access log. The transport that carried
     * it checked its size and type.
     */
    public Response invoke(String operationId, Caller caller, LocalRequest request) {
        ApprovalGate.Routed target = approvals.target(operationId);
        return run(target.operation(), target.handler(), new LocalIncoming(caller, target.operation(), request),
                newRequestId(), new Exchange());
    }

    /**
     * Answers a request made for a caller already authenticated with {@code refusal}, before any step that could
     * run or hold it, and audits it like any refused request (an AI agent's tool its mandate does not allow).
     */
    public Response refuse(String operationId, Caller caller, LocalRequest request, ApiProblem refusal) {
        ApprovalGate.Routed target = approvals.target(operationId);
        long started = System.nanoTime();
        Incoming incoming = new LocalIncoming(caller, target.operation(), request);
        String requestId = newRequestId();
        Exchange exchange = new Exchange();
        exchange.caller = Optional.of(caller);
        exchange.pathValues.putAll(request.path());
        exchange.body = request.body();
        Response answer = Problems.response(refusal, incoming.rawPath(), requestId);
        finish(target.operation(), incoming, requestId, exchange, answer, started);
        return answer;
    }

    private Response run(Operation operation, Handler handler, Incoming incoming, String requestId,
                         Exchange exchange) {
        long started = System.nanoTime();
        String path = incoming.rawPath();
        MDC.put("request_id", requestId);
        MDC.put("route", operation.operationId());
        Response answer;
        try {
            answer = answer(operation, handler, incoming, requestId, path, exchange);
        } catch (ApiProblem problem) {
            answer = Problems.response(problem, path, requestId);
        } catch (RuntimeException e) {
            LOG.error("{} failed", operation.describe(), e);
            answer = Problems.response(Problems.internal(), path, requestId);
        }
        finish(operation, incoming, requestId, exchange, answer, started);
        MDC.clear();
        return answer;
    }

    /** What follows every answer: its audit line, its metrics and its access-log line. */
    private void finish(Operation operation, Incoming incoming, String requestId, Exchange exchange, Response answer,
                        long started) {
        audit.record(operation, incoming, requestId, exchange, answer.status());
        long took = System.nanoTime() - started;
        metrics.request(operation.operationId(), operation.method(), answer.status(), took);
        ACCESS.info("{} {} {} {}ms", operation.method(), operation.pathTemplate(), answer.status(), took / 1_000_000);
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

    private Response answer(Operation operation, Handler handler, Incoming request, String requestId,
                            String path, Exchange exchange) {
        Optional<Caller> caller = operation.authenticated()
                ? Optional.of(request.knownCaller().orElseGet(() -> authenticate(request))) : Optional.empty();
        exchange.caller = caller;
        caller.ifPresent(c -> MDC.put("tenant", c.tenant().value()));
        if (caller.isPresent() && request.knownCaller().isEmpty()) {
            exchange.limitHeaders.putAll(admit(caller.get(), request.remoteAddress()));
        }
        for (String scope : operation.scopes()) {
            if (caller.isEmpty() || !caller.get().has(Scope.of(scope))) {
                throw ApiProblem.forbidden(scope);
            }
        }
        Optional<byte[]> raw = request.body();
        // A JSON null where a body is optional is no body: what generated clients send when given none.
        Optional<JsonNode> body = raw.map(Json::readBody).filter(node -> operation.bodyRequired() || !node.isNull());
        exchange.body = body;
        Map<String, String> pathValues = exchange.pathValues;
        Map<String, String> queryValues = new HashMap<>();
        List<FieldError> errors = checks.check(operation, parameter -> {
            Optional<String> value = request.parameter(parameter);
            value.ifPresent(v -> (parameter.in() == Operation.Parameter.In.PATH ? pathValues : queryValues)
                    .put(parameter.name(), v));
            return value;
        }, body);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        Call call = new Call(caller, pathValues, queryValues, body.orElse(null), raw.orElse(new byte[0]), requestId,
                request::header, request.remoteAddress());
        exchange.call = Optional.of(call);
        if (!operation.idempotent()) {
            return approvals.hold(operation, call).orElseGet(() -> Response.of(handler.handle(call)));
        }
        String key = request.header(Operation.IDEMPOTENCY_KEY).orElseThrow();
        // The path by its template and values, not as sent: the same request however its path was encoded.
        String resource = operation.pathTemplate() + " " + new String(Json.write(new TreeMap<>(pathValues)),
                StandardCharsets.UTF_8);
        if (operation.pathTemplate().startsWith(OWN_ACCOUNT)) {
            // The caller's own account: another person's request under the same key is another request (a 422),
            // never the answer given to the first.
            resource += " " + caller.map(Caller::principal).orElse("");
        }
        String fingerprint = IdempotentReplies.fingerprint(operation.operationId(), resource, body);
        if (handler instanceof DeferredHandler deferred && !approvals.wouldHold(operation, call)) {
            return runDeferred(deferred, call, key, fingerprint, path, requestId);
        }
        return idempotency.run(call.tenant(), key, fingerprint,
                () -> {
                    try {
                        return approvals.hold(operation, call).orElseGet(() -> Response.of(handler.handle(call)));
                    } catch (ApiProblem refusal) {
                        return Problems.response(refusal, path, requestId); // kept and replayed like any answer
                    }
                });
    }

    /**
     * Prepares the effect on this thread and starts it from the Idempotency-Key claim's answer. A request that fails
     * to prepare goes through the key as it would have after the claim: a refusal is kept and replayed like any
     * answer, and a failure of ours gives the key back (or a kept answer is replayed instead).
     */
    private Response runDeferred(DeferredHandler handler, Call call, String key, String fingerprint, String path,
                                 String requestId) {
        DeferredHandler.Effect<?> effect;
        try {
            effect = handler.prepare(call);
        } catch (ApiProblem refusal) {
            return idempotency.run(call.tenant(), key, fingerprint, () -> Problems.response(refusal, path, requestId));
        } catch (RuntimeException failure) {
            return idempotency.run(call.tenant(), key, fingerprint, () -> {
                throw failure;
            });
        }
        return idempotency.runDeferred(call.tenant(), key, fingerprint, effect,
                refusal -> Problems.response(refusal, path, requestId));
    }

    /**
     * Takes a permit of the caller's rate limits for one request from {@code address}; answers the limits' headers,
     * or throws the 429 problem when a limit is spent.
     */
    public Map<String, String> admit(Caller caller, String address) {
        return limits.take(caller, address);
    }

    private Caller authenticate(Incoming request) {
        return authenticate(request.header("Authorization"), request.remoteAddress());
    }

    /**
     * The caller an {@code Authorization} header names; a 401 problem without one or with one this server does not
     * know, and a 429 once {@code address} has sent too many unknown ones.
     */
    public Caller authenticate(Optional<String> authorization, String address) {
        if (authorization.isEmpty()) {
            throw ApiProblem.unauthorized(false);
        }
        Optional<Caller> caller = Bearer.token(authorization.get()).flatMap(credentials::authenticate);
        if (caller.isEmpty()) {
            failures.failed(address); // answers 429 instead once an address fails too often
            throw ApiProblem.unauthorized(true);
        }
        return caller.get();
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
    public static String newRequestId() {
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
