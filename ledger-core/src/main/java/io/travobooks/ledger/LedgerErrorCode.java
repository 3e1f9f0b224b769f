package io.travobooks.ledger;

import io.travobooks.spi.ErrorCode;

/** Stable codes of every way the ledger refuses a request. Never renamed: clients match on them. */
public enum LedgerErrorCode implements ErrorCode {
    /** The debits and credits of some currency do not sum to the same amount. */
    LEDGER_UNBALANCED,
    /** The entry is malformed: fewer than two lines, a missing field, an FX detail on a functional-currency line. */
    LEDGER_INVALID_ENTRY,
    LEDGER_TENANT_NOT_FOUND,
    LEDGER_TENANT_EXISTS,
    LEDGER_ACCOUNT_NOT_FOUND,
    LEDGER_ACCOUNT_EXISTS,
    LEDGER_ACCOUNT_CLOSED,
    /** Closing an account that still has a posted or pending balance. */
    LEDGER_ACCOUNT_NOT_EMPTY,
    /** An account chart change that would make the hierarchy invalid (unknown parent, cycle). */
    LEDGER_INVALID_ACCOUNT,
    /** A line's currency differs from the single currency its account accepts. */
    LEDGER_CURRENCY_MISMATCH,
    /** The line would take a no-negative account below zero in its normal direction. */
    LEDGER_INSUFFICIENT_BALANCE,
    /** The line would take an account past its limit. */
    LEDGER_LIMIT_EXCEEDED,
    /** The effective date lies in a closed period. */
    LEDGER_PERIOD_CLOSED,
    /** A period close that would move the closed date backwards. */
    LEDGER_PERIOD_REOPEN_REFUSED,
    LEDGER_ENTRY_NOT_FOUND,
    /** Reversing an entry of a kind that cannot be reversed (pending, a void, a reversal, a year-end closing). */
    LEDGER_NOT_REVERSIBLE,
    LEDGER_ALREADY_REVERSED,
    /** Posting or voiding an entry that is not pending. */
    LEDGER_NOT_PENDING,
    LEDGER_PENDING_ALREADY_RESOLVED,
    LEDGER_PENDING_EXPIRED,
    /** Posting a pending entry for more than it reserved. */
    LEDGER_PENDING_AMOUNT_EXCEEDED,
    /** A query with a bad argument (an unreadable cursor, a reversed date range). */
    LEDGER_INVALID_REQUEST,
    /** In an all-or-nothing batch: this item was fine but another one was refused, so nothing was posted. */
    LEDGER_BATCH_ABORTED,
    /** An entry id in the space the ledger keeps for the entries it posts itself (see the sweeper). */
    LEDGER_ID_RESERVED,
    /** An entry id posted before with other content (as a result: {@link PostResult.Conflict}). */
    LEDGER_ID_CONFLICT
}
