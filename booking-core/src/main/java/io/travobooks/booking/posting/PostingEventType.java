package io.travobooks.booking.posting;

/**
 * A booking or settlement event that posts a journal entry. A void has no rule: it posts the exact reversal of the
 * issue entry, linked to it.
 */
public enum PostingEventType {
    DEPOSIT, ISSUE, REFUND, REFUND_PAYMENT, EXCHANGE, EMD, ADM_ACCEPTED, ADM_RECHARGED, ADM_DISPUTED,
    ADM_DISPUTE_WON, ADM_DISPUTE_LOST, ACM, CUSTOMER_PAYMENT, REMITTANCE,
    /** The passenger travelled on the document: commission deferred to travel is earned. */
    TRAVEL
}
