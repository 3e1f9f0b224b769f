package io.travobooks.spi.travel;

/** An accountable document: a ticket, an EMD tied to a ticket coupon (a bag) or a standalone EMD (a change fee). */
public enum DocumentType {
    TICKET, EMD_ASSOCIATED, EMD_STANDALONE
}
