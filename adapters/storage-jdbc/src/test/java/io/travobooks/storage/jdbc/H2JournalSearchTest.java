package io.travobooks.storage.jdbc;

import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.testkit.ledger.JournalSearchContractTest;

class H2JournalSearchTest extends JournalSearchContractTest {
    @Override
    protected LedgerStore store() {
        return Databases.h2().ledgerStore();
    }
}
