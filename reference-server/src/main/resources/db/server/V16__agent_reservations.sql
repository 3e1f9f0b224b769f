-- The fare reserved in the ledger against an AI agent's budget for a booking's issue, until that issue settles:
-- then the reservation is posted (issued) or voided (failed), and its row goes. One per booking at a time, with the
-- booking's version when it was made: a booking priced again at a later version has seen its issue end without
-- tickets.
CREATE TABLE agent_reservations (
    partner_id      VARCHAR(64) NOT NULL,
    booking_id      VARCHAR(64) NOT NULL,
    pending_id      VARCHAR(64) NOT NULL,
    booking_version BIGINT      NOT NULL,
    PRIMARY KEY (partner_id, booking_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
