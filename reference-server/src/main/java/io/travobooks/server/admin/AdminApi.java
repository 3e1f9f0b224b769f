package io.travobooks.server.admin;

import io.travobooks.ledger.Ledger;
import io.travobooks.ledger.LedgerTenant;
import io.travobooks.server.auth.ApiKey;
import io.travobooks.server.auth.ApiKeyStore;
import io.travobooks.server.auth.ApiKeys;
import io.travobooks.server.auth.Caller;
import io.travobooks.server.auth.Mandate;
import io.travobooks.server.auth.Scope;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.mandates.MandateCode;
import io.travobooks.server.http.Currencies;
import io.travobooks.server.http.Call;
import io.travobooks.server.http.Handler;
import io.travobooks.server.http.Page;
import io.travobooks.server.http.Reply;
import io.travobooks.server.runtime.AgencyTime;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.TenantId;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The calling tenant, new tenants (platform operators), and the tenant's API keys. */
public final class AdminApi {
    private final Ledger ledger;
    private final ApiKeys keys;
    private final TenantSetup setup;
    private final AgencyTime time;
    private final Set<String> agentTools;
    private final Function<Caller, Optional<Mandate>> mandateOf;

    /** {@code agentTools}: the MCP tools a mandate may name; {@code mandateOf}: the mandate a caller acts under. */
    public AdminApi(Ledger ledger, ApiKeys keys, AgencyTime time, Set<String> agentTools,
                    Function<Caller, Optional<Mandate>> mandateOf) {
        this.ledger = ledger;
        this.keys = keys;
        this.setup = new TenantSetup(ledger, keys);
        this.time = time;
        this.agentTools = Set.copyOf(agentTools);
        this.mandateOf = mandateOf;
    }

    public Map<String, Handler> handlers() {
        return Map.of(
                "getTenant", this::getTenant,
                "createTenant", this::createTenant,
                "listApiKeys", this::listApiKeys,
                "createApiKey", this::createApiKey,
                "getApiKey", this::getApiKey,
                "revokeApiKey", this::revokeApiKey);
    }

    public record TenantView(String id, String functionalCurrency, Optional<LocalDate> closedThrough) {
    }

    public record KeyView(String id, String name, String prefix, List<String> scopes, Instant createdAt,
                          Optional<Instant> expiresAt, Optional<Instant> revokedAt, Optional<String> createdBy,
                          Optional<Instant> lastUsedAt, Optional<MandateView> mandate) {
        static KeyView of(ApiKey key) {
            return new KeyView(key.id(), key.name(), key.displayPrefix(),
                    key.scopes().stream().map(Scope::value).sorted().toList(), key.createdAt(), key.expiresAt(),
                    key.revokedAt(), key.createdBy(), key.lastUsedAt(), key.mandate().map(MandateView::of));
        }
    }

    /** A mandate as the contract shapes it, in requests and answers alike. */
    public record MandateView(Optional<List<String>> tools, String currency, long perBookingMinor, long perDayMinor,
                              long totalMinor, Optional<Long> approvalAboveMinor, Optional<List<String>> carriers,
                              Optional<List<String>> routes) {
        static MandateView of(Mandate mandate) {
            return new MandateView(sorted(mandate.tools()), mandate.currency().getCurrencyCode(),
                    mandate.perBookingMinor(), mandate.perDayMinor(), mandate.totalMinor(),
                    mandate.approvalAboveMinor(), sorted(mandate.carriers()), sorted(mandate.routes()));
        }

        private static Optional<List<String>> sorted(Optional<Set<String>> values) {
            return values.map(set -> set.stream().sorted().toList());
        }
    }

    /** A new key with its secret: the only answer that ever holds one. */
    public record CreatedKeyView(String id, String name, String prefix, List<String> scopes, Instant createdAt,
                                 Optional<Instant> expiresAt, Optional<MandateView> mandate, String key) {
        static CreatedKeyView of(ApiKeys.Issued issued) {
            KeyView view = KeyView.of(issued.key());
            return new CreatedKeyView(view.id(), view.name(), view.prefix(), view.scopes(), view.createdAt(),
                    view.expiresAt(), view.mandate(), issued.secret().value());
        }
    }

    public record CreatedTenantView(TenantView tenant, CreatedKeyView adminKey) {
    }

    /** What a retry of a tenant's opening is answered: the key without its secret, which is never kept. */
    public record KeptTenantView(TenantView tenant, KeyView adminKey) {
    }

    record NewTenant(String id, String functionalCurrency, Optional<String> chart) {
    }

    record NewKey(String name, List<String> scopes, Optional<Instant> expiresAt, Optional<MandateView> mandate) {
    }

    private Reply getTenant(Call call) {
        return Reply.ok(tenantView(call.tenant()));
    }

    private TenantView tenantView(TenantId tenant) {
        LedgerTenant row = ledger.tenant(new RequestContext(tenant, "admin"))
                .orElseThrow(() -> ApiProblem.notFound("no tenant " + tenant));
        return new TenantView(tenant.value(), row.functionalCurrency().getCurrencyCode(), row.closedThrough());
    }

