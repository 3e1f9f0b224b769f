package io.travobooks.booking.posting;

/**
 * How the customer pays the ticket: to the agency ({@code AGENCY}, cash or transfer, invoiced on receivable), from
 * a deposit taken at hold ({@code DEPOSIT}), or by card charged by the airline through BSP ({@code CUSTOMER_CARD}:
 * the agency books only its commission and invoices its fee apart).
 */
public enum FormOfPayment {
    AGENCY, DEPOSIT, CUSTOMER_CARD
}
