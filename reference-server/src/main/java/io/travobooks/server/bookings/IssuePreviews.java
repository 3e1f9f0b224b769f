package io.travobooks.server.bookings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.travobooks.booking.BookingErrorCode;
import io.travobooks.booking.service.Booking;
import io.travobooks.booking.service.BookingService;
import io.travobooks.ledger.JournalEntry;
import io.travobooks.server.bookings.BookingViews.MoneyView;
import io.travobooks.server.auth.Caller;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Call;
import io.travobooks.server.http.Json;
import io.travobooks.server.ledger.LedgerViews;
import io.travobooks.server.ledger.Postings;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * An issue's preview over HTTP, named by a hash of everything it shows (the booking's version included), and the
 * check that an issue given such a hash posts what was previewed: what a person approved, or an agent decided on,
 * is what happens.
 */
final class IssuePreviews {
    private static final Set<BookingErrorCode> BOOKING_MISSING = Set.of(BookingErrorCode.BOOKING_NOT_FOUND);

    private final BookingService service;
    private final BiPredicate<Caller, Booking> agentApproval;

    /** {@code agentApproval}: whether the caller's mandate holds an issue of the booking for a person's approval. */
    IssuePreviews(BookingService service, BiPredicate<Caller, Booking> agentApproval) {
        this.service = service;
        this.agentApproval = agentApproval;
    }

    record EntryView(String id, LocalDate effectiveDate, String description, List<LedgerViews.LineView> lines) {
        static EntryView of(JournalEntry entry) {
            return new EntryView(entry.id().value(), entry.effectiveDate(), entry.description(),
                    entry.lines().stream().map(LedgerViews.LineView::of).toList());
        }
    }

    record PreviewView(String bookingId, long bookingVersion, MoneyView fareTotal, MoneyView customerTotal,
                       List<EntryView> entries, boolean approvalRequired, String previewHash) {
    }

    PreviewView preview(Call call, String bookingId) {
        BookingService.IssuePreview preview = Postings.orThrow(service.previewIssue(call.context(), bookingId),
                BOOKING_MISSING);
        Booking booking = preview.booking();
        PreviewView unhashed = new PreviewView(booking.id(), booking.version(), MoneyView.of(booking.fareTotal()),
                MoneyView.of(booking.customerTotal()), preview.entries().stream().map(EntryView::of).toList(),
                preview.approvalRequired() || agentApproval.test(call.caller(), booking), "");
        return new PreviewView(unhashed.bookingId(), unhashed.bookingVersion(), unhashed.fareTotal(),
                unhashed.customerTotal(), unhashed.entries(), unhashed.approvalRequired(), hash(unhashed));
    }

    /** Refuses an issue whose request names a preview that is no longer what the issue would do. */
    void check(Call call, String bookingId) {
        Optional<String> expected = Optional.ofNullable(call.body().get("preview_hash")).map(JsonNode::asText);
        if (expected.isPresent() && !preview(call, bookingId).previewHash().equals(expected.get())) {
            throw new ApiProblem(409, "ISSUE_PREVIEW_CHANGED", "Conflict", "the booking or what its issue would "
                    + "post changed since the preview " + expected.get() + "; preview it again");
        }
    }

    /**
     * SHA-256 of the preview's canonical JSON, without what does not change what the issue does: the hash itself,
     * the day the entries are dated (an issue approved after midnight posts the same), and whether it waits for an
     * approver (which depends on who asks).
     */
    private static String hash(PreviewView unhashed) {
        ObjectNode tree = Json.MAPPER.valueToTree(unhashed);
        tree.remove(List.of("preview_hash", "approval_required"));
        tree.withArray("entries").forEach(entry -> ((ObjectNode) entry).remove("effective_date"));
        ByteArrayOutputStream canonical = new ByteArrayOutputStream();
        Json.writeCanonical(tree, canonical);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
