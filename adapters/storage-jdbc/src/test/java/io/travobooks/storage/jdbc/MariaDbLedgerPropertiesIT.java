package io.travobooks.storage.jdbc;

import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.testkit.ledger.LedgerPropertiesBase;

/** The ledger's model-based property on MariaDB, whose locking and collation differ from H2's. */
class MariaDbLedgerPropertiesIT extends LedgerPropertiesBase {
    @Override
    protected LedgerStore store() {
        return Databases.mysql().ledgerStore();
    }
}