    private Reply createTenant(Call call) {
        NewTenant request = call.bodyAs(NewTenant.class);
        Currency currency = Currencies.parse(request.functionalCurrency(), "/functional_currency");
        TenantSetup.Chart chart = request.chart().filter("empty"::equals).isPresent()
                ? TenantSetup.Chart.EMPTY : TenantSetup.Chart.TRAVEL_AGENCY;
        TenantId tenant = TenantId.of(request.id());
        return switch (setup.open(tenant, currency, chart, TenantSetup.TENANT_SCOPES, Optional.empty())) {
            case Outcome.Ok<ApiKeys.Issued> ok -> Reply.created(new CreatedTenantView(tenantView(tenant),
                    CreatedKeyView.of(ok.value()))).replayedAs(new KeptTenantView(tenantView(tenant),
                    KeyView.of(ok.value().key())));
            case Outcome.Refused<ApiKeys.Issued> refused -> throw ApiProblem.refused(refused.rejection());
        };
    }

    private Reply listApiKeys(Call call) {
        int limit = Page.limit(call);
        Optional<ApiKeyStore.Position> after = Page.timeAndId(call)
                .map(p -> new ApiKeyStore.Position(p.at(), p.id()));
        List<ApiKey> rows = keys.store().list(call.tenant(), after, limit + 1);
        return Reply.ok(Page.of(rows, limit, key -> Page.TimeAndId.of(key.createdAt(), key.id()), KeyView::of));
    }

    private Reply createApiKey(Call call) {
        if (mandateOf.apply(call.caller()).isPresent()) {
            // a key it made would not be bound by its mandate
            throw new ApiProblem(403, MandateCode.MANDATE_NO_KEYS.name(), "Forbidden",
                    "a key with a mandate makes no keys");
        }
        NewKey request = call.bodyAs(NewKey.class);
        Set<Scope> scopes = grantable(call, request.scopes(), request.expiresAt(), time.now());
        Optional<Mandate> mandate = request.mandate().map(asked -> mandate(call, asked));
        mandate.ifPresent(m -> call.audit().put("mandate", MandateView.of(m)));
        ApiKeys.Issued issued = keys.issue(call.tenant(), request.name(), scopes, request.expiresAt(),
                Optional.of(call.caller().principal()), mandate);
        return Reply.created(CreatedKeyView.of(issued)).replayedAs(KeyView.of(issued.key()));
    }

    /**
     * The scopes a new key asks for, when the caller holds them all (403 otherwise, since a key never does more
     * than the one who made it) and its expiry, if any, is after {@code now}.
     */
    static Set<Scope> grantable(Call call, List<String> asked, Optional<Instant> expiresAt, Instant now) {
        Set<Scope> scopes = asked.stream().map(Scope::of).collect(Collectors.toSet());
        call.caller().lacking(scopes).ifPresent(beyond -> {
            throw ApiProblem.forbidden(beyond.value());
        });
        call.audit().put("scopes", scopes.stream().map(Scope::value).sorted().toList());
        if (expiresAt.filter(at -> !at.isAfter(now)).isPresent()) {
            throw ApiProblem.invalid("/expires_at", "must be in the future");
        }
        return scopes;
    }

    /** The mandate asked for, in the tenant's currency and naming only tools there are. */
    private Mandate mandate(Call call, MandateView asked) {
        Currency tenantCurrency = ledger.tenant(call.context()).orElseThrow().functionalCurrency();
        if (!asked.currency().equals(tenantCurrency.getCurrencyCode())) {
            throw new ApiProblem(422, MandateCode.MANDATE_CURRENCY.name(), "Refused",
                    "a mandate's amounts are in the tenant's currency, " + tenantCurrency.getCurrencyCode());
        }
        Set<String> unknown = new TreeSet<>(asked.tools().orElse(List.of()));
        unknown.removeAll(agentTools);
        if (!unknown.isEmpty()) {
            throw ApiProblem.invalid("/mandate/tools", "no such tools: " + String.join(", ", unknown));
        }
        return new Mandate(asked.tools().map(Set::copyOf), tenantCurrency, asked.perBookingMinor(),
                asked.perDayMinor(), asked.totalMinor(), asked.approvalAboveMinor(),
                asked.carriers().map(Set::copyOf), asked.routes().map(Set::copyOf));
    }

    private Reply getApiKey(Call call) {
        return keys.store().find(call.tenant(), call.path("key_id")).map(KeyView::of).map(Reply::ok)
                .orElseThrow(() -> ApiProblem.notFound("API_KEY_NOT_FOUND", "no API key " + call.path("key_id")));
    }

    private Reply revokeApiKey(Call call) {
        return keys.revoke(call.tenant(), call.path("key_id")).map(KeyView::of).map(Reply::ok)
                .orElseThrow(() -> ApiProblem.notFound("API_KEY_NOT_FOUND", "no API key " + call.path("key_id")));
    }
}
