package io.travobooks.storage.jdbc;

import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.testkit.storage.LedgerStoreContractTest;

class H2LedgerStoreTest extends LedgerStoreContractTest {
    @Override
    protected LedgerStore store() {
        return Databases.h2().ledgerStore();
    }
}
