package io.travobooks.identity.approval;

import io.travobooks.spi.Money;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's maker-checker policy: which operations need a second person, and how long a request waits for one.
 * An operation no rule names runs at once.
 */
public record ApprovalPolicy(List<ApprovalRule> rules, Duration validity) {
    public static final ApprovalPolicy NONE = new ApprovalPolicy(List.of(), Duration.ofDays(1));

    public ApprovalPolicy {
        rules = List.copyOf(rules);
        Objects.requireNonNull(validity, "validity");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("approvals stay open for some time: " + validity);
        }
    }

    /** Whether {@code operation}, moving {@code amount} when it moves money, needs an approver first. */
    public boolean requiresApproval(String operation, Optional<Money> amount) {
        return rules.stream()
                .filter(rule -> rule.operation().equals(operation))
                .anyMatch(rule -> rule.requires(amount));
    }
}
