package io.travobooks.server.rules;

import io.travobooks.booking.posting.PostingRuleTemplates;
import io.travobooks.booking.posting.PostingRules;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.cache.HotCache;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The posting rules in force for a tenant, as the booking service asks for them (several times a command): the
 * newest stored version, or the travel-agency defaults when the tenant has none. Kept in the hot cache, which a
 * change drops on every node, and parsed once per version on each node.
 */
public final class TenantPostingRules implements Function<TenantId, PostingRules> {
    /** What the cache holds for a tenant without stored rules. */
    private static final String DEFAULTS = "";
    private static final Duration KEEP = Duration.ofMinutes(10);

    private final PostingRulesStore store;
    private final HotCache cache;
    private final PostingRules defaults = PostingRuleTemplates.travelAgency();
    private final Map<TenantId, Parsed> parsed = new ConcurrentHashMap<>();

    private record Parsed(String json, PostingRules rules) {
    }

    public TenantPostingRules(PostingRulesStore store, HotCache cache) {
        this.store = store;
        this.cache = cache;
    }

    @Override
    public PostingRules apply(TenantId tenant) {
        String json = cache.getOrLoad(key(tenant), KEEP, () -> store.latest(tenant)
                .map(PostingRulesStore.Version::json).orElse(DEFAULTS));
        if (json.equals(DEFAULTS)) {
            return defaults;
        }
        Parsed known = parsed.get(tenant);
        if (known != null && known.json().equals(json)) {
            return known.rules();
        }
        PostingRules rules = RulesJson.read(json).toRules();
        parsed.put(tenant, new Parsed(json, rules));
        return rules;
    }

    /** The tenant's rules changed: every node reads them again. */
    public void changed(TenantId tenant) {
        cache.invalidate(key(tenant));
    }

    private static String key(TenantId tenant) {
        return "posting-rules:" + tenant.value();
    }
}
