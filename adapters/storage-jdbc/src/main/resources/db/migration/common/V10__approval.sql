-- Requests held for a second person (JdbiApprovalStore), in the SQL subset shared by MySQL 8, MariaDB 10.11 and
-- H2 (MySQL mode). The payload is kept as it was requested, so that an approval executes exactly that.

CREATE TABLE approval_request (
    partner_id    VARCHAR(64)   NOT NULL,
    approval_id   VARCHAR(64)   NOT NULL,
    operation     VARCHAR(100)  NOT NULL,
    payload       MEDIUMTEXT    NOT NULL,
    payload_hash  VARCHAR(80)   NOT NULL,
    maker         VARCHAR(200)  NOT NULL,
    requested_at  DATETIME(6)   NOT NULL,
    expires_at    DATETIME(6)   NOT NULL,
    status        VARCHAR(12)   NOT NULL,
    checker       VARCHAR(200)  NULL,
    decided_at    DATETIME(6)   NULL,
    reason        VARCHAR(1000) NULL,
    PRIMARY KEY (partner_id, approval_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
