package io.travobooks.booking.service;

import io.travobooks.booking.BookingEffect;

import java.time.Instant;
import java.util.Objects;

/**
 * A supplier action the booking records but whose journal entries the ledger refused when it was recorded: the
 * airline issued or voided, so the booking says so, and its posting waits for {@link BookingService#repost} (which
 * the reconciler's sweep also tries) once the cause is removed. Never silent: such a booking carries this, its
 * deadline makes the sweep find it, and a {@code accounting.posting_refused} event announced it.
 *
 * @param event  what waits to be posted: {@code ISSUE} (the tickets' issue and the deposit capture) or {@code VOID}
 * @param reason the ledger's refusal
 * @param since  when the supplier's action was recorded
 */
public record Unposted(BookingEffect.PostingEvent event, String reason, Instant since) {
    public Unposted {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
    }
}
