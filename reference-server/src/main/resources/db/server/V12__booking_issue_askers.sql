-- Who asked for each issue that waits for an approver (the booking's wait is named by its request id): the same
-- person cannot approve it.
CREATE TABLE booking_issue_asker (
    partner_id VARCHAR(64)  NOT NULL,
    booking_id VARCHAR(64)  NOT NULL,
    request_id VARCHAR(128) NOT NULL,
    asker      VARCHAR(200) NOT NULL,
    PRIMARY KEY (partner_id, booking_id, request_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
