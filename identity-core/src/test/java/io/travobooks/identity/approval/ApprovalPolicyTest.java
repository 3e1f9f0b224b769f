package io.travobooks.identity.approval;

import io.travobooks.spi.Money;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ApprovalPolicyTest {
    private static final ApprovalPolicy POLICY = new ApprovalPolicy(List.of(
            ApprovalRule.above("postJournalEntry", Money.ofMinor(5_000_000, "BDT")),
            ApprovalRule.always("reopenPeriod")), Duration.ofHours(24));

    @Test
    void anAmountAboveTheThresholdNeedsApprovalAndOneAtItDoesNot() {
        assertThat(POLICY.requiresApproval("postJournalEntry", Optional.of(Money.ofMinor(5_000_001, "BDT"))))
                .isTrue();
        assertThat(POLICY.requiresApproval("postJournalEntry", Optional.of(Money.ofMinor(5_000_000, "BDT"))))
                .isFalse();
        assertThat(POLICY.requiresApproval("postJournalEntry", Optional.of(Money.ofMinor(-5_000_001, "BDT"))))
                .as("a large negative amount moves as much money").isTrue();
    }

    @Test
    void anAmountThatCannotBeComparedNeedsApproval() {
        assertThat(POLICY.requiresApproval("postJournalEntry", Optional.of(Money.ofMinor(1, "USD")))).isTrue();
        assertThat(POLICY.requiresApproval("postJournalEntry", Optional.empty())).isTrue();
    }

    @Test
    void anAlwaysRuleAndAnOperationNoRuleNames() {
        assertThat(POLICY.requiresApproval("reopenPeriod", Optional.empty())).isTrue();
        assertThat(POLICY.requiresApproval("listAccounts", Optional.of(Money.ofMinor(9_999_999_999L, "BDT"))))
                .isFalse();
        assertThat(ApprovalPolicy.NONE.requiresApproval("reopenPeriod", Optional.empty())).isFalse();
    }
}
