package io.travobooks.booking.posting;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an event posts when it matches: one or more entries, each a list of line rules. Empty match sets mean any
 * channel, form of payment or model. A card-paid issue, for example, posts the commission entry and the fee
 * invoice as two entries.
 */
public record PostingRule(PostingEventType event, Set<SettlementChannel> channels, Set<FormOfPayment> payments,
                          Set<AccountingModel> models, List<List<LineRule>> entries) {
    public PostingRule {
        Objects.requireNonNull(event, "event");
        channels = Set.copyOf(channels);
        payments = Set.copyOf(payments);
        models = Set.copyOf(models);
        entries = entries.stream().map(List::copyOf).toList();
        if (entries.isEmpty() || entries.stream().anyMatch(lines -> lines.size() < 2)) {
            throw new IllegalArgumentException("a posting rule posts entries of at least two lines: " + event);
        }
    }

    public boolean matches(PostingKey key) {
        return event == key.event()
                && (channels.isEmpty() || channels.contains(key.channel()))
                && (payments.isEmpty() || payments.contains(key.payment()))
                && (models.isEmpty() || models.contains(key.model()));
    }
}
