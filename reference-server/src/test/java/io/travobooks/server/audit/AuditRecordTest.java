package io.travobooks.server.audit;

import io.travobooks.server.http.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AuditRecordTest {
    private static AuditRecord line(String detail) {
        return new AuditRecord("t1", Instant.parse("2026-03-10T06:00:00Z"), "key:k", "postJournalEntry", "", 201, "r1",
                Optional.empty(), "127.0.0.1", "test", detail);
    }

    @Test
    void aDetailThatFitsIsKeptAsItIs() {
        String detail = "{\"id\":\"e1\",\"note\":\"" + "x".repeat(1000) + "\"}";
        assertThat(AuditRecord.fittingDetail(detail)).isEqualTo(detail);
    }

    @Test
    void aDetailTooLongForTheColumnBecomesANoteOfItsSizeThatIsStillJson() {
        String detail = "{\"note\":\"" + "অ".repeat(AuditRecord.MAX_DETAIL_CHARS) + "\"}";
        String fitted = AuditRecord.fittingDetail(detail);
        assertThat(fitted.length()).isLessThan(100);
        assertThat(Json.readBody(fitted.getBytes(StandardCharsets.UTF_8)).get("chars").asInt())
                .isEqualTo(detail.length());
        // Characters written out as escapes count as what is stored, not as what was given.
        String escapes = "{\"note\":\"" + "\u2028".repeat(AuditRecord.MAX_DETAIL_CHARS / 6 + 1) + "\"}";
        assertThat(AuditRecord.fittingDetail(escapes)).startsWith("{\"truncated\":true");
    }

    @Test
    void aLineReadBackIsTheLineThatWasWrittenEvenWithALongerDetailFromBefore() {
        String earlier = "{\"note\":\"" + "x".repeat(50_000) + "\"}"; // what a version with a longer cut wrote
        AuditRecord written = line(earlier);
        assertThat(written.detail()).isEqualTo(earlier);
        assertThat(line(written.detail()).canonical()).isEqualTo(written.canonical());
    }
}
