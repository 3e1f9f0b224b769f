package io.travobooks.messaging.webhook;

import io.travobooks.spi.ErrorCode;

/** Why an endpoint command was refused; nothing was written. */
public enum WebhookErrorCode implements ErrorCode {
    /** The tenant has no endpoint with that id. */
    WEBHOOK_ENDPOINT_NOT_FOUND,
    /** The tenant has an endpoint with that id already. */
    WEBHOOK_ENDPOINT_EXISTS,
    /** An endpoint id is 1 to 64 letters, digits, dots, dashes or underscores. */
    WEBHOOK_INVALID_ENDPOINT_ID,
    /** The URL does not parse, is not http(s), or the SSRF guard refuses where it resolves. */
    WEBHOOK_URL_REFUSED,
    /** An event type the catalog does not know. */
    WEBHOOK_UNKNOWN_EVENT_TYPE,
    /** The endpoint is no longer as the caller read it (another change came first): read it again. */
    WEBHOOK_ENDPOINT_CHANGED
}
