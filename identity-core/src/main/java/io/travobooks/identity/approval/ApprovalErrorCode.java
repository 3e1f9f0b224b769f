package io.travobooks.identity.approval;

import io.travobooks.spi.ErrorCode;

/** Why a request for approval, or a decision on one, was refused. */
public enum ApprovalErrorCode implements ErrorCode {
    /** The maker may not approve or reject their own request. */
    APPROVAL_SELF,
    /** The payload offered is not the one that was requested. */
    APPROVAL_PAYLOAD_CHANGED,
    /** The request waited longer than its policy allows. */
    APPROVAL_EXPIRED,
    /** Someone has already decided. */
    APPROVAL_DECIDED,
    /** The tenant has no request with this id. */
    APPROVAL_NOT_FOUND,
    /** The tenant already has another request with this id. */
    APPROVAL_DUPLICATE,
    /** An id, operation, payload, principal or reason that is empty or too long. */
    APPROVAL_INVALID_INPUT
}
