-- Fares reserved in the ledger against AI agents' budgets, by booking, until the booking's issue settles: then the
-- reservation is posted (issued) or voided (failed), and its row goes.
CREATE TABLE agent_reservations (
    partner_id VARCHAR(64) NOT NULL,
    pending_id VARCHAR(64) NOT NULL,
    booking_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (partner_id, pending_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_agent_reservations_booking ON agent_reservations (partner_id, booking_id);
