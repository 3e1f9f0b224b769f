package io.travobooks.server.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.travobooks.identity.approval.Approvals;
import io.travobooks.server.approvals.ApprovalPolicyStore;
import io.travobooks.server.approvals.ApprovalView;
import io.travobooks.server.auth.ApiKeySecret;
import io.travobooks.server.auth.Caller;
import io.travobooks.server.auth.Role;
import io.travobooks.server.auth.Scope;
import io.travobooks.server.contract.Operation;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Call;
import io.travobooks.server.http.Handler;
import io.travobooks.server.http.Json;
import io.travobooks.server.http.Problems;
import io.travobooks.server.http.Reply;
import io.travobooks.server.http.Response;
import io.travobooks.spi.Money;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.approval.ApprovalRecord;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maker-checker in the request path. An operation the tenant's policy names (always, or above an amount), or that
 * an AI agent's mandate holds ({@link HoldRule}), is not run: its exact request (path, query and body, and who made
 * it with what scopes) is held as a pending approval, and the maker is answered 202 with the approval and its
 * payload's hash. Once a different person approves that hash,
 * {@link #execute} runs the held request as the maker made it, under an Idempotency-Key made from the approval's id,
 * so that approving again (or two checkers at once) runs it once and answers the same.
 */
public final class ApprovalGate {
    /**
     * The operations a policy can hold: every way to post to the ledger by hand, refunds, period closes, keys and
     * personal tokens (only those that can change something), posting rules and webhook endpoints. Journal
     * entries, batches and reservations are measured by their debits; the others have no amount here, so a rule
     * with a threshold holds them always.
     */
    public static final Set<String> GATEABLE = Set.of("postJournalEntry", "postJournalBatch", "reservePendingEntry",
            "reverseJournalEntry", "confirmRefund", "closePeriod", "closeYear", "createApiKey", "createMyToken",
            "putPostingRules", "registerWebhookEndpoint", "updateWebhookEndpoint");
    /** Operations that make a key: held only when the key can change something. */
    private static final Set<String> MAKE_KEYS = Set.of("createApiKey", "createMyToken");
    /**
     * How long after its decision an approved request's answer is surely kept (the Idempotency-Key store keeps
     * answers a day): within it, a missing answer means the run did not finish.
     */
    static final Duration RESULT_KEPT = Duration.ofHours(23);
    /** Headers a held request keeps, to run as it was sent. */
    private static final List<String> KEPT_HEADERS = List.of("If-Match");

    private final Approvals approvals;
    private final ApprovalPolicyStore policies;
    private final IdempotentReplies replies;
    private final MakerStanding standing;
    private final HoldRule agentHolds;
    private final Map<String, Routed> routed = new ConcurrentHashMap<>();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };

    /** An operation the router routed, with its handler. */
    record Routed(Operation operation, Handler handler) {
    }

    /** Requests held for approval beyond the tenant's policy: an AI agent's issue above its mandate's threshold. */
    @FunctionalInterface
    public interface HoldRule {
        HoldRule NONE = (operationId, call) -> false;

        boolean holds(String operationId, Call call);
    }

    /** What the maker of a held request may do now: their current scopes (none when disabled or revoked). */
    @FunctionalInterface
    public interface MakerStanding {
        Set<Scope> scopesNow(TenantId tenant, Caller.Kind kind, String id);
    }

    ApprovalGate(Approvals approvals, ApprovalPolicyStore policies, IdempotentReplies replies,
                 MakerStanding standing, HoldRule agentHolds) {
        this.approvals = approvals;
        this.policies = policies;
        this.replies = replies;
        this.standing = standing;
        this.agentHolds = agentHolds;
    }

    void routed(Operation operation, Handler handler) {
        routed.put(operation.operationId(), new Routed(operation, handler));
    }

    /** The operation routed under {@code operationId}, with its handler. */
    Routed target(String operationId) {
        Routed target = routed.get(operationId);
        if (target == null) {
            throw new IllegalArgumentException("no operation " + operationId + " is routed here");
        }
        return target;
    }

    /** Whether {@link #hold} would hold this request rather than let it run. */
    boolean wouldHold(Operation operation, Call call) {
        return holding(operation.operationId(), call).isPresent();
    }

    /** The answer instead of running the operation (202 and the pending approval), when the policy holds it. */
    Optional<Response> hold(Operation operation, Call call) {
        String id = operation.operationId();
        Optional<Holding> holding = holding(id, call);
        if (holding.isEmpty()) {
            return Optional.empty();
        }
        if (holding.get().byAgentRule()) {
            call.audit().put("mandate", "held for a person's approval");
        }
        ApprovalPolicyStore.PolicyView policy = holding.get().policy();
        Outcome<ApprovalRecord> held = approvals.request(call.tenant(), "apr_" + ApiKeySecret.randomBase62(16), id,
                envelope(call), call.caller().principal(), policy.policy());
        return switch (held) {
            case Outcome.Ok<ApprovalRecord> ok -> Optional.of(Response.of(Reply.of(202,
                    ApprovalView.of(ok.value(), ok.value().requestedAt()))));
            case Outcome.Refused<ApprovalRecord> refused -> throw ApiProblem.refused(refused.rejection());
        };
    }

    /** Why a request is held: by an AI agent's mandate or not, and the policy it was decided under. */
    private record Holding(boolean byAgentRule, ApprovalPolicyStore.PolicyView policy) {
    }

    /** The one decision whether a request is held; empty when it runs. */
    private Optional<Holding> holding(String id, Call call) {
        boolean byAgentRule = agentHolds.holds(id, call);
        if (!GATEABLE.contains(id) && !byAgentRule) {
            return Optional.empty();
        }
        ApprovalPolicyStore.PolicyView policy = policies.of(call.tenant());
        boolean byPolicy = GATEABLE.contains(id) && (MAKE_KEYS.contains(id)
                // A personal token is a key: a rule for either holds both, and holds what could change something.
                ? policy.rules().stream().anyMatch(rule -> MAKE_KEYS.contains(rule.operation()))
                        && changesSomething(call.body()) && !refusedAnyway(id, call)
                : policy.rules().stream().anyMatch(rule -> rule.operation().equals(id))
                        && policy.policy().requiresApproval(id, amount(id, call.body())));
        return byPolicy || byAgentRule ? Optional.of(new Holding(byAgentRule, policy)) : Optional.empty();
    }

    /**
     * Runs an approved request as its maker made it, with the scopes they had then and still have, once; answers
     * what it answered (without a secret it made: what a retry would get). A repeat gets the kept answer. A run that
     * did not finish (it failed, or the node stopped) leaves no answer and runs on the next approval; past the time
     * answers are kept ({@link #RESULT_KEPT} after the decision) a missing answer may mean it ran, so it is not run
     * again and the approver is told so.
     */
    public Response execute(ApprovalRecord approved, Instant now, String requestId) {
        Routed target = routed.get(approved.operation());
        JsonNode envelope = Json.readBody(approved.payload().getBytes(StandardCharsets.UTF_8));
        JsonNode maker = envelope.get("maker");
        Caller.Kind kind = Caller.Kind.valueOf(maker.get("kind").asText());
        String makerId = maker.get("id").asText();
        Set<Scope> scopes = new HashSet<>();
        maker.get("scopes").forEach(scope -> scopes.add(Scope.of(scope.asText())));
        scopes.retainAll(standing.scopesNow(approved.tenant(), kind, makerId));
        Caller caller = new Caller(approved.tenant(), kind, makerId,
                Optional.ofNullable(maker.get("role")).map(JsonNode::asText).map(role -> Role.named(role, scopes)),
                scopes,
                approved.maker());
        Map<String, String> path = Json.MAPPER.convertValue(envelope.get("path"), STRING_MAP);
        Map<String, String> query = Json.MAPPER.convertValue(envelope.get("query"), STRING_MAP);
        Map<String, String> headers = envelope.has("headers")
                ? Json.MAPPER.convertValue(envelope.get("headers"), STRING_MAP) : Map.of();
        JsonNode body = envelope.get("body").isNull() ? null : envelope.get("body");
        // A space: no client's Idempotency-Key can be this one. The handler sees it too (an issue keys the airline's
        // request with it), so the approved run is one request wherever it is retried.
        String key = "approval " + approved.id();
        Call call = new Call(Optional.of(caller), path, query, body, body == null ? new byte[0] : Json.write(body),
                requestId, name -> name.equalsIgnoreCase(Operation.IDEMPOTENCY_KEY) ? Optional.of(key)
                        : Optional.ofNullable(headers.get(name)), "approval:" + approved.id());
        String instance = target.operation().pathTemplate();
        return replies.run(approved.tenant(), key, IdempotentReplies.fingerprint(approved.operation(), key,
                Optional.ofNullable(body)), () -> {
                    try {
                        if (approved.decidedAt().orElseThrow().plus(RESULT_KEPT).isBefore(now)) {
                            throw new ApiProblem(409, "APPROVAL_RESULT_GONE", "Result no longer kept",
                                    "this request ran when it was approved; its answer is no longer kept");
                        }
                        for (String scope : target.operation().scopes()) {
                            if (!caller.has(Scope.of(scope))) {
                                throw ApiProblem.forbidden(scope); // the maker lost it meanwhile
                            }
                        }
                        return Response.of(target.handler().handle(call));
                    } catch (ApiProblem refusal) {
                        return Problems.response(refusal, instance, requestId);
                    }
                });
    }

    /** The request as it will run: path, query, body, and its maker with the scopes they had. */
    private static String envelope(Call call) {
        Caller caller = call.caller();
        ObjectNode envelope = Json.MAPPER.createObjectNode();
        envelope.set("path", Json.MAPPER.valueToTree(call.pathParameters()));
        envelope.set("query", Json.MAPPER.valueToTree(call.queryParameters()));
        envelope.set("body", call.body().isMissingNode() ? Json.MAPPER.nullNode() : call.body());
        ObjectNode headers = envelope.putObject("headers");
        KEPT_HEADERS.forEach(name -> call.header(name).ifPresent(value -> headers.put(name, value)));
        ObjectNode maker = envelope.putObject("maker");
        maker.put("kind", caller.kind().name());
        maker.put("id", caller.id());
        caller.role().ifPresent(role -> maker.put("role", role.value()));
        maker.set("scopes", Json.MAPPER.valueToTree(caller.scopes().stream().map(Scope::value).sorted().toList()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Json.writeCanonical(envelope, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * What a journal entry, batch or reservation moves: its debits, when all its lines are in one currency (else
     * unknown, which a threshold holds).
     */
    private static Optional<Money> amount(String operation, JsonNode body) {
        List<JsonNode> lines = new ArrayList<>();
        switch (operation) {
            case "postJournalEntry", "reservePendingEntry" -> body.path("lines").forEach(lines::add);
            case "postJournalBatch" -> body.path("entries").forEach(entry -> entry.path("lines").forEach(lines::add));
            default -> {
                return Optional.empty();
            }
        }
        Set<String> currencies = new HashSet<>();
        long debits = 0;
        for (JsonNode line : lines) {
            currencies.add(line.path("currency").asText());
            if (line.path("side").asText().equals("DEBIT")) {
                try {
                    debits = Math.addExact(debits, line.path("amount_minor").asLong());
                } catch (ArithmeticException past) {
                    return Optional.empty(); // more than a long holds: unknown, so held
                }
            }
        }
        if (currencies.size() != 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Money(debits, Currency.getInstance(currencies.iterator().next())));
        } catch (IllegalArgumentException unknownCurrency) {
            return Optional.empty(); // the handler refuses it; held or not, it never posts
        }
    }

    /**
     * A key request its handler refuses at once (a scope the caller lacks; a personal token asked with a key) is not
     * held: held, it would wait for a checker only to fail when approved.
     */
    private static boolean refusedAnyway(String id, Call call) {
        Set<Scope> asked = new HashSet<>();
        for (JsonNode scope : call.body().path("scopes")) {
            Optional<Scope> known = Scope.parse(scope.asText());
            if (known.isEmpty()) {
                return true;
            }
            asked.add(known.get());
        }
        return call.caller().lacking(asked).isPresent()
                || id.equals("createMyToken") && call.caller().kind() != Caller.Kind.USER;
    }

    /** A key with a scope beyond reading. */
    private static boolean changesSomething(JsonNode body) {
        for (JsonNode scope : body.path("scopes")) {
            if (!scope.asText().endsWith(":read")) {
                return true;
            }
        }
        return false;
    }
}
