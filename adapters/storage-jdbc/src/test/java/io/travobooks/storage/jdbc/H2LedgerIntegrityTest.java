package io.travobooks.storage.jdbc;

import io.travobooks.spi.AccountId;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.testkit.ledger.LedgerIntegrityContractTest;

import java.time.LocalDate;
import java.util.Optional;

class H2LedgerIntegrityTest extends LedgerIntegrityContractTest {
    @Override
    protected LedgerStore store() {
        return Databases.h2().ledgerStore();
    }

    @Override
    protected void rewriteMetadata(TenantId tenant, EntryId entry, String json) {
        RawSql.rewriteMetadata(Databases.h2(), tenant, entry, json);
    }

    @Override
    protected void deleteNewestEntries(TenantId tenant, int count) {
        RawSql.deleteNewestEntries(Databases.h2(), tenant, count);
    }

    @Override
    protected void inflateStoredDebit(TenantId tenant, AccountId account, long minor, Optional<LocalDate> day) {
        RawSql.inflateStoredDebit(Databases.h2(), tenant, account, minor, day);
    }
}
