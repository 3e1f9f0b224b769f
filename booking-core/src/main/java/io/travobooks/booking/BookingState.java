package io.travobooks.booking;

/**
 * The name of where a booking is in its life, as the store keeps and queries it; {@link BookingStatus} is the
 * status itself, with the data that state needs (docs/accounting.md): {@code DRAFT -> HELD -> PRICED -> [PENDING_APPROVAL] -> ISSUING ->
 * ISSUED}, {@code ISSUING -> ISSUE_UNKNOWN -> ISSUED | ISSUE_FAILED}, {@code ISSUED -> VOIDED | EXCHANGED |
 * REFUND_QUOTED -> REFUNDED}; a booking not yet ticketed ({@code HELD, PRICED, PENDING_APPROVAL, ISSUE_FAILED})
 * may expire or be cancelled (a draft may be cancelled), and after a definite failure it may be priced and
 * issued again.
 */
public enum BookingState {
    DRAFT, HELD, PRICED, PENDING_APPROVAL, ISSUING, ISSUE_UNKNOWN, ISSUED, ISSUE_FAILED, VOIDED, REFUND_QUOTED,
    REFUNDED, EXCHANGED, EXPIRED, CANCELLED;

    /**
     * No command moves a booking out of these. An exchange ends the booking's own documents; the new documents
     * belong to the follow-on booking the orchestrator opens in {@code ISSUED}.
     */
    public boolean isTerminal() {
        return switch (this) {
            case VOIDED, REFUNDED, EXCHANGED, EXPIRED, CANCELLED -> true;
            default -> false;
        };
    }
}
