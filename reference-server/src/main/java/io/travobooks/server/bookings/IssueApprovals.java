package io.travobooks.server.bookings;

import io.travobooks.booking.BookingStatus;
import io.travobooks.booking.service.Booking;
import io.travobooks.booking.service.BookingService;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Call;
import io.travobooks.server.runtime.ServerDatabase;

import java.util.Optional;

/**
 * The bookings' own approval step (an issue above the agency's limit waits for an approver) under the
 * maker-checker rule that matters there: the person who asked for the issue cannot approve it. The issue that
 * starts a wait records who asked, keyed by the wait's request id (a re-issue after a rejection is a new wait);
 * approving checks it first and changes nothing else, so the booking's own state stays the one record of the
 * decision. A wait that began before such records existed is approved as before.
 */
final class IssueApprovals {
    private final ServerDatabase database;
    private final BookingService bookings;

    IssueApprovals(ServerDatabase database, BookingService bookings) {
        this.database = database;
        this.bookings = bookings;
    }

    /** After an issue: when the booking now waits, who asked for it is recorded (a repeat changes nothing). */
    Booking issued(Call call, Booking booking) {
        if (booking.status() instanceof BookingStatus.PendingApproval waiting) {
            database.inTransactionRetrying(handle -> {
                boolean known = handle.createQuery("SELECT COUNT(*) FROM booking_issue_asker WHERE partner_id = :t "
                                + "AND booking_id = :b AND request_id = :r")
                        .bind("t", call.tenant().value()).bind("b", booking.id()).bind("r", waiting.requestId())
                        .mapTo(Long.class).one() > 0;
                if (!known) {
                    handle.createUpdate("INSERT INTO booking_issue_asker (partner_id, booking_id, request_id, asker) "
                                    + "VALUES (:t, :b, :r, :a)")
                            .bind("t", call.tenant().value()).bind("b", booking.id()).bind("r", waiting.requestId())
                            .bind("a", call.caller().principal()).execute();
                }
                return known;
            });
        }
        return booking;
    }

    /** Before a booking is approved: refused when the approver is the person who asked for the issue. */
    void approving(Call call, String bookingId) {
        Optional<String> waiting = bookings.find(call.context(), bookingId).map(Booking::status)
                .filter(BookingStatus.PendingApproval.class::isInstance)
                .map(status -> ((BookingStatus.PendingApproval) status).requestId());
        if (waiting.isEmpty()) {
            return; // not waiting: the booking's own rules answer
        }
        Optional<String> asker = database.inTransaction(handle -> handle.createQuery("SELECT asker FROM "
                        + "booking_issue_asker WHERE partner_id = :t AND booking_id = :b AND request_id = :r")
                .bind("t", call.tenant().value()).bind("b", bookingId).bind("r", waiting.get())
                .mapTo(String.class).findOne());
        if (asker.filter(call.caller().principal()::equals).isPresent()) {
            throw new ApiProblem(422, "APPROVAL_SELF", "Refused",
                    "the person who asked for this issue cannot approve it");
        }
    }
}
