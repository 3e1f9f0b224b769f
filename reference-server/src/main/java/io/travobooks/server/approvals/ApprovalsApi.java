package io.travobooks.server.approvals;

import com.fasterxml.jackson.databind.JsonNode;
import io.travobooks.identity.approval.ApprovalErrorCode;
import io.travobooks.identity.approval.Approvals;
import io.travobooks.server.auth.Caller;
import io.travobooks.server.auth.Scope;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Call;
import io.travobooks.server.http.Handler;
import io.travobooks.server.http.Json;
import io.travobooks.server.http.Page;
import io.travobooks.server.http.Reply;
import io.travobooks.server.http.Response;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.approval.ApprovalRecord;
import io.travobooks.spi.approval.ApprovalStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Requests held for a second person: listed, read, approved (which runs them, once) or rejected; the policy. */
public final class ApprovalsApi {
    private static final Logger LOG = LoggerFactory.getLogger(ApprovalsApi.class);
    private final Approvals approvals;
    private final ApprovalStore store;
    private final ApprovalPolicyStore policies;
    private final Set<String> gateable;
    private final Executor execute;
    private final ApprovalSecrets secrets;
    private final Function<String, Set<Scope>> scopesOf;
    private final Clock clock;

    /** Runs an approved request as its maker made it, once (see the approval gate). */
    @FunctionalInterface
    public interface Executor {
        Response execute(ApprovalRecord approved, Instant now, String requestId);
    }

    /**
     * @param gateable the operations a policy may name
     * @param execute  runs an approved request as its maker made it, once (given the request id of the approval)
     * @param scopesOf the scopes an operation needs
     */
    public ApprovalsApi(Approvals approvals, ApprovalStore store, ApprovalPolicyStore policies, Set<String> gateable,
                        Executor execute, ApprovalSecrets secrets, Function<String, Set<Scope>> scopesOf,
                        Clock clock) {
        this.clock = clock;
        this.secrets = secrets;
        this.scopesOf = scopesOf;
        this.approvals = approvals;
        this.store = store;
        this.policies = policies;
        this.gateable = gateable;
        this.execute = execute;
    }

    public Map<String, Handler> handlers() {
        return Map.of(
                "listApprovals", this::list,
                "getApproval", call -> Reply.ok(view(find(call))),
                "approveApproval", this::approve,
                "rejectApproval", this::reject,
                "collectApprovalSecret", this::collect,
                "getApprovalPolicy", call -> Reply.ok(policies.of(call.tenant())),
                "setApprovalPolicy", this::setPolicy);
    }

    /**
     * What an approval answers: the approval, and what running the held request answered; {@code secretForMaker}:
     * the answer held a secret, which the maker collects.
     */
    public record Approved(ApprovalView approval, Result result, boolean secretForMaker) {
    }

    public record Result(int status, JsonNode body) {
    }

    record Approve(String payloadHash) {
    }

    record Reject(String reason) {
    }

    private ApprovalView view(ApprovalRecord record) {
        return ApprovalView.of(record, clock.instant());
    }

    private ApprovalRecord find(Call call) {
        return approvals.find(call.tenant(), call.path("approval_id")).orElseThrow(() -> ApiProblem.notFound(
                ApprovalErrorCode.APPROVAL_NOT_FOUND, "no approval " + call.path("approval_id")));
    }

    /**
     * A page of the tenant's requests by the status they show: PENDING and EXPIRED are both pending in the store,
     * told apart by the time, so their pages are filled by reading on until enough show the asked status.
     */
    private Reply list(Call call) {
        int limit = Page.limit(call);
        Optional<String> shown = call.query("status");
        Optional<ApprovalRecord.Status> stored = shown.map(status -> status.equals("EXPIRED")
                ? ApprovalRecord.Status.PENDING : ApprovalRecord.Status.valueOf(status));
        List<ApprovalRecord> rows = new ArrayList<>();
        Optional<String> after = Page.position(call);
        while (rows.size() <= limit) {
            Optional<String> from = after;
            List<ApprovalRecord> read = store.transactions().inTransaction(uow -> store.list(uow, call.tenant(),
                    stored, from, limit + 1));
            read.stream().filter(record -> shown.isEmpty() || view(record).status().equals(shown.get()))
                    .forEach(rows::add);
            if (read.size() <= limit) {
                break; // the store has no more
            }
            after = Optional.of(read.getLast().id());
        }
        return Reply.ok(Page.of(rows.subList(0, Math.min(rows.size(), limit + 1)), limit, ApprovalRecord::id,
                this::view));
    }

