package io.travobooks.server.meta;

import io.travobooks.server.auth.Caller;
import io.travobooks.server.auth.Role;
import io.travobooks.server.auth.Scope;
import io.travobooks.server.contract.OpenApiContract;
import io.travobooks.server.http.Call;
import io.travobooks.server.http.Handler;
import io.travobooks.server.http.Json;
import io.travobooks.server.http.Reply;
import io.travobooks.server.http.Response;
import io.travobooks.server.runtime.Backends;
import io.travobooks.server.runtime.Metrics;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Health, the contract itself, who is calling, and the server's metrics. */
public final class MetaApi {
    public static final String METRICS = "getMetrics";
    /**
     * What a worker process serves: its health, the contract and its metrics. Not the hooks, although they need
     * no key: a message filed there would reach no stream session, which only API processes hold.
     */
    public static final Set<String> WORKER_OPERATIONS = Set.of("getLiveness", "getReadiness", "getOpenApi", METRICS);

    private final Backends backends;
    private final byte[] yaml;
    private final byte[] json;

    private final Metrics metrics;

    public MetaApi(Backends backends, OpenApiContract contract, Metrics metrics) {
        this.backends = backends;
        this.metrics = metrics;
        this.yaml = contract.yaml();
        this.json = Json.write(contract.document());
    }

    public Map<String, Handler> handlers() {
        return Map.of(
                "getLiveness", call -> Reply.ok(new Health("UP", Map.of())),
                "getReadiness", this::readiness,
                "getOpenApi", this::openApi,
                "whoAmI", this::whoAmI,
                METRICS, call -> Reply.ok(new Response.Raw("text/plain; version=0.0.4; charset=utf-8",
                        metrics.scrape().getBytes(StandardCharsets.UTF_8))));
    }

    public record Health(String status, Map<String, String> checks) {
    }

    /** The tenant, the key or user the credential stands for (a user with their role), and its scopes. */
    public record CallerView(String tenant, String kind, String id, Optional<String> role, List<String> scopes) {
    }

    private Reply readiness(Call call) {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("database", backends.databaseUp() ? "UP" : "DOWN");
        if (backends.usesRedis()) {
            checks.put("redis", backends.redisUp() ? "UP" : "DOWN");
        }
        boolean up = !checks.containsValue("DOWN");
        return Reply.of(up ? 200 : 503, new Health(up ? "UP" : "DOWN", checks));
    }

    private Reply openApi(Call call) {
        boolean asJson = call.query("format").map("json"::equals)
                .orElseGet(() -> call.header("Accept").map(accept -> accept.contains(Response.JSON)).orElse(false));
        return Reply.ok(asJson ? new Response.Raw(Response.JSON, json)
                : new Response.Raw("application/yaml; charset=utf-8", yaml));
    }

    private Reply whoAmI(Call call) {
        Caller caller = call.caller();
        return Reply.ok(new CallerView(caller.tenant().value(), caller.kind().name().toLowerCase(Locale.ROOT),
                caller.id(), caller.role().map(Role::value), caller.scopes().stream().map(Scope::value).sorted()
                .toList()));
    }
}
