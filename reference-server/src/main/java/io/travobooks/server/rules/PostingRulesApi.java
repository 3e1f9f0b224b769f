package io.travobooks.server.rules;

import io.travobooks.booking.posting.LineRule;
import io.travobooks.booking.posting.PostingRule;
import io.travobooks.booking.posting.PostingRuleExamples;
import io.travobooks.booking.posting.PostingRules;
import io.travobooks.ledger.Ledger;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Call;
import io.travobooks.server.http.ETags;
import io.travobooks.server.http.FieldError;
import io.travobooks.server.http.Handler;
import io.travobooks.server.http.Reply;
import io.travobooks.server.runtime.AgencyTime;
import io.travobooks.server.runtime.ChangedSinceRead;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.ledger.AccountStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A tenant's posting rules: the version in force (the travel-agency defaults, version 0, until the tenant stores
 * its own), earlier versions, and a new version, accepted only if every account it names is open in the tenant's
 * chart and it posts every one of the accounting guide's worked examples in balance.
 */
public final class PostingRulesApi {
    private final PostingRulesStore store;
    private final TenantPostingRules inForce;
    private final Ledger ledger;
    private final AgencyTime time;

    public PostingRulesApi(PostingRulesStore store, TenantPostingRules inForce, Ledger ledger, AgencyTime time) {
        this.store = store;
        this.inForce = inForce;
        this.ledger = ledger;
        this.time = time;
    }

    public Map<String, Handler> handlers() {
        return Map.of(
                "getPostingRules", call -> rules(store.latest(call.tenant()).map(VersionView::of)
                        .orElseGet(() -> VersionView.defaults(inForce.apply(call.tenant())))),
                "putPostingRules", this::put,
                "getPostingRulesVersion", call -> rules(store.version(call.tenant(),
                        Long.parseLong(call.path("version"))).map(VersionView::of).orElseThrow(() ->
                        ApiProblem.notFound("POSTING_RULES_VERSION_NOT_FOUND", "no version " + call.path("version")))));
    }

    record VersionView(long version, Optional<Instant> createdAt, RulesJson.RulesBody rules) {
        static VersionView of(PostingRulesStore.Version version) {
            return new VersionView(version.version(), Optional.of(version.createdAt()),
                    RulesJson.read(version.json()));
        }

        static VersionView defaults(PostingRules rules) {
            return new VersionView(0, Optional.empty(), RulesJson.RulesBody.of(rules));
        }
    }

    private static Reply rules(VersionView view) {
        return Reply.ok(view).withHeader(ETags.ETAG, etag(view.version()));
    }

    private static String etag(long version) {
        return ETags.of("posting-rules", version);
    }

    private Reply put(Call call) {
        RulesJson.RulesBody body = call.bodyAs(RulesJson.RulesBody.class);
        PostingRules rules;
        try {
            rules = body.toRules();
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(422, "POSTING_RULES_INVALID", "Refused", e.getMessage());
        }
        List<FieldError> unknown = new TreeSet<>(rules.rules().stream().map(PostingRule::entries)
                .flatMap(List::stream).flatMap(List::stream).map(LineRule::account).map(AccountId::value).toList())
                .stream().filter(code -> ledger.chart().find(call.context(), AccountId.of(code))
                        .filter(account -> account.status() == AccountStatus.OPEN).isEmpty())
                .map(code -> new FieldError("/rules", "account " + code + " is not open in the chart")).toList();
        if (!unknown.isEmpty()) {
            throw new ApiProblem(422, "POSTING_RULES_UNKNOWN_ACCOUNT", "Refused",
                    unknown.size() + " accounts the rules name are not open in the chart", unknown, Map.of());
        }
        List<FieldError> failures = PostingRuleExamples.check(rules).stream()
                .map(failure -> new FieldError("/rules", failure.example() + ": " + failure.reason())).toList();
        if (!failures.isEmpty()) {
            throw new ApiProblem(422, "POSTING_RULES_REFUSED", "Refused", failures.size()
                    + " of the worked examples cannot be posted with these rules", failures, Map.of());
        }
        Optional<String> ifMatch = call.header(ETags.IF_MATCH);
        PostingRulesStore.Version stored;
        try {
            stored = store.put(call.tenant(), RulesJson.write(body), current -> ETags.matches(ifMatch,
                    etag(current.map(PostingRulesStore.Version::version).orElse(0L))), time.now());
        } catch (ChangedSinceRead changed) {
            throw ETags.changed("the posting rules changed since they were read");
        }
        inForce.changed(call.tenant());
        return rules(VersionView.of(stored));
    }
}
