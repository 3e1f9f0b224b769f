-- Webhook endpoints, deliveries and attempts (JdbiWebhookStore), in the SQL subset shared by MySQL 8, MariaDB 10.11
-- and H2 (MySQL mode). partner_id leads every key.

CREATE TABLE webhook_endpoint (
    partner_id      VARCHAR(64)   NOT NULL,
    endpoint_id     VARCHAR(64)   NOT NULL,
    url             VARCHAR(2000) NOT NULL,
    event_types     VARCHAR(2000) NOT NULL,
    enabled         BOOLEAN       NOT NULL,
    disabled_reason VARCHAR(200)  NULL,
    secret          VARCHAR(200)  NOT NULL,
    previous_secret VARCHAR(200)  NULL,
    previous_until  DATETIME(6)   NULL,
    failing_since   DATETIME(6)   NULL,
    created_at      DATETIME(6)   NOT NULL,
    PRIMARY KEY (partner_id, endpoint_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One delivery per (endpoint, event): the unique key makes a second fan-out of the same event a no-op. A worker
-- claims a due delivery by writing its lease; a lease that passed is free again.
CREATE TABLE webhook_delivery (
    partner_id      VARCHAR(64)  NOT NULL,
    delivery_id     VARCHAR(64)  NOT NULL,
    endpoint_id     VARCHAR(64)  NOT NULL,
    event_id        VARCHAR(200) NOT NULL,
    event_type      VARCHAR(100) NOT NULL,
    payload         MEDIUMTEXT   NOT NULL,
    status          VARCHAR(12)  NOT NULL,
    attempts        INT          NOT NULL,
    next_attempt_at DATETIME(6)  NOT NULL,
    lease_owner     VARCHAR(64)  NULL,
    lease_until     DATETIME(6)  NULL,
    created_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (partner_id, delivery_id),
    UNIQUE (partner_id, endpoint_id, event_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_webhook_delivery_due ON webhook_delivery (status, next_attempt_at);
CREATE INDEX ix_webhook_delivery_dead ON webhook_delivery (partner_id, status, created_at);
-- A claim reads back what it leased by its token.
CREATE INDEX ix_webhook_delivery_lease ON webhook_delivery (lease_owner);

CREATE TABLE webhook_attempt (
    partner_id   VARCHAR(64) NOT NULL,
    delivery_id  VARCHAR(64) NOT NULL,
    attempt_no   INT         NOT NULL,
    attempted_at DATETIME(6) NOT NULL,
    status_code  INT         NULL,
    detail       TEXT        NOT NULL,
    took_millis  BIGINT      NOT NULL,
    PRIMARY KEY (partner_id, delivery_id, attempt_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
