package io.travobooks.booking.service;

import io.travobooks.spi.RequestContext;

/** Whether issuing this booking for this caller needs an approver first (maker-checker). */
@FunctionalInterface
public interface ApprovalPolicy {

    ApprovalPolicy NEVER = (context, booking) -> false;

    boolean requiresApproval(RequestContext context, Booking booking);
}
