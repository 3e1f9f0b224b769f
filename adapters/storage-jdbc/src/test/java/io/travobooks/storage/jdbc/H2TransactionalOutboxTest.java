package io.travobooks.storage.jdbc;

import io.travobooks.ledger.JournalEntry;
import io.travobooks.ledger.PostResult;
import io.travobooks.spi.queue.QueueStore;
import io.travobooks.testkit.ledger.LedgerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static io.travobooks.testkit.ledger.LedgerFixture.cr;
import static io.travobooks.testkit.ledger.LedgerFixture.dr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A journal entry and the event that announces it commit together or not at all (the transactional outbox). */
class H2TransactionalOutboxTest {
    private final JdbcStorage storage = Databases.h2();
    private final LedgerFixture f = new LedgerFixture(storage.ledgerStore());
    private final QueueStore outbox = storage.queueStore();
    private final String queue = "ledger-events-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void close() {
        f.close();
    }

    private PostResult postAndAnnounce(String id, boolean failAfterwards) {
        return outbox.transactions().inTransaction(uow -> {
            PostResult result = f.ledger.postWithin(uow, f.context, JournalEntry.builder(id, LocalDate.of(2026, 3, 10))
                    .description("customer pays").lines(List.of(dr("1000", "55150"), cr("1100", "55150"))).build());
            outbox.append(uow, queue, "{\"posted\":\"" + id + "\"}", LedgerFixture.START);
            if (failAfterwards) {
                throw new IllegalStateException("the booking update in the same transaction failed");
            }
            return result;
        });
    }

    private List<QueueStore.Message> events() {
        return outbox.transactions().inTransaction(uow -> outbox.read(uow, queue, 0, 10));
    }

    @Test
    void aFailedTransactionLeavesNeitherTheEntryNorItsEvent() {
        LedgerFixture.Snapshot before = f.snapshot();

        assertThatThrownBy(() -> postAndAnnounce("pay-1", true)).hasMessageContaining("booking update");

        assertThat(f.snapshot()).isEqualTo(before);
        assertThat(events()).isEmpty();
    }

    @Test
    void aCommittedTransactionKeepsBoth() {
        assertThat(postAndAnnounce("pay-1", false)).isInstanceOf(PostResult.Posted.class);

        assertThat(f.snapshot().entries()).hasSize(1);
        assertThat(events()).extracting(QueueStore.Message::payload).containsExactly("{\"posted\":\"pay-1\"}");
    }
}
