package io.travobooks.storage.jdbc;

import io.travobooks.spi.EntryId;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.testkit.ledger.LedgerContractTest;

class H2LedgerTest extends LedgerContractTest {
    @Override
    protected LedgerStore store() {
        return Databases.h2().ledgerStore();
    }

    @Override
    protected void tamperWithLineAmount(TenantId tenant, EntryId entry, int lineNo, long newAmount) {
        RawSql.updateLineAmount(Databases.h2(), tenant, entry, lineNo, newAmount);
    }
}
