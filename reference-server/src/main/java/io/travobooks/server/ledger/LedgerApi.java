package io.travobooks.server.ledger;

import io.travobooks.ledger.Ledger;
import io.travobooks.server.http.Handler;
import io.travobooks.server.runtime.AgencyTime;
import io.travobooks.server.runtime.Metrics;

import java.util.HashMap;
import java.util.Map;

/** Every ledger operation of the contract: accounts, the journal, reports. */
public final class LedgerApi {
    private final Ledger ledger;
    private final Metrics metrics;
    private final AgencyTime time;

    public LedgerApi(Ledger ledger, Metrics metrics, AgencyTime time) {
        this.ledger = ledger;
        this.metrics = metrics;
        this.time = time;
    }

    public Map<String, Handler> handlers() {
        Map<String, Handler> handlers = new HashMap<>();
        handlers.putAll(new AccountsApi(ledger).handlers());
        handlers.putAll(new JournalApi(ledger, metrics, time).handlers());
        handlers.putAll(new ReportsApi(ledger, time).handlers());
        return handlers;
    }
}
