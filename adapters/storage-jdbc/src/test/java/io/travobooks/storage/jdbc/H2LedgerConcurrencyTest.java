package io.travobooks.storage.jdbc;

import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.testkit.ledger.LedgerConcurrencyContractTest;

/** The same race on the embedded engine, smaller. */
class H2LedgerConcurrencyTest extends LedgerConcurrencyContractTest {
    @Override
    protected LedgerStore store() {
        return Databases.h2().ledgerStore();
    }

    @Override
    protected int entriesPerThread() {
        return 1_000;
    }
}
