package io.travobooks.booking;

/** A booking event that posts to the ledger: the postings of a supplier action on the booking's documents. */
public enum PostingEvent { ISSUE, VOID, REFUND, EXCHANGE, EMD }
