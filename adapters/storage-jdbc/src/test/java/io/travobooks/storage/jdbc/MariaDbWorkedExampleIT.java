package io.travobooks.storage.jdbc;

import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.testkit.ledger.WorkedExampleContractTest;

class MariaDbWorkedExampleIT extends WorkedExampleContractTest {
    @Override
    protected LedgerStore store() {
        return Databases.mysql().ledgerStore();
    }
}
