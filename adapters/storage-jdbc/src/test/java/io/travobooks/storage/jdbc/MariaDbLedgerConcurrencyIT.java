package io.travobooks.storage.jdbc;

import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.testkit.ledger.LedgerConcurrencyContractTest;

/** 16 threads x 10,000 entries on the real MariaDB. */
class MariaDbLedgerConcurrencyIT extends LedgerConcurrencyContractTest {
    @Override
    protected LedgerStore store() {
        return Databases.mysql().ledgerStore();
    }
}
