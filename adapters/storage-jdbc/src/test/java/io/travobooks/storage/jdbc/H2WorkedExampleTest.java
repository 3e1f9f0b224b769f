package io.travobooks.storage.jdbc;

import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.testkit.ledger.WorkedExampleContractTest;

class H2WorkedExampleTest extends WorkedExampleContractTest {
    @Override
    protected LedgerStore store() {
        return Databases.h2().ledgerStore();
    }
}