    private Reply approve(Call call) {
        String hash = call.bodyAs(Approve.class).payloadHash();
        ApprovalRecord held = find(call); // 404 for what is not a held request
        if (held.operation().equals("issueBooking") && call.caller().kind() != Caller.Kind.USER) {
            // only an AI agent's mandate holds an issue here: a person decides it, not another program
            throw new ApiProblem(403, "APPROVAL_BY_PERSON", "Forbidden",
                    "an AI agent's held issue is approved by a signed-in person");
        }
        ApprovalRecord approved = decided(approvals.approve(call.tenant(), call.path("approval_id"),
                call.caller().principal(), hash));
        Response ran = execute.execute(approved, clock.instant(), call.requestId());
        // What a retry would get: a secret the request made (a key, a signing secret) is not the checker's to see;
        // its maker collects it. A replayed answer holds none (a first run's answer is kept for its maker).
        boolean secret = !Arrays.equals(ran.body(), ran.replayBody());
        if (secret) {
            try {
                secrets.keep(call.tenant(), approved.id(), ApprovalSecrets.makerCredential(approved), ran.body());
            } catch (RuntimeException e) {
                // What the request made stands, its secret with no one: the approver's answer and the log say so.
                LOG.error("approval {} ran, and the secret it made could not be kept for its maker: revoke or "
                        + "rotate what it made ({})", approved.id(), Json.readBody(ran.replayBody()).path("id"), e);
                call.audit().put("secret_lost", true);
                secret = false;
            }
        }
        call.audit().put("operation", approved.operation()).put("maker", approved.maker())
                .put("result_status", ran.status()).put("secret_for_maker", secret);
        return Reply.ok(new Approved(view(approved), new Result(ran.status(), Json.readBody(ran.replayBody())),
                secret));
    }

    /**
     * The maker's once: the whole answer of their approved request, secret included, to the credential that made
     * it (a person's session, not a key they made), while it may still do what the request did.
     */
    private Reply collect(Call call) {
        ApprovalRecord approved = find(call);
        Caller caller = call.caller();
        caller.lacking(scopesOf.apply(approved.operation())).ifPresent(scope -> {
            throw ApiProblem.forbidden(scope.value());
        });
        byte[] answer = secrets.collect(call.tenant(), approved.id(), caller.actor())
                .orElseThrow(() -> ApiProblem.notFound("APPROVAL_SECRET_NOT_FOUND", "a secret of approval "
                        + call.path("approval_id") + " waiting for this caller (it is collected once, by the "
                        + "request's maker, within " + ApprovalSecrets.KEPT.toDays() + " days)"));
        return Reply.ok(Json.readBody(answer));
    }

    private Reply reject(Call call) {
        return Reply.ok(view(decided(approvals.reject(call.tenant(), call.path("approval_id"),
                call.caller().principal(), call.bodyAs(Reject.class).reason()))));
    }

    private static ApprovalRecord decided(Outcome<ApprovalRecord> outcome) {
        return switch (outcome) {
            case Outcome.Ok<ApprovalRecord> ok -> ok.value();
            case Outcome.Refused<ApprovalRecord> refused -> throw ApiProblem.refused(
                    refused.rejection().code() == ApprovalErrorCode.APPROVAL_NOT_FOUND ? 404 : 422,
                    refused.rejection());
        };
    }

    private Reply setPolicy(Call call) {
        ApprovalPolicyStore.PolicyView policy = call.bodyAs(ApprovalPolicyStore.PolicyView.class);
        for (int i = 0; i < policy.rules().size(); i++) {
            ApprovalPolicyStore.RuleView rule = policy.rules().get(i);
            if (!gateable.contains(rule.operation())) {
                throw ApiProblem.invalid("/rules/" + i + "/operation", "is not an operation a policy can hold: "
                        + gateable.stream().sorted().toList());
            }
            if (rule.aboveMinor().isPresent() != rule.currency().isPresent()) {
                throw ApiProblem.invalid("/rules/" + i, "an amount comes with its currency, and a currency with "
                        + "an amount");
            }
        }
        call.audit().put("before", policies.of(call.tenant())).put("after", policy);
        policies.set(call.tenant(), policy);
        return Reply.ok(policies.of(call.tenant()));
    }
}
