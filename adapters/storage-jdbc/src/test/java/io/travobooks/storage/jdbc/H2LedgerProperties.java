package io.travobooks.storage.jdbc;

import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.testkit.ledger.LedgerPropertiesBase;

class H2LedgerProperties extends LedgerPropertiesBase {
    @Override
    protected LedgerStore store() {
        return Databases.h2().ledgerStore();
    }
}
