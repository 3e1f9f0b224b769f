package io.travobooks.booking.posting;

import io.travobooks.booking.BookingErrorCode;
import io.travobooks.spi.Money;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.ledger.Dimension;
import io.travobooks.spi.ledger.EntryLine;
import io.travobooks.spi.ledger.Side;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's posting rules: an ordered table, the first matching rule wins, so a specific rule goes before a
 * general one. {@link #linesFor} turns an event and its facts into the lines of its journal entries. The billing
 * calendar names the BSP billing period every line of a BSP sale carries.
 */
public record PostingRules(List<PostingRule> rules, BillingCalendar billingCalendar) {
    public PostingRules {
        rules = List.copyOf(rules);
        Objects.requireNonNull(billingCalendar, "billingCalendar");
    }

    /** Rules billed twice a month (see {@link BillingCalendar#semiMonthly}). */
    public PostingRules(List<PostingRule> rules) {
        this(rules, BillingCalendar.semiMonthly());
    }

    /** The same rules under another billing calendar. */
    public PostingRules withBillingCalendar(BillingCalendar calendar) {
        return new PostingRules(rules, calendar);
    }

    public Optional<PostingRule> find(PostingKey key) {
        return rules.stream().filter(rule -> rule.matches(key)).findFirst();
    }

    /**
     * The lines of each entry the event posts, with the facts' dimensions on every line. Refused when no rule
     * matches ({@code BOOKING_NO_POSTING_RULE}), a rule does not balance for these facts
     * ({@code BOOKING_POSTING_RULE_UNBALANCED}: an edited rule with a line missing), or every amount is zero
     * ({@code BOOKING_INVALID_COMMAND}: the facts are missing).
     */
    public Outcome<List<List<EntryLine>>> linesFor(PostingKey key, PostingFacts facts) {
        Optional<PostingRule> rule = find(key);
        if (rule.isEmpty()) {
            return Outcome.refused(BookingErrorCode.BOOKING_NO_POSTING_RULE, "no posting rule for " + key);
        }
        List<List<EntryLine>> entries = new ArrayList<>();
        for (List<LineRule> template : rule.get().entries()) {
            List<EntryLine> lines = new ArrayList<>();
            long balance = 0;
            for (LineRule lineRule : template) {
                Money amount = facts.amount(lineRule.amount());
                Map<String, Money> perCode = lineRule.splitTaxes() ? facts.taxesByCode() : Map.of();
                for (Money tax : perCode.values()) {
                    amount = amount.minus(tax);
                }
                balance += addLine(lines, lineRule, amount, lineRule.taxCode(), facts);
                for (Map.Entry<String, Money> tax : perCode.entrySet()) {
                    balance += addLine(lines, lineRule, tax.getValue(), tax.getKey(), facts);
                }
            }
            if (balance != 0) {
                return Outcome.refused(BookingErrorCode.BOOKING_POSTING_RULE_UNBALANCED, "the rule for " + key
                        + " leaves " + new Money(balance, facts.currency()) + " unbalanced");
            }
            if (!lines.isEmpty()) {
                entries.add(List.copyOf(lines));
            }
        }
        if (entries.isEmpty()) {
            return Outcome.refused(BookingErrorCode.BOOKING_INVALID_COMMAND, "every amount the rule for " + key
                    + " posts is zero: the event's facts are missing");
        }
        return Outcome.ok(List.copyOf(entries));
    }

    /** Adds the line for {@code amount} (none when zero, the other side when negative); its signed debit. */
    private static long addLine(List<EntryLine> lines, LineRule rule, Money amount, String taxCode,
                                PostingFacts facts) {
        if (amount.minor() == 0) {
            return 0;
        }
        Side side = amount.isPositive() ? rule.side() : rule.side().opposite();
        Money positive = amount.isPositive() ? amount : amount.negate();
        lines.add(withDimensions(new EntryLine(rule.account(), side, positive, Optional.empty(), facts.dimensions()),
                taxCode));
        return side == Side.DEBIT ? positive.minor() : -positive.minor();
    }

    private static EntryLine withDimensions(EntryLine line, String taxCode) {
        return taxCode.isEmpty() ? line : line.with(Dimension.TAX_CODE, taxCode);
    }
}
