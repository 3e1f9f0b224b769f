package io.travobooks.server.audit;

import io.travobooks.server.auth.SecretBox;
import io.travobooks.server.runtime.ServerDatabase;
import io.travobooks.server.support.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One batch of the audit log larger than the most MariaDB takes in one packet: the lines go in several statements,
 * in one transaction, and come back whole and chained.
 */
class MariaDbAuditStoreIT {
    @Test
    void aBatchOverThePacketLimitIsWrittenWholeAndChained() {
        try (TestServer server = TestServer.mariaDbRedis()) {
            ServerDatabase database = server.server().backends().database();
            long packet = database.inTransaction(handle -> handle.createQuery("SELECT @@max_allowed_packet")
                    .mapTo(Long.class).one());
            // Bengali letters: three bytes each in UTF-8, so the batch's bytes outgrow the packet, not only its text.
            String detail = "{\"note\":\"" + "অ".repeat(AuditRecord.MAX_DETAIL_CHARS - 20) + "\"}";
            long lineBytes = 3L * detail.length();
            int count = (int) Math.min(packet / lineBytes + 10, 2_000);
            assertThat(count * lineBytes).as("the batch is larger than one packet").isGreaterThan(packet);

            String chain = "big-" + UUID.randomUUID().toString().substring(0, 8);
            List<AuditRecord> records = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                records.add(new AuditRecord(chain, Instant.now(), "key:big", "postJournalEntry", "", 201,
                        "request-" + i, i % 2 == 0 ? Optional.empty() : Optional.of("key-" + i), "127.0.0.1", "test",
                        detail));
            }
            AuditStore store = new AuditStore(database, SecretBox.ofBase64(
                    "q7cQh1m6n0eVh2fX0pYw3a9k5Zt8bR4uL1sD6gJ2vW0="));
            store.append(records);

            List<AuditRow> rows = store.after(chain, 0, count + 10);
            assertThat(rows).extracting(AuditRow::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, count).boxed().toList());
            String hash = AuditStore.GENESIS;
            for (AuditRow row : rows) {
                assertThat(row.record().detail()).isEqualTo(detail);
                hash = store.link(hash, row.record());
                assertThat(row.hash()).isEqualTo(hash);
            }
            assertThat(rows.get(1).record().idempotencyKey()).contains("key-1");
            assertThat(store.currentHead(chain).orElseThrow().hash()).isEqualTo(hash);
        }
    }
}
