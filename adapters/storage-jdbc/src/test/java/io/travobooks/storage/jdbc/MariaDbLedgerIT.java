package io.travobooks.storage.jdbc;

import io.travobooks.spi.EntryId;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.testkit.ledger.LedgerContractTest;

class MariaDbLedgerIT extends LedgerContractTest {
    @Override
    protected LedgerStore store() {
        return Databases.mysql().ledgerStore();
    }

    @Override
    protected void tamperWithLineAmount(TenantId tenant, EntryId entry, int lineNo, long newAmount) {
        RawSql.withoutAppendOnlyTriggers(Databases.mysql(),
                () -> RawSql.updateLineAmount(Databases.mysql(), tenant, entry, lineNo, newAmount));
    }
}
