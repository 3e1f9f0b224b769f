package io.travobooks.storage.jdbc;

import io.travobooks.ledger.JournalEntry;
import io.travobooks.spi.EntryId;
import io.travobooks.testkit.ledger.LedgerFixture;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The database itself refuses to change or delete journal rows, whoever asks. */
class MariaDbAppendOnlyIT {

    @Test
    void triggersRefuseUpdateAndDeleteOfJournalRows() {
        JdbcStorage storage = Databases.mysql();
        try (LedgerFixture f = new LedgerFixture(storage.ledgerStore())) {
            f.ledger.post(f.context, JournalEntry.builder("e1", LocalDate.of(2026, 3, 10))
                    .lines(List.of(LedgerFixture.dr("1000", "1"), LedgerFixture.cr("3000", "1"))).build());
            f.ledger.reverse(f.context, EntryId.of("e2"), EntryId.of("e1"), LocalDate.of(2026, 3, 10), "undo");
            f.ledger.audit().chain(f.tenant);
            String tenant = f.tenant.value();

            for (String sql : List.of(
                    "UPDATE ledger_entry SET description = 'x' WHERE partner_id = '" + tenant + "'",
                    "DELETE FROM ledger_entry WHERE partner_id = '" + tenant + "'",
                    "UPDATE ledger_line SET amount_minor = 5 WHERE partner_id = '" + tenant + "'",
                    "DELETE FROM ledger_line WHERE partner_id = '" + tenant + "'",
                    "UPDATE ledger_entry_reference SET entry_id = 'x' WHERE partner_id = '" + tenant + "'",
                    "DELETE FROM ledger_entry_reference WHERE partner_id = '" + tenant + "'",
                    "UPDATE ledger_chain_link SET link_hash = 'x' WHERE partner_id = '" + tenant + "'",
                    "DELETE FROM ledger_chain_link WHERE partner_id = '" + tenant + "'")) {
                assertThatThrownBy(() -> RawSql.execute(storage, List.of(sql)))
                        .as(sql).hasMessageContaining("append-only");
            }
            assertThat(f.snapshot().entries()).hasSize(2);
        }
    }
}
