package io.travobooks.storage.jdbc;

import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.testkit.ledger.JournalSearchContractTest;

class MariaDbJournalSearchIT extends JournalSearchContractTest {
    @Override
    protected LedgerStore store() {
        return Databases.mysql().ledgerStore();
    }
}
