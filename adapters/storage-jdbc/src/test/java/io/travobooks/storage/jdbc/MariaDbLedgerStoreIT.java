package io.travobooks.storage.jdbc;

import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.testkit.storage.LedgerStoreContractTest;

class MariaDbLedgerStoreIT extends LedgerStoreContractTest {
    @Override
    protected LedgerStore store() {
        return Databases.mysql().ledgerStore();
    }
}
