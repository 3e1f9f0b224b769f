package io.travobooks.server.admin;

import io.travobooks.ledger.ChartTemplates;
import io.travobooks.ledger.Ledger;
import io.travobooks.ledger.LedgerErrorCode;
import io.travobooks.server.auth.ApiKeySecret;
import io.travobooks.server.auth.ApiKeys;
import io.travobooks.server.auth.Scope;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.TenantId;

import java.util.Currency;
import java.util.Optional;
import java.util.Set;

/**
 * Opens a tenant: its ledger, a chart of accounts and a first admin key. The steps are not one transaction, so a
 * setup that stopped half-way is finished by the next try; a tenant that already has keys is someone else's.
 */
public final class TenantSetup {
    /** What a tenant's first key may do: everything within the tenant, nothing across tenants. */
    public static final Set<Scope> TENANT_SCOPES = Scope.WITHIN_TENANT;

    private final Ledger ledger;
    private final ApiKeys keys;

    public TenantSetup(Ledger ledger, ApiKeys keys) {
        this.ledger = ledger;
        this.keys = keys;
    }

    public enum Chart { TRAVEL_AGENCY, EMPTY }

    public Outcome<ApiKeys.Issued> open(TenantId tenant, Currency currency, Chart chart, Set<Scope> scopes,
                                        Optional<ApiKeySecret> secret) {
        Outcome<TenantId> created = ledger.createTenant(tenant, currency);
        if (created instanceof Outcome.Refused<TenantId> refused) {
            if (refused.rejection().code() != LedgerErrorCode.LEDGER_TENANT_EXISTS || keys.store().hasKeys(tenant)) {
                return new Outcome.Refused<>(refused.rejection());
            }
        }
        RequestContext setup = new RequestContext(tenant, "server-setup");
        if (chart == Chart.TRAVEL_AGENCY && ledger.chart().list(setup).isEmpty()) {
            var opened = ledger.chart().openAll(setup, ChartTemplates.travelAgency());
            if (opened instanceof Outcome.Refused<?> refused) {
                return new Outcome.Refused<>(refused.rejection());
            }
        }
        return keys.issueFirst(tenant, scopes, secret).<Outcome<ApiKeys.Issued>>map(Outcome::ok)
                .orElseGet(() -> Outcome.refused(LedgerErrorCode.LEDGER_TENANT_EXISTS, "tenant " + tenant
                        + " exists and has its first key"));
    }
}
