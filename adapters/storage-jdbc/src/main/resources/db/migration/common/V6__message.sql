-- Delivery status of notification messages (JdbiMessageStore), in the SQL subset shared by MySQL 8, MariaDB 10.11 and
-- H2 (MySQL mode). One row per message: an event, a recipient and a channel.

CREATE TABLE message_delivery (
    partner_id          VARCHAR(64)  NOT NULL,
    message_id          VARCHAR(200) NOT NULL,
    event_id            VARCHAR(200) NOT NULL,
    channel             VARCHAR(16)  NOT NULL,
    recipient           VARCHAR(320) NOT NULL,
    status              VARCHAR(12)  NOT NULL,
    provider            VARCHAR(64)  NULL,
    provider_message_id VARCHAR(200) NULL,
    reason              VARCHAR(1000) NULL,
    seq                 BIGINT       NOT NULL AUTO_INCREMENT,
    updated_at          DATETIME(6)  NOT NULL,
    PRIMARY KEY (partner_id, message_id),
    UNIQUE (seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_message_delivery_event ON message_delivery (partner_id, event_id, seq);
-- Provider callbacks find their message by the provider's id.
CREATE INDEX ix_message_delivery_provider ON message_delivery (provider, provider_message_id);
