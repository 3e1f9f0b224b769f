package io.travobooks.booking.posting;

/**
 * The quantities a posting rule refers to. The first group are facts of the event; the second are derived from
 * them the same way for every tenant (see {@link PostingFacts#amount}).
 */
public enum PostingAmount {
    // facts
    BASE_FARE, CARRIER_SURCHARGES, TAXES, COMMISSION, SERVICE_FEE, SERVICE_FEE_TAX, MARKUP,
    /** What the airline pays back on a refund, before the commission it recalls. */
    REFUNDABLE, COMMISSION_RECALLED, FARE_DIFFERENCE, CHANGE_PENALTY, EMD_AMOUNT,
    /** An ADM's or ACM's amount. */
    MEMO_AMOUNT, PAYMENT,
    /** A BSP billing's net the agency owes, and what its bank actually paid. */
    REMITTANCE_BILLED, REMITTANCE_PAID,
    // derived
    /** Base fare + carrier surcharges (YQ/YR) + government taxes. */
    TICKET_TOTAL,
    /** What BSP collects: ticket total less commission. */
    NET_REMIT,
    /** What the customer is invoiced: ticket total + markup + service fee + its tax. */
    CUSTOMER_TOTAL,
    /** Service fee and its tax, invoiced apart when the airline charged the customer's card. */
    FEE_WITH_TAX,
    /** What BSP refunds the agency: refundable less the commission it recalls. */
    REFUND_NET,
    /** What the customer gets back: refundable less the refund fee and its tax. */
    REFUND_TO_CUSTOMER,
    /** An exchange's collection from the customer: fare difference + change penalty + reissue fee + its tax. */
    ADDITIONAL_COLLECTION,
    /** What BSP collects on an exchange: fare difference + change penalty less commission on the difference. */
    EXCHANGE_NET_REMIT,
    /** Bank paid minus billed: the unexplained difference of a remittance (negative when the bank paid less). */
    REMITTANCE_VARIANCE
}
