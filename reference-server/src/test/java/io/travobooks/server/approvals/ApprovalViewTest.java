package io.travobooks.server.approvals;

import io.travobooks.spi.TenantId;
import io.travobooks.spi.approval.ApprovalRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ApprovalViewTest {
    private static final Instant ASKED = Instant.parse("2026-12-06T09:00:00Z");
    private final ApprovalRecord pending = ApprovalRecord.pending(TenantId.of("agency-a"), "apr_0000000000000001",
            "postJournalEntry", "{\"body\":null}", "sha256:" + "ab".repeat(32), "user:usr_000000000001", ASKED,
            ASKED.plusSeconds(3600));

    @Test
    void aPendingRequestPastItsTimeShowsAsExpiredAndADecidedOneAsDecided() {
        assertThat(ApprovalView.of(pending, ASKED.plusSeconds(3599)).status()).isEqualTo("PENDING");
        assertThat(ApprovalView.of(pending, ASKED.plusSeconds(3600)).status()).isEqualTo("EXPIRED");
        ApprovalRecord rejected = pending.decided(ApprovalRecord.Status.REJECTED, "user:usr_000000000002",
                ASKED.plusSeconds(60), Optional.of("no"));
        assertThat(ApprovalView.of(rejected, ASKED.plusSeconds(7200)).status()).isEqualTo("REJECTED");
    }
}
