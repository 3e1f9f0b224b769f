package io.travobooks.booking.posting;

import java.util.Objects;

/** What selects a rule: the event, the settlement channel, the form of payment and the accounting model. */
public record PostingKey(PostingEventType event, SettlementChannel channel, FormOfPayment payment,
                         AccountingModel model) {
    public PostingKey {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(model, "model");
    }
}
