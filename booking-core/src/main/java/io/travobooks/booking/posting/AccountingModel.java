package io.travobooks.booking.posting;

/** Agent (net): the ticket is a pass-through to BSP and revenue is commission and fees. Merchant: the agency buys and resells. */
public enum AccountingModel {
    AGENT, MERCHANT
}
