package io.travobooks.server.mandates;

import io.travobooks.spi.ErrorCode;

/** Why a mandate refused what an AI agent asked. */
public enum MandateCode implements ErrorCode {
    /** The fare would pass the agent's total or daily budget. */
    MANDATE_BUDGET_EXCEEDED,
    /** The booking's fare is above what the agent may spend on one booking. */
    MANDATE_PER_BOOKING_EXCEEDED,
    /** The booking is priced in another currency than the mandate's. */
    MANDATE_CURRENCY,
    /** The mandate does not allow the booking's airline or route. */
    MANDATE_JOURNEY_NOT_ALLOWED,
    /** An agent's key confirmed an exchange: its mandate does not cover them. */
    MANDATE_EXCHANGE_NOT_COVERED,
    /** The mandate does not list the tool. */
    MANDATE_TOOL_NOT_ALLOWED,
    /** Another issue of the booking holds a reservation of an agent's budget: try again once it has settled. */
    MANDATE_ISSUE_IN_PROGRESS,
    /** A key with a mandate makes no keys: a new key would not be bound by it. */
    MANDATE_NO_KEYS
}
