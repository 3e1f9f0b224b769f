package io.travobooks.server.ledger;

import io.travobooks.ledger.Ledger;
import io.travobooks.server.http.Handler;
import io.travobooks.server.runtime.Metrics;

import java.util.HashMap;
import java.util.Map;

/** Every ledger operation of the contract: accounts, the journal, reports. */
public final class LedgerApi {
    private final Ledger ledger;
    private final Metrics metrics;

    public LedgerApi(Ledger ledger, Metrics metrics) {
        this.ledger = ledger;
        this.metrics = metrics;
    }

    public Map<String, Handler> handlers() {
        Map<String, Handler> handlers = new HashMap<>();
        handlers.putAll(new AccountsApi(ledger).handlers());
        handlers.putAll(new JournalApi(ledger, metrics).handlers());
        handlers.putAll(new ReportsApi(ledger).handlers());
        return handlers;
    }
}
