-- The audit log: every mutation and security event, per tenant, each row hashed with the row before it (hash over
-- the previous hash and the row's fields), so that a row changed or removed behind the server's back breaks the
-- chain. audit_head holds each tenant's last seq and hash: appends lock it, so the chain has one order. The server
-- only ever inserts here. Sign-in attempts at unknown addresses have no tenant: they go to the chain '*'.
CREATE TABLE audit_log (
    partner_id      VARCHAR(64)  NOT NULL,
    seq             BIGINT       NOT NULL,
    at              DATETIME(6)  NOT NULL,
    actor           VARCHAR(64)  NOT NULL,
    action          VARCHAR(80)  NOT NULL,
    resource        VARCHAR(255) NOT NULL,
    status          INT          NOT NULL,
    request_id      VARCHAR(64)  NOT NULL,
    idempotency_key VARCHAR(128) NULL,
    address         VARCHAR(64)  NOT NULL,
    user_agent      VARCHAR(255) NOT NULL,
    detail          TEXT         NOT NULL,
    hash            CHAR(64)     NOT NULL,
    PRIMARY KEY (partner_id, seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE TABLE audit_head (
    partner_id VARCHAR(64) NOT NULL,
    seq        BIGINT      NOT NULL,
    hash       CHAR(64)    NOT NULL,
    PRIMARY KEY (partner_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
