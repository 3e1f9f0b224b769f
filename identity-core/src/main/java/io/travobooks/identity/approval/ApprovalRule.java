package io.travobooks.identity.approval;

import io.travobooks.spi.Money;

import java.util.Objects;
import java.util.Optional;

/**
 * One line of a tenant's maker-checker policy: an operation that needs a second person, always or above an amount.
 *
 * @param operation the operation's name, as the caller names it (the server uses the API's operation ids)
 * @param above     when present, only requests moving more than this need approval
 */
public record ApprovalRule(String operation, Optional<Money> above) {
    public ApprovalRule {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(above, "above");
        if (operation.isBlank()) {
            throw new IllegalArgumentException("a rule names an operation");
        }
        if (above.isPresent() && above.get().minor() < 0) {
            throw new IllegalArgumentException("a threshold is not negative: " + above.get());
        }
    }

    public static ApprovalRule always(String operation) {
        return new ApprovalRule(operation, Optional.empty());
    }

    public static ApprovalRule above(String operation, Money threshold) {
        return new ApprovalRule(operation, Optional.of(threshold));
    }

    /**
     * Whether a request moving {@code amount} needs approval under this rule. An amount in another currency than
     * the threshold's cannot be compared without a rate, so it needs approval; so does a request whose amount is
     * unknown.
     */
    boolean requires(Optional<Money> amount) {
        if (above.isEmpty()) {
            return true;
        }
        Money threshold = above.get();
        return amount.isEmpty() || !amount.get().currency().equals(threshold.currency())
                || Math.abs(amount.get().minor()) > threshold.minor();
    }
}
