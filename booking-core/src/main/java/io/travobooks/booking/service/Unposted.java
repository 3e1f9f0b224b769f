package io.travobooks.booking.service;

import io.travobooks.booking.PostingEvent;
import io.travobooks.booking.internal.BookingEffect;

import java.time.Instant;
import java.util.Objects;

/**
 * A supplier action whose journal entries the ledger refused. An issue or a void is recorded all the same (the
 * booking is ISSUED or VOIDED) and its postings wait for {@link BookingService#repost}, which the reconciler also
 * tries. A refund, EMD or exchange answer is not recorded yet: the reconciler learns it from the supplier again and
 * records it, postings included, once the ledger takes them. Meanwhile the supplier is asked for nothing more on the
 * booking. Never silent: the booking carries this, its deadline makes the reconciler find it, and an
 * {@code accounting.posting_refused} event announced it.
 *
 * @param event  what waits: {@code ISSUE} (the tickets' issue and the deposit capture), {@code VOID}, or the
 *               {@code REFUND}, {@code EMD} or {@code EXCHANGE} answer still to be recorded
 * @param reason the ledger's refusal
 * @param since  when the supplier's action was recorded
 */
public record Unposted(PostingEvent event, String reason, Instant since) {
    public Unposted {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
    }
}
