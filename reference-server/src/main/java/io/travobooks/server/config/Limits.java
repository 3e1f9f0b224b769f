package io.travobooks.server.config;

import java.util.Map;

/**
 * How many requests a minute the API takes: per tenant, by the tenant's plan (tenants no plan names are on
 * {@link #DEFAULT_PLAN}); per credential (a key or a person's session); per address.
 */
public record Limits(Map<String, Integer> plans, Map<String, String> tenantPlans, int perCredentialPerMinute,
                     int perAddressPerMinute) {
    public static final String DEFAULT_PLAN = "standard";
    /** The most a limit can be: a million a second, one a microsecond (the limiter's unit). */
    public static final int MAX_PER_MINUTE = 60_000_000;
    /** Enough for anything a test or a benchmark sends: the limits are then never what is measured. */
    public static final Limits UNLIMITED = new Limits(Map.of(DEFAULT_PLAN, MAX_PER_MINUTE), Map.of(),
            MAX_PER_MINUTE, MAX_PER_MINUTE);

    public Limits {
        plans = Map.copyOf(plans);
        tenantPlans = Map.copyOf(tenantPlans);
        if (!plans.containsKey(DEFAULT_PLAN)) {
            throw new ConfigException(Setting.LIMIT_PLANS.describe() + " must name the plan '" + DEFAULT_PLAN
                    + "', which every tenant without a plan of its own is on");
        }
        for (Map.Entry<String, String> placed : tenantPlans.entrySet()) {
            if (!plans.containsKey(placed.getValue())) {
                throw new ConfigException(Setting.LIMIT_TENANT_PLANS.describe() + " puts " + placed.getKey()
                        + " on plan '" + placed.getValue() + "', which " + Setting.LIMIT_PLANS.describe()
                        + " does not name");
            }
        }
    }

    public int perTenantPerMinute(String tenant) {
        return plans.get(tenantPlans.getOrDefault(tenant, DEFAULT_PLAN));
    }
}
