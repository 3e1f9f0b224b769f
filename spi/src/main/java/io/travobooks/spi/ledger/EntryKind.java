package io.travobooks.spi.ledger;

public enum EntryKind {
    /** An ordinary posted entry. */
    STANDARD,
    /** Reserves amounts (moves pending, not posted balances) until posted or voided. */
    PENDING,
    /** Posts a pending entry, in full or for less. */
    POST_PENDING,
    /** Releases a pending entry's reservation; has no lines. */
    VOID_PENDING,
    /** The exact opposite of an earlier entry. */
    REVERSAL,
    /** The year-end entry that moves revenue and expense into retained earnings. */
    CLOSING
}
