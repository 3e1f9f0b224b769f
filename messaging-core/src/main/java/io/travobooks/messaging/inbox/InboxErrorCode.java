package io.travobooks.messaging.inbox;

import io.travobooks.spi.ErrorCode;

/** Why the inbox refused a command; nothing was written or sent. */
public enum InboxErrorCode implements ErrorCode {
    /** The tenant has no conversation with that id. */
    INBOX_CONVERSATION_NOT_FOUND,
    /** A reply, booking id or assignee was empty or too long. */
    INBOX_INVALID_INPUT,
    /** No provider is configured for the channel the customer used. */
    INBOX_NO_CHANNEL,
    /** WhatsApp: the customer last wrote more than 24 hours ago, so only an approved template may be sent. */
    INBOX_WINDOW_CLOSED,
    /** The provider refused the reply (an invalid address, content refused). */
    INBOX_SEND_REJECTED,
    /** No provider could take the reply now; try again later. */
    INBOX_SEND_FAILED,
    /**
     * The provider's answer did not come back: the reply may have gone out. It is not filed; sending it again may
     * deliver it twice.
     */
    INBOX_SEND_UNKNOWN
}
