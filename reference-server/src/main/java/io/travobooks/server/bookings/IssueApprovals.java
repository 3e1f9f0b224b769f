package io.travobooks.server.bookings;

import io.travobooks.booking.BookingStatus;
import io.travobooks.booking.service.Booking;
import io.travobooks.identity.approval.ApprovalPolicy;
import io.travobooks.identity.approval.ApprovalRule;
import io.travobooks.identity.approval.Approvals;
import io.travobooks.server.auth.Sha256;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Call;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.approval.ApprovalRecord;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The bookings' own approval step (an issue above the agency's limit waits for an approver) kept by the
 * maker-checker rules: the issue that starts the wait records who asked, and approving or rejecting it goes through
 * those rules first, so the person who asked cannot approve their own ticket. A booking that waited before this
 * record existed is approved as before.
 */
final class IssueApprovals {
    static final String OPERATION = "issueBooking";
    /** The booking's own ticketing time limit ends the wait first; this only bounds the record. */
    private static final ApprovalPolicy POLICY = new ApprovalPolicy(List.of(ApprovalRule.always(OPERATION)),
            Duration.ofDays(30));

    private final Approvals approvals;

    IssueApprovals(Approvals approvals) {
        this.approvals = approvals;
    }

    /** After an issue: when the booking now waits, who asked for it is recorded (once: a repeat changes nothing). */
    Booking issued(Call call, Booking booking) {
        if (booking.status() instanceof BookingStatus.PendingApproval) {
            approvals.request(call.tenant(), id(booking.id()), OPERATION, "{\"booking_id\":\"" + booking.id() + "\"}",
                    call.caller().principal(), POLICY); // a second asker of the same wait is not its maker: ignored
        }
        return booking;
    }

    /** Before the booking is approved: refused when the approver is the one who asked. */
    void approving(Call call, String bookingId) {
        record(call, bookingId).ifPresent(held -> decided(approvals.approve(call.tenant(), held.id(),
                call.caller().principal(), held.payloadHash())));
    }

    void rejecting(Call call, String bookingId, String reason) {
        record(call, bookingId).ifPresent(held -> decided(approvals.reject(call.tenant(), held.id(),
                call.caller().principal(), reason)));
    }

    private Optional<ApprovalRecord> record(Call call, String bookingId) {
        return approvals.find(call.tenant(), id(bookingId));
    }

    private static void decided(Outcome<ApprovalRecord> outcome) {
        if (outcome instanceof Outcome.Refused<ApprovalRecord> refused) {
            throw ApiProblem.refused(refused.rejection());
        }
    }

    /** One record per booking: an id of a fixed length whatever the booking's. */
    private static String id(String bookingId) {
        return "bki_" + Sha256.hex(bookingId).substring(0, 40);
    }
}
