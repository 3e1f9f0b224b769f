package io.travobooks.storage.jdbc;

import io.travobooks.spi.AccountId;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.testkit.ledger.LedgerIntegrityContractTest;

import java.time.LocalDate;
import java.util.Optional;

class MariaDbLedgerIntegrityIT extends LedgerIntegrityContractTest {
    @Override
    protected LedgerStore store() {
        return Databases.mysql().ledgerStore();
    }

    @Override
    protected void rewriteMetadata(TenantId tenant, EntryId entry, String json) {
        RawSql.withoutAppendOnlyTriggers(Databases.mysql(),
                () -> RawSql.rewriteMetadata(Databases.mysql(), tenant, entry, json));
    }

    @Override
    protected void deleteNewestEntries(TenantId tenant, int count) {
        RawSql.withoutAppendOnlyTriggers(Databases.mysql(),
                () -> RawSql.deleteNewestEntries(Databases.mysql(), tenant, count));
    }

    @Override
    protected void inflateStoredDebit(TenantId tenant, AccountId account, long minor, Optional<LocalDate> day) {
        RawSql.inflateStoredDebit(Databases.mysql(), tenant, account, minor, day);
    }
}
