package io.travobooks.server.approvals;

import com.fasterxml.jackson.core.type.TypeReference;
import io.travobooks.identity.approval.ApprovalPolicy;
import io.travobooks.identity.approval.ApprovalRule;
import io.travobooks.server.http.Json;
import io.travobooks.server.runtime.ServerDatabase;
import io.travobooks.spi.Money;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.cache.HotCache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each tenant's maker-checker policy, in the server's database and read through the hot cache (gated operations
 * read it on every call); a change reaches every node at once through the cache's invalidation.
 */
public final class ApprovalPolicyStore {
    private static final Duration CACHE_TTL = Duration.ofSeconds(30);
    private static final int MAX_PARSED = 1_000;

    private final ServerDatabase database;
    private final HotCache cache;
    /** Policies by their cached text: the cache keeps text, and parsing it on every gated call cost more than it. */
    private final Map<String, PolicyView> parsed = new ConcurrentHashMap<>();

    public ApprovalPolicyStore(ServerDatabase database, HotCache cache) {
        this.database = database;
        this.cache = cache;
    }

    /** A rule as the API shapes it. */
    public record RuleView(String operation, Optional<Long> aboveMinor, Optional<String> currency) {
        ApprovalRule rule() {
            return aboveMinor.map(minor -> ApprovalRule.above(operation, new Money(minor,
                    Currency.getInstance(currency.orElseThrow())))).orElseGet(() -> ApprovalRule.always(operation));
        }
    }

    /** A policy as the API shapes it. */
    public record PolicyView(List<RuleView> rules, Long validityHours) {
        public PolicyView {
            rules = List.copyOf(rules);
            validityHours = validityHours == null ? 24L : validityHours; // absent: a day
        }

        public ApprovalPolicy policy() {
            return new ApprovalPolicy(rules.stream().map(RuleView::rule).toList(), Duration.ofHours(validityHours));
        }
    }

    public PolicyView of(TenantId tenant) {
        String text = cache.getOrLoad(key(tenant), CACHE_TTL, () -> database.inTransaction(handle -> handle
                .createQuery("SELECT rules, validity_seconds FROM tenant_approval_policy WHERE partner_id = :t")
                .bind("t", tenant.value())
                .map((rs, ctx) -> rs.getLong("validity_seconds") / 3600 + "|" + rs.getString("rules"))
                .findOne()
                .orElse("24|[]")));
        PolicyView policy = parsed.get(text);
        if (policy == null) {
            if (parsed.size() >= MAX_PARSED) {
                parsed.clear(); // policies change rarely: a full memo holds mostly replaced ones
            }
            policy = parsed.computeIfAbsent(text, ApprovalPolicyStore::parse);
        }
        return policy;
    }

    private static PolicyView parse(String text) {
        int bar = text.indexOf('|');
        List<RuleView> rules = Json.MAPPER.convertValue(Json.readBody(text.substring(bar + 1)
                .getBytes(StandardCharsets.UTF_8)), new TypeReference<>() { });
        return new PolicyView(rules, Long.parseLong(text.substring(0, bar)));
    }

    public void set(TenantId tenant, PolicyView policy) {
        String rules = new String(Json.write(policy.rules()), StandardCharsets.UTF_8);
        database.inTransactionRetrying(handle -> {
            handle.createUpdate("DELETE FROM tenant_approval_policy WHERE partner_id = :t")
                    .bind("t", tenant.value())
                    .execute();
            return handle.createUpdate("INSERT INTO tenant_approval_policy (partner_id, rules, validity_seconds) "
                            + "VALUES (:t, :rules, :seconds)")
                    .bind("t", tenant.value())
                    .bind("rules", rules)
                    .bind("seconds", policy.validityHours() * 3600)
                    .execute();
        });
        cache.invalidate(key(tenant));
    }

    private static String key(TenantId tenant) {
        return "approval-policy:" + tenant.value();
    }
}
